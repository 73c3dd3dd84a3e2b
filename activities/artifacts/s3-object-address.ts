// Where an S3 object lives, worked out the way the minio client does it: `endpoint` is
// host[:port] without a scheme, `insecure: true` means http; custom endpoints (MinIO, Ceph, …)
// are addressed path-style (/bucket/key), Amazon S3 endpoints virtual-hosted-style
// (bucket.s3.amazonaws.com/key) when the bucket name allows it. The region is `region`, else the
// one an Amazon endpoint names, else us-east-1.
import { s3EndpointProblem } from './artifact-source-rules.js';
import { ArtifactError } from './artifact-error.js';
import { uriEncodePath } from './aws-sigv4.js';

export interface S3ObjectRef {
  endpoint?: string;
  bucket?: { name?: string; key?: string };
  region?: string;
  insecure?: boolean;
}

export interface S3ObjectAddress {
  protocol: 'http:' | 'https:';
  hostname: string;
  /** the Host header: hostname plus :port when not the scheme's default */
  host: string;
  port: number;
  /** the request path, URI-encoded, as sent and as signed */
  path: string;
  region: string;
  /** bucket/key at endpoint, for messages */
  name: string;
}

const DEFAULT_REGION = 'us-east-1';
const AMAZON_S3_HOST =
  /^s3(?:-fips)?(?:[.-]dualstack)?(?:[.-]([a-z]{2}(?:-gov|-iso[a-z]*)?-[a-z]+-\d))?\.amazonaws\.com(?:\.cn)?$/;
/** Bucket names that can be a DNS label under https: no dots, no capitals. */
const VIRTUAL_HOST_BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

function required(value: string | undefined, field: string): string {
  if (typeof value !== 'string' || value === '')
    throw new ArtifactError(`source.s3.${field} is required`, false);
  return value;
}

export function s3ObjectAddress(a: S3ObjectRef): S3ObjectAddress {
  const endpoint = required(a.endpoint, 'endpoint');
  const bucket = required(a.bucket?.name, 'bucket.name');
  const key = required(a.bucket?.key, 'bucket.key');
  const problem = s3EndpointProblem(endpoint);
  if (problem) throw new ArtifactError(`source.s3.endpoint ${JSON.stringify(endpoint)} ${problem}`, false);
  const protocol = a.insecure === true ? 'http:' : 'https:';
  let url: URL;
  try {
    // URL drops a port that is the scheme's default, as minio does for the Host header.
    url = new URL(`${protocol}//${endpoint}`);
  } catch {
    throw new ArtifactError(
      `source.s3.endpoint ${JSON.stringify(endpoint)} is not a valid host[:port]`,
      false,
    );
  }
  const amazon = AMAZON_S3_HOST.exec(url.hostname);
  const region = a.region || amazon?.[1] || DEFAULT_REGION;
  const virtualHost = amazon !== null && VIRTUAL_HOST_BUCKET.test(bucket);
  const hostname = virtualHost ? `${bucket}.${url.hostname}` : url.hostname;
  return {
    protocol,
    hostname: hostname.replace(/^\[(.*)\]$/, '$1'),
    host: virtualHost ? `${bucket}.${url.host}` : url.host,
    port: url.port ? Number(url.port) : protocol === 'https:' ? 443 : 80,
    // Like minio, the key is taken as given: a leading '/' is part of it.
    path: uriEncodePath(virtualHost ? `/${key}` : `/${bucket}/${key}`),
    region,
    name: `${bucket}/${key} at ${endpoint}`,
  };
}
