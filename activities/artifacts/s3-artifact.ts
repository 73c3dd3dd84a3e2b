// `source.s3`: an object of an S3-compatible store (MinIO, AWS S3, …) fetched with one
// SigV4-signed GET on every fire, as Argo does with the minio client. Keys come from the secret
// store; without accessKey and secretKey the request is anonymous. `caCertificate` is the CA
// (PEM) trusted for this endpoint instead of the system's. Messages name the bucket, key and
// endpoint, never a credential, and never echo the server's error text (AWS puts the
// access key id and the string to sign in it).
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { SecretKeySelector } from '../../src/vocabulary/manifest-types.js';
import type { SecretStore } from '../../src/secrets/secret-store.js';
import { ArtifactError } from './artifact-error.js';
import { signRequest, type SigV4Credentials } from './aws-sigv4.js';
import { s3ObjectAddress, type S3ObjectAddress, type S3ObjectRef } from './s3-object-address.js';

export interface S3Artifact extends S3ObjectRef {
  accessKey?: SecretKeySelector;
  secretKey?: SecretKeySelector;
  caCertificate?: SecretKeySelector;
  /** bucket-notification fields of the minio EventSource: not used to read an object */
  events?: string[];
  filter?: { prefix?: string; suffix?: string };
  metadata?: Record<string, string>;
}

/** Argo reads at most this much of the object (1024*1224 bytes); Eventide refuses a larger one. */
export const MAX_S3_OBJECT_BYTES = 1024 * 1224;
const TIMEOUT_MS = 30_000;
const MAX_ERROR_BODY_BYTES = 8 * 1024;
/** Node's codes for a server certificate that is not trusted: retrying will not help. */
const UNTRUSTED_CERT_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function secretAt(secrets: SecretStore, ref: SecretKeySelector, field: string): string {
  try {
    return secrets.get(ref);
  } catch (e) {
    throw new ArtifactError(`source.s3.${field}: ${(e as Error).message}`, false);
  }
}

/** The keys, trimmed as Argo trims them; undefined (anonymous) when neither is set or both are empty. */
function credentialsOf(a: S3Artifact, secrets: SecretStore): SigV4Credentials | undefined {
  if (!a.accessKey && !a.secretKey) return undefined;
  if (!a.accessKey || !a.secretKey)
    throw new ArtifactError(
      'source.s3 needs both accessKey and secretKey (or neither, for anonymous access)',
      false,
    );
  const accessKeyId = secretAt(secrets, a.accessKey, 'accessKey').trim();
  const secretAccessKey = secretAt(secrets, a.secretKey, 'secretKey').trim();
  return accessKeyId === '' && secretAccessKey === '' ? undefined : { accessKeyId, secretAccessKey };
}

function send(
  at: S3ObjectAddress,
  headers: OutgoingHttpHeaders,
  ca: string | undefined,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const options = {
      method: 'GET',
      hostname: at.hostname,
      port: at.port,
      path: at.path,
      headers,
      timeout: TIMEOUT_MS,
    };
    const req =
      at.protocol === 'https:'
        ? httpsRequest({ ...options, ...(ca ? { ca } : {}) }, resolve)
        : httpRequest(options, resolve);
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error('no answer in time'), { code: 'ETIMEDOUT' })),
    );
    req.on('error', reject);
    req.end();
  });
}

async function readBody(res: IncomingMessage, limit: number): Promise<{ body: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      res.destroy();
      return { body: Buffer.concat(chunks), truncated: true };
    }
    chunks.push(chunk);
  }
  return { body: Buffer.concat(chunks), truncated: false };
}

/** One element of an S3 error document, only when it has the expected harmless shape. */
function errorField(xml: string, element: string, shape: RegExp): string | undefined {
  const value = new RegExp(`<${element}>([^<]*)</${element}>`).exec(xml)?.[1];
  return value !== undefined && shape.test(value) ? value : undefined;
}

function statusError(res: IncomingMessage, errorXml: string, at: S3ObjectAddress): ArtifactError {
  const status = res.statusCode ?? 0;
  const code = errorField(errorXml, 'Code', /^[A-Za-z0-9.]{1,64}$/);
  const answered = `S3 object ${at.name} answered ${status}${code ? ` ${code}` : ''}`;
  const headerRegion = res.headers['x-amz-bucket-region'];
  const region =
    (typeof headerRegion === 'string' && /^[a-z0-9-]{1,32}$/.test(headerRegion) ? headerRegion : undefined) ??
    errorField(errorXml, 'Region', /^[a-z0-9-]{1,32}$/);
  if (region && region !== at.region && status < 500)
    return new ArtifactError(`${answered}: the bucket is in region ${region}; set source.s3.region`, false);
  if (status === 404) return new ArtifactError(`${answered}: no such bucket or key`, false);
  if (status === 403)
    return new ArtifactError(
      `${answered}: check source.s3.accessKey, secretKey and region, and the bucket's policy`,
      false,
    );
  // 5xx, a timeout or throttling may pass; any other answer will not change by retrying.
  const retryable = status >= 500 || status === 408 || status === 429;
  return new ArtifactError(answered, retryable);
}

/** The object's text, and where it came from for messages. */
export async function readS3Artifact(
  a: S3Artifact,
  secrets: SecretStore,
): Promise<{ text: string; where: string }> {
  const at = s3ObjectAddress(a);
  const credentials = credentialsOf(a, secrets);
  const ca = a.caCertificate ? secretAt(secrets, a.caCertificate, 'caCertificate') : undefined;
  const headers = credentials
    ? signRequest({
        method: 'GET',
        host: at.host,
        path: at.path,
        region: at.region,
        service: 's3',
        credentials,
        now: new Date(),
      })
    : { host: at.host };
  const res = await send(at, headers, ca).catch((e: unknown) => {
    const code = (e as NodeJS.ErrnoException).code ?? 'network error';
    if (UNTRUSTED_CERT_CODES.has(code))
      throw new ArtifactError(
        `GET S3 object ${at.name} failed: the server's certificate is not trusted (${code}); ` +
          `${ca ? 'check that' : 'set'} source.s3.caCertificate ${ca ? 'holds' : 'to'} the CA (PEM) that issued it`,
        false,
      );
    throw new ArtifactError(`GET S3 object ${at.name} failed: ${code}`, true);
  });
  const status = res.statusCode ?? 0;
  if (status < 200 || status > 299) {
    const { body } = await readBody(res, MAX_ERROR_BODY_BYTES).catch(() => ({ body: Buffer.alloc(0) }));
    throw statusError(res, body.toString('utf8'), at);
  }
  const declared = Number(res.headers['content-length']);
  const tooLarge = () =>
    new ArtifactError(
      `S3 object ${at.name} is larger than ${MAX_S3_OBJECT_BYTES} bytes, the most a trigger source may hold`,
      false,
    );
  if (declared > MAX_S3_OBJECT_BYTES) {
    res.destroy();
    throw tooLarge();
  }
  const { body, truncated } = await readBody(res, MAX_S3_OBJECT_BYTES).catch((e: unknown) => {
    throw new ArtifactError(
      `reading S3 object ${at.name} failed: ${(e as NodeJS.ErrnoException).code ?? 'connection lost'}`,
      true,
    );
  });
  if (truncated) throw tooLarge();
  return { text: body.toString('utf8'), where: `S3 object ${at.name}` };
}
