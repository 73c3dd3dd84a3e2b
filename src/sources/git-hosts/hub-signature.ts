// "X-Hub-Signature"-style request signatures (GitHub, Bitbucket Server): `<alg>=<hex HMAC of the
// raw body, keyed with the webhookSecret>`, compared in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IngressRequest, RouteSpec, SourceServices } from '../source-type.js';
import { badSignature, type Rejection } from '../push-common/replies.js';
import { optionalRouteSecret } from '../push-common/route-secrets.js';

export type HubAlgorithm = 'sha1' | 'sha256' | 'sha512';

/** `reason` completes a sentence that starts with the header's name ("X-Hub-Signature-256 …"). */
type SignatureVerdict = { ok: true } | { ok: false; reason: string };

function verifyHubSignature(
  signature: string,
  body: Buffer,
  secret: string,
  accepted: readonly HubAlgorithm[],
): SignatureVerdict {
  if (signature === '') return { ok: false, reason: 'is missing' };
  const eq = signature.indexOf('=');
  const alg = signature.slice(0, eq) as HubAlgorithm;
  const hex = signature.slice(eq + 1);
  if (eq < 0 || !accepted.includes(alg)) {
    return { ok: false, reason: `is malformed: expected ${accepted.map((a) => `${a}=<hex>`).join(' or ')}` };
  }
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) return { ok: false, reason: 'is malformed: the digest is not hex' };
  const given = Buffer.from(hex, 'hex');
  const expected = createHmac(alg, secret).update(body).digest();
  if (given.length !== expected.length) {
    timingSafeEqual(expected, expected);
    return { ok: false, reason: 'does not match the body' };
  }
  return timingSafeEqual(given, expected) ? { ok: true } : { ok: false, reason: 'does not match the body' };
}

/**
 * With a `webhookSecret` in the config, the delivery's `signature` must match the raw body;
 * undefined when it does or no secret is set, else the reply: a 401 saying which header was wrong
 * and how, or a 500 when this server cannot resolve the secret.
 */
export function checkHubSignature(
  req: IngressRequest,
  route: RouteSpec,
  services: SourceServices,
  signature: string,
  how: { accepted: readonly HubAlgorithm[]; header: string; host: string },
): Rejection | undefined {
  const secret = optionalRouteSecret(route, 'webhookSecret', services);
  if (!secret.ok) return secret.rejected;
  if (secret.value === undefined) return undefined;
  const verdict = verifyHubSignature(signature, req.rawBody, secret.value, how.accepted);
  if (verdict.ok) return undefined;
  return badSignature(`${how.header} ${verdict.reason}; ${how.host} signs with the webhookSecret`);
}
