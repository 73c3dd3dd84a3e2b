// What a push source answers when it does not turn a request into events: one place for the
// status and code of each failure, so every type answers alike.
import type { HandlerResult } from '../source-type.js';
import { errorStatus, type ReplyErrorCode } from '../../errors/error-catalogue.js';

export type Rejection = Extract<HandlerResult, { kind: 'reject' }>;

/** A value, or the reply that says why there is none. */
export type Checked<T> = { ok: true; value: T } | { ok: false; rejected: Rejection };

export function reject(code: ReplyErrorCode, message: string): Rejection {
  return { kind: 'reject', status: errorStatus(code), code, message };
}

export const badBody = (message: string): Rejection => reject('EVT_ERR_INGRESS_BAD_BODY', message);

export const unauthorized = (message: string): Rejection => reject('EVT_ERR_INGRESS_UNAUTHORIZED', message);

export const badSignature = (message: string): Rejection => reject('EVT_ERR_INGRESS_BAD_SIGNATURE', message);

/** A request that is well formed and authentic but carries nothing to deliver (e.g. a filtered type). */
export function ignored(reason: string): HandlerResult {
  return { kind: 'reply', status: 200, body: { status: 'ignored', reason } };
}
