// A loopback stand-in for an S3-compatible store (MinIO-like, path-style /bucket/key) that checks
// the SigV4 signature of every signed GET the way S3 does: it rebuilds the canonical request
// from what arrived on the wire (method, raw path, the headers named in SignedHeaders, the
// declared payload hash) and recomputes the signature from the secret it knows. It answers
// errors with S3's XML error documents — including, as AWS does on SignatureDoesNotMatch, the
// access key id and the string to sign — so tests can prove the client does not echo them.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { makeSelfSignedCert } from '../self-signed-cert.js';
import type { AddressInfo } from 'node:net';
import {
  canonicalRequest,
  signature,
  stringToSign,
  type SigV4Credentials,
} from '../../../activities/artifacts/aws-sigv4.js';

export interface TlsIdentity {
  key: string;
  /** self-signed, for 127.0.0.1: also the CA a client must trust */
  cert: string;
}

/** A key and a self-signed certificate for IP 127.0.0.1 (made by the openssl binary). */
export function makeLoopbackTlsIdentity(): TlsIdentity {
  return makeSelfSignedCert({ rsa: true, commonName: 's3.fake.test' });
}

export interface FakeS3Options {
  credentials: SigV4Credentials;
  /** the region signatures must be scoped to (us-east-1 unless told) */
  region?: string;
  tls?: TlsIdentity;
  /** buckets anyone may read without signing */
  publicBuckets?: string[];
}

export interface FakeS3Call {
  method: string;
  /** the raw request target, as received */
  path: string;
  headers: IncomingMessage['headers'];
  /** 'signed' (signature verified), 'anonymous', or the S3 error code the call was refused with */
  verdict: string;
}

export interface FakeS3 {
  /** host:port, as a Sensor's `endpoint` */
  endpoint: string;
  calls: FakeS3Call[];
  put(bucket: string, key: string, body: string): void;
  /** answer GETs of bucket/key with `status` and the S3 error `code` */
  fail(bucket: string, key: string, status: number, code: string): void;
  close(): Promise<void>;
}

interface Refusal {
  status: number;
  code: string;
  extra?: Record<string, string>;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;
const MAX_SKEW_MS = 15 * 60_000;

function amzDateToMs(v: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : NaN;
}

/** undefined when the request's signature is right, else why S3 would refuse it. */
function checkSignature(req: IncomingMessage, creds: SigV4Credentials, region: string): Refusal | undefined {
  const m = AUTHORIZATION.exec(String(req.headers.authorization));
  if (!m) return { status: 400, code: 'AuthorizationHeaderMalformed' };
  const [, accessKeyId, date, scopeRegion, service, signed, sig] = m as unknown as string[];
  if (accessKeyId !== creds.accessKeyId) return { status: 403, code: 'InvalidAccessKeyId' };
  if (scopeRegion !== region || service !== 's3')
    return { status: 400, code: 'AuthorizationHeaderMalformed', extra: { Region: region } };
  const names = signed!.split(';');
  for (const needed of ['host', 'x-amz-date', 'x-amz-content-sha256'])
    if (!names.includes(needed)) return { status: 403, code: 'AccessDenied' };
  const amzDate = String(req.headers['x-amz-date']);
  if (!amzDate.startsWith(date!)) return { status: 403, code: 'SignatureDoesNotMatch' };
  if (!(Math.abs(Date.now() - amzDateToMs(amzDate)) <= MAX_SKEW_MS))
    return { status: 403, code: 'RequestTimeTooSkewed' };
  const headers: Record<string, string> = {};
  for (const name of names) headers[name] = String(req.headers[name] ?? '');
  const [path = '', query = ''] = (req.url ?? '').split('?');
  const canonical = canonicalRequest({
    method: req.method ?? '',
    path,
    query,
    headers,
    payloadHash: String(req.headers['x-amz-content-sha256']),
  });
  const scope = { date: date!, region: scopeRegion!, service: service! };
  const toSign = stringToSign(amzDate, scope, canonical.text);
  if (signature(creds.secretAccessKey, scope, toSign) === sig) return undefined;
  return {
    status: 403,
    code: 'SignatureDoesNotMatch',
    extra: { AWSAccessKeyId: accessKeyId!, StringToSign: toSign, CanonicalRequest: canonical.text },
  };
}

function sendError(res: ServerResponse, refusal: Refusal, resource: string): void {
  const fields = {
    Code: refusal.code,
    Message: `fake S3 says ${refusal.code}`,
    Resource: resource,
    ...refusal.extra,
  };
  const xml = Object.entries(fields)
    .map(([k, v]) => `<${k}>${v.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</${k}>`)
    .join('');
  res
    .writeHead(refusal.status, { 'content-type': 'application/xml' })
    .end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error>${xml}</Error>`);
}

export async function startFakeS3(opts: FakeS3Options): Promise<FakeS3> {
  const region = opts.region ?? 'us-east-1';
  const objects = new Map<string, string>();
  const buckets = new Set<string>();
  const failures = new Map<string, Refusal>();
  const calls: FakeS3Call[] = [];

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const call: FakeS3Call = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      verdict: '',
    };
    calls.push(call);
    const [, rawBucket = '', ...rawKey] = (req.url ?? '').split('?')[0]!.split('/');
    const bucket = decodeURIComponent(rawBucket);
    const key = decodeURIComponent(rawKey.join('/'));
    const refuse = (r: Refusal) => {
      call.verdict = r.code;
      sendError(res, r, `/${bucket}/${key}`);
    };
    if (req.headers.authorization !== undefined) {
      const refusal = checkSignature(req, opts.credentials, region);
      if (refusal) return refuse(refusal);
      call.verdict = 'signed';
    } else if (opts.publicBuckets?.includes(bucket)) {
      call.verdict = 'anonymous';
    } else {
      return refuse({ status: 403, code: 'AccessDenied' });
    }
    if (req.method !== 'GET') return refuse({ status: 405, code: 'MethodNotAllowed' });
    const failure = failures.get(`${bucket}/${key}`);
    if (failure) return refuse(failure);
    if (!buckets.has(bucket)) return refuse({ status: 404, code: 'NoSuchBucket' });
    const body = objects.get(`${bucket}/${key}`);
    if (body === undefined) return refuse({ status: 404, code: 'NoSuchKey' });
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
  };

  const server = opts.tls
    ? createHttpsServer({ key: opts.tls.key, cert: opts.tls.cert }, handle)
    : createHttpServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    put(bucket, key, body) {
      buckets.add(bucket);
      objects.set(`${bucket}/${key}`, body);
    },
    fail(bucket, key, status, code) {
      buckets.add(bucket);
      failures.set(`${bucket}/${key}`, { status, code });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
