// Validation of a resource trigger's `source` (Argo's ArtifactLocation), shared by the k8s and
// argoWorkflow trigger types; also the S3 endpoint check the S3 artifact reader reuses. Pure.
import type { PathSegment } from '../../src/vocabulary/field-path.js';
import type { Problems } from '../../src/vocabulary/problems.js';
import { boolAt, listAt, numberAt, objectAt, stringAt, type Obj } from '../../src/vocabulary/shape-checks.js';
import { checkSecretRef, checkStrings } from '../triggers/trigger-rules.js';

/** Argo refuses these in a git filePath or cloneDirectory (path traversal). */
const NOT_ALLOWED_IN_GIT_PATH = ['..', '~', '\\'];

function checkGitSource(p: Problems, git: Obj, path: PathSegment[]): void {
  stringAt(p, git.url, [...path, 'url'], true);
  for (const field of ['filePath', 'cloneDirectory'] as const) {
    const v = stringAt(p, git[field], [...path, field], field === 'filePath');
    const bad = v === undefined ? undefined : NOT_ALLOWED_IN_GIT_PATH.find((b) => v.includes(b));
    if (bad) p.add([...path, field], `${JSON.stringify(bad)} is not allowed in ${field}`);
  }
  for (const field of ['branch', 'tag', 'ref'] as const) stringAt(p, git[field], [...path, field], false);
  boolAt(p, git.insecureIgnoreHostKey, [...path, 'insecureIgnoreHostKey']);
  const creds = objectAt(p, git.creds, [...path, 'creds'], false);
  if (creds) {
    checkSecretRef(p, creds.username, [...path, 'creds', 'username'], true);
    checkSecretRef(p, creds.password, [...path, 'creds', 'password'], true);
  }
  checkSecretRef(p, git.sshKeySecret, [...path, 'sshKeySecret'], false);
  const app = objectAt(p, git.githubApp, [...path, 'githubApp'], false);
  if (app) {
    checkSecretRef(p, app.privateKey, [...path, 'githubApp', 'privateKey'], true);
    numberAt(p, app.appID, [...path, 'githubApp', 'appID'], { required: true, integer: true, min: 1 });
    numberAt(p, app.installationID, [...path, 'githubApp', 'installationID'], {
      required: true,
      integer: true,
      min: 1,
    });
  }
  const remote = objectAt(p, git.remote, [...path, 'remote'], false);
  if (remote) {
    stringAt(p, remote.name, [...path, 'remote', 'name'], true);
    if (listAt(p, remote.urls, [...path, 'remote', 'urls'], true)?.length === 0)
      p.add([...path, 'remote', 'urls'], 'needs at least one URL');
    checkStrings(p, remote.urls, [...path, 'remote', 'urls']);
  }
}

/** Why an S3 `endpoint` is not host[:port] (minio's form), or undefined when it is. */
export function s3EndpointProblem(endpoint: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint))
    return 'must be host[:port] without a scheme (set insecure: true for plain http)';
  if (/[/?#@\s]/.test(endpoint)) return 'must be host[:port] without a path, query or credentials';
  return undefined;
}

/** Argo's S3Artifact as a trigger source. events, filter and metadata serve the minio EventSource. */
function checkS3Source(p: Problems, s3: Obj, path: PathSegment[]): void {
  const endpoint = stringAt(p, s3.endpoint, [...path, 'endpoint'], true);
  const endpointProblem = endpoint === undefined ? undefined : s3EndpointProblem(endpoint);
  if (endpointProblem) p.add([...path, 'endpoint'], endpointProblem);
  const bucket = objectAt(p, s3.bucket, [...path, 'bucket'], true);
  if (bucket) {
    stringAt(p, bucket.name, [...path, 'bucket', 'name'], true);
    stringAt(p, bucket.key, [...path, 'bucket', 'key'], true);
  }
  const region = stringAt(p, s3.region, [...path, 'region'], false);
  if (region !== undefined && !/^[a-z0-9-]+$/.test(region))
    p.add([...path, 'region'], `must be a region name like us-east-1, got ${JSON.stringify(region)}`);
  boolAt(p, s3.insecure, [...path, 'insecure']);
  checkSecretRef(p, s3.accessKey, [...path, 'accessKey'], false);
  checkSecretRef(p, s3.secretKey, [...path, 'secretKey'], false);
  if ((s3.accessKey === undefined) !== (s3.secretKey === undefined)) {
    const missing = s3.accessKey === undefined ? 'accessKey' : 'secretKey';
    p.add([...path, missing], 'required with the other key (set both, or neither for anonymous access)');
  }
  checkSecretRef(p, s3.caCertificate, [...path, 'caCertificate'], false);
  checkStrings(p, s3.events, [...path, 'events']);
  const filter = objectAt(p, s3.filter, [...path, 'filter'], false);
  if (filter) {
    stringAt(p, filter.prefix, [...path, 'filter', 'prefix'], false);
    stringAt(p, filter.suffix, [...path, 'filter', 'suffix'], false);
  }
  const metadata = objectAt(p, s3.metadata, [...path, 'metadata'], false);
  for (const [k, v] of Object.entries(metadata ?? {})) stringAt(p, v, [...path, 'metadata', k], true);
}

/** A resource trigger's `source` (Argo's ArtifactLocation): exactly one location, well formed. */
export function checkSource(p: Problems, raw: unknown, path: PathSegment[]): void {
  const src = objectAt(p, raw, path, true);
  if (!src) return;
  const kinds = ['resource', 'inline', 'file', 'url', 'configmap', 'git', 's3'].filter(
    (k) => src[k] !== undefined,
  );
  if (kinds.length === 0) p.add(path, 'needs one of resource, inline, file, url, configmap, git, s3');
  if (kinds.length > 1) p.add(path, `set only one source, got ${kinds.join(', ')}`);
  if (src.resource !== undefined) objectAt(p, src.resource, [...path, 'resource'], true);
  if (src.inline !== undefined) stringAt(p, src.inline, [...path, 'inline'], true);
  const file = objectAt(p, src.file, [...path, 'file'], false);
  if (file) stringAt(p, file.path, [...path, 'file', 'path'], true);
  const url = objectAt(p, src.url, [...path, 'url'], false);
  if (url) {
    stringAt(p, url.path, [...path, 'url', 'path'], true);
    boolAt(p, url.verifyCert, [...path, 'url', 'verifyCert']);
  }
  const cm = objectAt(p, src.configmap, [...path, 'configmap'], false);
  if (cm) {
    stringAt(p, cm.name, [...path, 'configmap', 'name'], true);
    stringAt(p, cm.key, [...path, 'configmap', 'key'], true);
  }
  const git = objectAt(p, src.git, [...path, 'git'], false);
  if (git) checkGitSource(p, git, [...path, 'git']);
  const s3 = objectAt(p, src.s3, [...path, 's3'], false);
  if (s3) checkS3Source(p, s3, [...path, 's3']);
}
