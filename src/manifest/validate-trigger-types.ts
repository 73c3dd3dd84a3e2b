// Per-trigger-type rules (Argo's, plus Eventide's `temporal` trigger).
import type { PathSegment } from './field-path.js';
import type { Problems } from './problems.js';
import { listAt, numberAt, objectAt, oneOf, stringAt, type Obj } from './shape-checks.js';

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

function checkSource(p: Problems, raw: unknown, path: PathSegment[]): void {
  const src = objectAt(p, raw, path, true);
  if (!src) return;
  const kinds = ['resource', 'inline', 'file', 'url', 'configmap', 'git', 's3'].filter(
    (k) => src[k] !== undefined,
  );
  if (kinds.length === 0) p.add(path, 'needs one of resource, inline, file, url, configmap, git, s3');
  if (kinds.length > 1) p.add(path, `set only one source, got ${kinds.join(', ')}`);
  if (src.s3 !== undefined)
    p.add(
      [...path, 's3'],
      'unsupported artifact location: s3 (use resource, inline, file, url, configmap or git)',
    );
}

const HTTP_METHODS = ['GET', 'DELETE', 'PATCH', 'POST', 'PUT'] as const;

type Rule = (p: Problems, spec: Obj, path: PathSegment[], checkParam: ParamChecker) => void;

export const TRIGGER_RULES: Record<string, Rule> = {
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
    checkParams(p, spec.parameters, [...path, 'parameters'], checkParam);
  },
  argoWorkflow(p, spec, path, checkParam) {
    checkSource(p, spec.source, [...path, 'source']);
    oneOf(
      p,
      spec.operation,
      [...path, 'operation'],
      ['submit', 'submit-from', 'resubmit', 'retry', 'resume', 'suspend', 'terminate', 'stop', ''],
    );
    listAt(p, spec.args, [...path, 'args'], false);
    checkParams(p, spec.parameters, [...path, 'parameters'], checkParam);
  },
  slack(p, spec, path, checkParam) {
    checkSecretRef(p, spec.slackToken, [...path, 'slackToken'], true);
    stringAt(p, spec.channel, [...path, 'channel'], false);
    stringAt(p, spec.message, [...path, 'message'], false);
    checkParams(p, spec.parameters, [...path, 'parameters'], checkParam);
  },
};
