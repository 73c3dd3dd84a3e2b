// Verifying an SNS message's signature: the RSA key of the certificate at SigningCertURL (a
// trusted host only; certificates cached), SHA1 for SignatureVersion 1, SHA256 for 2, over the
// canonical string of the message's type.
import { X509Certificate, verify, type KeyObject } from 'node:crypto';
import type { Obj } from '../../vocabulary/shape-checks.js';
import { field, snsDigest, snsStringToSign } from './sns-message.js';
import { untrustedUrlReason } from './sns-trusted-urls.js';
import { boundedGet } from './sns-http.js';

const CERT_TIMEOUT_MS = 5_000;
const CERT_MAX_BYTES = 64 * 1024;
const CACHE_MAX = 64;

interface CachedCert {
  key: KeyObject;
  notBefore: number;
  notAfter: number;
}

// AWS rotates certificates under new URLs, so a URL's certificate never changes: cache by URL,
// oldest entry out first.
const certCache = new Map<string, Promise<CachedCert>>();

/** Forgets cached certificates (tests). */
export function clearSnsCertCache(): void {
  certCache.clear();
}

async function loadCert(url: string, doFetch: typeof fetch): Promise<CachedCert> {
  const pem = await boundedGet(url, doFetch, { timeoutMs: CERT_TIMEOUT_MS, maxBytes: CERT_MAX_BYTES });
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch (e) {
    throw new Error(`SigningCertURL does not serve a PEM certificate (${(e as Error).message})`);
  }
  return { key: cert.publicKey, notBefore: Date.parse(cert.validFrom), notAfter: Date.parse(cert.validTo) };
}

function cachedCert(url: string, doFetch: typeof fetch): Promise<CachedCert> {
  let entry = certCache.get(url);
  if (!entry) {
    entry = loadCert(url, doFetch);
    // A failed fetch is not remembered: the next message tries again.
    entry.catch(() => certCache.delete(url));
    certCache.set(url, entry);
    while (certCache.size > CACHE_MAX) certCache.delete(certCache.keys().next().value!);
  }
  return entry;
}

export type SignatureVerdict = { ok: true } | { ok: false; message: string };

/** Checks the message; an SnsFetchError (certificate unreachable) propagates so the caller can ask for a retry. */
export async function verifySnsMessage(
  msg: Obj,
  opts: { fetch: typeof fetch; trustedOrigins: string[]; nowMs: number },
): Promise<SignatureVerdict> {
  const version = field(msg, 'SignatureVersion');
  const digest = snsDigest(version);
  if (!digest)
    return { ok: false, message: `unsupported SignatureVersion ${JSON.stringify(version)} (1 and 2 are)` };
  const signatureText = field(msg, 'Signature');
  if (
    signatureText === '' ||
    !/^[A-Za-z0-9+/]+={0,2}$/.test(signatureText) ||
    signatureText.length % 4 !== 0
  ) {
    return { ok: false, message: 'Signature is missing or not base64' };
  }
  const stringToSign = snsStringToSign(msg);
  if (stringToSign === undefined) {
    return { ok: false, message: `cannot verify a message of Type ${JSON.stringify(field(msg, 'Type'))}` };
  }
  const certUrl = field(msg, 'SigningCertURL');
  const untrusted = untrustedUrlReason('SigningCertURL', certUrl, opts.trustedOrigins);
  if (untrusted) return { ok: false, message: untrusted };
  const cert = await cachedCert(certUrl, opts.fetch);
  if (opts.nowMs < cert.notBefore || opts.nowMs > cert.notAfter) {
    return { ok: false, message: 'the signing certificate is not valid at this time' };
  }
  if (cert.key.asymmetricKeyType !== 'rsa')
    return { ok: false, message: 'the signing certificate has no RSA key' };
  const valid = verify(
    digest,
    Buffer.from(stringToSign, 'utf8'),
    cert.key,
    Buffer.from(signatureText, 'base64'),
  );
  return valid ? { ok: true } : { ok: false, message: 'Signature does not match the message' };
}
