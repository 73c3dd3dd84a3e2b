// Replies shared by the SaaS push sources (slack, stripe, sns): one place for the status + code
// of each failure, so the three types answer alike.
import type { SecretKeySelector } from '../../manifest/types.js';
import type { HandlerResult, SourceServices } from '../source-type.js';

export type Rejection = Extract<HandlerResult, { kind: 'reject' }>;

export function reject(status: number, code: string, message: string): Rejection {
  return { kind: 'reject', status, code, message };
}

export const unauthorized = (message: string): Rejection =>
  reject(401, 'EVT_ERR_INGRESS_UNAUTHORIZED', message);

export const badBody = (message: string): Rejection => reject(400, 'EVT_ERR_INGRESS_BAD_BODY', message);

/** A request that is well formed and authentic but carries nothing to deliver (e.g. a filtered type). */
export function ignored(reason: string): HandlerResult {
  return { kind: 'reply', status: 200, body: { status: 'ignored', reason } };
}

/**
 * A secret the spec names, or the 500 reply when this server cannot resolve it. `field` is the
 * spec field (never the secret's name or value), so the sender learns nothing about our secrets.
 */
export function lookupSecret(
  services: SourceServices,
  ref: SecretKeySelector,
  field: string,
): { value: string } | { rejected: Rejection } {
  const value = services.secrets.tryGet(ref);
  // An empty secret would make every HMAC forgeable: treat it as missing.
  if (value === undefined || value === '') {
    return {
      rejected: reject(
        500,
        'EVT_ERR_INGRESS_SECRET_MISSING',
        `${field} is not configured on this server (see README "Secrets")`,
      ),
    };
  }
  return { value };
}
