// Validation of the `http` trigger type's block in a trigger template.
import type { TriggerRule } from '../trigger-rules.js';
import { checkParams, checkSecretRef } from '../trigger-rules.js';
import { listAt, numberAt, objectAt, oneOf, stringAt } from '../../../src/vocabulary/shape-checks.js';

const HTTP_METHODS = ['GET', 'DELETE', 'PATCH', 'POST', 'PUT'] as const;

export const validateHttp: TriggerRule = (p, spec, path, checkParam) => {
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
};
