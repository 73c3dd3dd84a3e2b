// Stripe's webhook signatures (https://docs.stripe.com/webhooks#verify-manually):
// Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]; each v1 is
// hex(HMAC-SHA256(endpoint secret, "{t}.{raw body}")), and any one matching is enough (several
// appear while a secret is being rolled). v0 and unknown schemes are ignored. As stripe-node's
// constructEvent does, only a timestamp older than the tolerance is refused: one ahead of the
// server clock is clock skew, and the signature still binds it to the body.
import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../push-common/constant-time.js';

export const STRIPE_DEFAULT_TOLERANCE_MS = 300_000;

function expectedV1(secret: string, t: string, rawBody: Buffer): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${t}.`);
  mac.update(rawBody);
  return mac.digest('hex');
}

/** Why the signature does not hold, or undefined when it does. */
export function stripeSignatureProblem(
  header: string | undefined,
  rawBody: Buffer,
  secret: string,
  nowMs: number,
  toleranceMs: number,
): string | undefined {
  if (!header) return 'missing Stripe-Signature header';
  let t: string | undefined;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') t = value;
    else if (key === 'v1') v1.push(value.toLowerCase());
  }
  if (t === undefined || !/^\d{1,12}$/.test(t)) return 'Stripe-Signature has no valid t= timestamp';
  if (v1.length === 0) return 'Stripe-Signature has no v1= signature';
  const ageMs = nowMs - Number(t) * 1000;
  if (ageMs > toleranceMs) {
    return `Stripe-Signature timestamp is ${Math.round(ageMs / 1000)} s old (tolerance ${toleranceMs / 1000} s): replayed request or clock skew`;
  }
  const expected = expectedV1(secret, t, rawBody);
  // Compare against every candidate so the time taken does not reveal which one matched.
  let match = false;
  for (const candidate of v1) match = constantTimeEqual(candidate, expected) || match;
  return match ? undefined : 'no v1 signature in Stripe-Signature matches the body';
}
