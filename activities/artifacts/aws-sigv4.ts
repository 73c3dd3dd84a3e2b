// AWS Signature Version 4 (header form) over node:crypto, without the AWS SDK. The steps are
// exported one by one so that tests can check each against AWS's documented examples and a
// fake server can verify what it receives by rebuilding the canonical request from the wire.
import { createHash, createHmac } from 'node:crypto';

const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';
/** SHA-256 of an empty body: the payload hash of a GET. */
export const EMPTY_PAYLOAD_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Who the signature is for: the day (YYYYMMDD), the region and the service. */
export interface SigV4Scope {
  date: string;
  region: string;
  service: string;
}

export interface CanonicalRequestInput {
  method: string;
  /** the path exactly as sent on the wire (already URI-encoded; S3 does not encode it twice) */
  path: string;
  /** the canonical query string, '' when there is none */
  query: string;
  /** the headers to sign, names in any case */
  headers: Record<string, string>;
  /** hex SHA-256 of the body, or UNSIGNED-PAYLOAD */
  payloadHash: string;
}

export interface CanonicalRequest {
  text: string;
  /** lower-case header names, sorted, joined by ';' */
  signedHeaders: string;
}

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: string | Buffer, text: string): Buffer =>
  createHmac('sha256', key).update(text, 'utf8').digest();

/** 2013-05-24T00:00:00.000Z → 20130524T000000Z */
export function amzDate(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Encodes each byte of an S3 object path except unreserved characters and '/'. */
export function uriEncodePath(path: string): string {
  return path
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/');
}

export function canonicalRequest(input: CanonicalRequestInput): CanonicalRequest {
  const headers = Object.entries(input.headers)
    .map(([name, value]) => [name.toLowerCase(), value.trim().replace(/\s+/g, ' ')] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = headers.map(([name]) => name).join(';');
  const text = [
    input.method.toUpperCase(),
    input.path,
    input.query,
    ...headers.map(([name, value]) => `${name}:${value}`),
    '',
    signedHeaders,
    input.payloadHash,
  ].join('\n');
  return { text, signedHeaders };
}

function credentialScope(scope: SigV4Scope): string {
  return `${scope.date}/${scope.region}/${scope.service}/aws4_request`;
}

export function stringToSign(amzDateTime: string, scope: SigV4Scope, canonicalText: string): string {
  return [SIGV4_ALGORITHM, amzDateTime, credentialScope(scope), sha256Hex(canonicalText)].join('\n');
}

export function signingKey(secretAccessKey: string, scope: SigV4Scope): Buffer {
  const kDate = hmac(`AWS4${secretAccessKey}`, scope.date);
  return hmac(hmac(hmac(kDate, scope.region), scope.service), 'aws4_request');
}

export function signature(secretAccessKey: string, scope: SigV4Scope, toSign: string): string {
  return hmac(signingKey(secretAccessKey, scope), toSign).toString('hex');
}

export interface SignRequestInput {
  method: string;
  /** the Host header as sent (host, plus :port when not the scheme's default) */
  host: string;
  path: string;
  query?: string;
  /** more headers to sign (besides host, x-amz-date and x-amz-content-sha256) */
  headers?: Record<string, string>;
  payloadHash?: string;
  region: string;
  service: string;
  credentials: SigV4Credentials;
  now: Date;
}

/** The headers to send: the signed ones plus Authorization. */
export function signRequest(input: SignRequestInput): Record<string, string> {
  const dateTime = amzDate(input.now);
  const payloadHash = input.payloadHash ?? EMPTY_PAYLOAD_SHA256;
  const headers: Record<string, string> = {
    ...input.headers,
    host: input.host,
    'x-amz-content-sha256': payloadHash,
    'x-amz-date': dateTime,
  };
  const scope: SigV4Scope = { date: dateTime.slice(0, 8), region: input.region, service: input.service };
  const canonical = canonicalRequest({
    method: input.method,
    path: input.path,
    query: input.query ?? '',
    headers,
    payloadHash,
  });
  const sig = signature(
    input.credentials.secretAccessKey,
    scope,
    stringToSign(dateTime, scope, canonical.text),
  );
  const credential = `${input.credentials.accessKeyId}/${credentialScope(scope)}`;
  return {
    ...headers,
    authorization: `${SIGV4_ALGORITHM} Credential=${credential},SignedHeaders=${canonical.signedHeaders},Signature=${sig}`,
  };
}
