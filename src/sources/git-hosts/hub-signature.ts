// "X-Hub-Signature"-style request signatures (GitHub, Bitbucket Server): `<alg>=<hex HMAC of the
// raw body, keyed with the webhook secret>`, compared in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { badSignature, type Rejection } from './git-event-data.js';

export type HubAlgorithm = 'sha1' | 'sha256' | 'sha512';

export type SignatureVerdict = { ok: true } | { ok: false; reason: string };

export function verifyHubSignature(
  signature: string,
  body: Buffer,
  secret: string,
  accepted: readonly HubAlgorithm[],
): SignatureVerdict {
  if (signature === '') return { ok: false, reason: 'missing' };
  const eq = signature.indexOf('=');
  const alg = signature.slice(0, eq) as HubAlgorithm;
  const hex = signature.slice(eq + 1);
  if (eq < 0 || !accepted.includes(alg)) {
    return { ok: false, reason: `malformed: expected ${accepted.map((a) => `${a}=<hex>`).join(' or ')}` };
  }
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) return { ok: false, reason: 'malformed: the digest is not hex' };
  const given = Buffer.from(hex, 'hex');
  const expected = createHmac(alg, secret).update(body).digest();
  if (given.length !== expected.length) {
    timingSafeEqual(expected, expected);
    return { ok: false, reason: 'does not match' };
  }
  return timingSafeEqual(given, expected) ? { ok: true } : { ok: false, reason: 'does not match' };
}

/** undefined when the signature is right; else a 401 saying which header was wrong and how. */
export function checkHubSignature(
  signature: string,
  body: Buffer,
  secret: string,
  accepted: readonly HubAlgorithm[],
  where: { header: string; host: string },
): Rejection | undefined {
  const verdict = verifyHubSignature(signature, body, secret, accepted);
  if (verdict.ok) return undefined;
  return badSignature(`${where.header} is ${verdict.reason}; ${where.host} signs with the webhookSecret`);
}
