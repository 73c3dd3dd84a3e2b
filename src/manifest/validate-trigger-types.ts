// Per-trigger-type rules (Argo's, plus Eventide's `temporal` trigger).
import type { PathSegment } from '../vocabulary/field-path.js';
import type { Problems } from '../vocabulary/problems.js';
import { boolAt, listAt, numberAt, objectAt, oneOf, stringAt, type Obj } from '../vocabulary/shape-checks.js';

export type ParamChecker = (
  p: Problems,
  raw: unknown,
  path: PathSegment[],
  opts?: { allowEmptyDest?: boolean },
) => void;

function checkSecretRef(p: Problems, raw: unknown, path: PathSegment[], required: boolean): void {
  const s = objectAt(p, raw, path, required);
  if (!s) return;
  stringAt(p, s.name, [...path, 'name'], true);
  stringAt(p, s.key, [...path, 'key'], true);
}

function checkParams(
  p: Problems,
  raw: unknown,
  path: PathSegment[],
  check: ParamChecker,
  allowEmptyDest = false,
): void {
  listAt(p, raw, path, false)?.forEach((param, i) => check(p, param, [...path, i], { allowEmptyDest }));
}

function checkStrings(p: Problems, raw: unknown, path: PathSegment[]): void {
  listAt(p, raw, path, false)?.forEach((v, i) => {
    if (typeof v !== 'string') p.add([...path, i], `must be a string, got ${JSON.stringify(v)}`);
  });
}

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
function checkSource(p: Problems, raw: unknown, path: PathSegment[]): void {
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

const HTTP_METHODS = ['GET', 'DELETE', 'PATCH', 'POST', 'PUT'] as const;

type Rule = (p: Problems, spec: Obj, path: PathSegment[], checkParam: ParamChecker) => void;

/** Validation of each type Eventide runs: a type without rules here is refused as unsupported. */
export const TRIGGER_RULES: Readonly<Record<string, Rule>> = {
  log(p, spec, path) {
    numberAt(p, spec.intervalSeconds, [...path, 'intervalSeconds'], { integer: true, min: 0 });
  },
  http(p, spec, path, checkParam) {
    stringAt(p, spec.url, [...path, 'url'], true);
    if (spec.method !== undefined)
      oneOf(
        p,
        typeof spec.method === 'string' ? spec.method.toUpperCase() : spec.method,
        [...path, 'method'],
        HTTP_METHODS,
      );
    numberAt(p, spec.timeout, [...path, 'timeout'], { integer: true, min: 0 });
    checkParams(p, spec.parameters, [...path, 'parameters'], checkParam);
    checkParams(p, spec.payload, [...path, 'payload'], checkParam, true);
    checkParams(p, spec.dynamicHeaders, [...path, 'dynamicHeaders'], checkParam);
    const headers = objectAt(p, spec.headers, [...path, 'headers'], false);
    for (const [k, v] of Object.entries(headers ?? {})) stringAt(p, v, [...path, 'headers', k], true);
    listAt(p, spec.secureHeaders, [...path, 'secureHeaders'], false)?.forEach((h, i) => {
      const ho = objectAt(p, h, [...path, 'secureHeaders', i], true);
      if (!ho) return;
      stringAt(p, ho.name, [...path, 'secureHeaders', i, 'name'], true);
      const vf = objectAt(p, ho.valueFrom, [...path, 'secureHeaders', i, 'valueFrom'], true);
      if (vf && vf.secretKeyRef === undefined && vf.configMapKeyRef === undefined) {
        p.add([...path, 'secureHeaders', i, 'valueFrom'], 'needs secretKeyRef');
      }
      if (vf?.secretKeyRef !== undefined)
        checkSecretRef(p, vf.secretKeyRef, [...path, 'secureHeaders', i, 'valueFrom', 'secretKeyRef'], true);
    });
    const basic = objectAt(p, spec.basicAuth, [...path, 'basicAuth'], false);
    if (basic) {
      checkSecretRef(p, basic.username, [...path, 'basicAuth', 'username'], false);
      checkSecretRef(p, basic.password, [...path, 'basicAuth', 'password'], false);
    }
  },
  temporal(p, spec, path, checkParam) {
    stringAt(p, spec.workflowType, [...path, 'workflowType'], true);
    stringAt(p, spec.taskQueue, [...path, 'taskQueue'], true);
    stringAt(p, spec.workflowId, [...path, 'workflowId'], false);
    stringAt(p, spec.signalName, [...path, 'signalName'], false);
    stringAt(p, spec.namespace, [...path, 'namespace'], false);
    listAt(p, spec.args, [...path, 'args'], false);
    checkParams(p, spec.parameters, [...path, 'parameters'], checkParam);
    checkParams(p, spec.payload, [...path, 'payload'], checkParam, true);
  },
  k8s(p, spec, path, checkParam) {
    checkSource(p, spec.source, [...path, 'source']);
    oneOf(p, spec.operation, [...path, 'operation'], ['create', 'update', 'patch', 'delete', '']);
    oneOf(
      p,
      spec.patchStrategy,
      [...path, 'patchStrategy'],
      [
        'application/json-patch+json',
        'application/merge-patch+json',
        'application/strategic-merge-patch+json',
        'application/apply-patch+yaml',
      ],
    );
    boolAt(p, spec.liveObject, [...path, 'liveObject']);
    checkParams(p, spec.parameters, [...path, 'parameters'], checkParam);
  },
  argoWorkflow(p, spec, path, checkParam) {
    checkSource(p, spec.source, [...path, 'source']);
    // Argo's validation requires an operation although its documented default is submit;
    // Eventide accepts an absent one as submit.
    const op = oneOf(
      p,
      spec.operation,
      [...path, 'operation'],
      ['submit', 'submit-from', 'resubmit', 'retry', 'resume', 'suspend', 'terminate', 'stop', ''],
    );
    if (op === 'resubmit' || op === 'retry')
      p.add(
        [...path, 'operation'],
        `operation ${op} needs the Argo CLI (the Argo Server), which Eventide does not run: not supported`,
      );
    checkStrings(p, spec.args, [...path, 'args']);
    checkParams(p, spec.parameters, [...path, 'parameters'], checkParam);
  },
  slack(p, spec, path, checkParam) {
    checkSecretRef(p, spec.slackToken, [...path, 'slackToken'], true);
    for (const field of ['channel', 'message', 'attachments', 'blocks'] as const)
      stringAt(p, spec[field], [...path, field], false);
    const thread = objectAt(p, spec.thread, [...path, 'thread'], false);
    if (thread) {
      stringAt(p, thread.messageAggregationKey, [...path, 'thread', 'messageAggregationKey'], false);
      boolAt(p, thread.broadcastMessageToChannel, [...path, 'thread', 'broadcastMessageToChannel']);
    }
    const sender = objectAt(p, spec.sender, [...path, 'sender'], false);
    if (sender) {
      stringAt(p, sender.username, [...path, 'sender', 'username'], false);
      stringAt(p, sender.icon, [...path, 'sender', 'icon'], false);
    }
    checkParams(p, spec.parameters, [...path, 'parameters'], checkParam);
  },
};

/** The trigger types validation accepts (a test keeps them equal to activities/triggers/registry.ts). */
export const SUPPORTED_TRIGGER_TYPES: readonly string[] = Object.keys(TRIGGER_RULES);
