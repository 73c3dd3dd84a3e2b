// Validation of the `nats` trigger type's block (Argo's url, subject, payload, parameters, tls,
// auth) plus Eventide's `jetStream: true` (publish through JetStream, awaiting its ack).
import type { TriggerRule } from '../trigger-rules.js';
import { checkParams, checkSecretRef } from '../trigger-rules.js';
import { boolAt, objectAt, stringAt } from '../../../src/vocabulary/shape-checks.js';

export const validateNats: TriggerRule = (p, spec, path, checkParam) => {
  stringAt(p, spec.url, [...path, 'url'], true);
  stringAt(p, spec.subject, [...path, 'subject'], true);
  if (spec.payload === undefined || spec.payload === null)
    p.add(
      [...path, 'payload'],
      'required: the message is built from payload parameters (Argo refuses a nats trigger without them)',
    );
  checkParams(p, spec.payload, [...path, 'payload'], checkParam, true);
  checkParams(p, spec.parameters, [...path, 'parameters'], checkParam);
  boolAt(p, spec.jetStream, [...path, 'jetStream']);
  const tls = objectAt(p, spec.tls, [...path, 'tls'], false);
  if (tls) {
    for (const f of ['caCertSecret', 'clientCertSecret', 'clientKeySecret'])
      checkSecretRef(p, tls[f], [...path, 'tls', f], false);
    boolAt(p, tls.insecureSkipVerify, [...path, 'tls', 'insecureSkipVerify']);
  }
  const auth = objectAt(p, spec.auth, [...path, 'auth'], false);
  if (auth) {
    const given = ['basic', 'token', 'nkey', 'credential'].filter(
      (k) => auth[k] !== undefined && auth[k] !== null,
    );
    if (given.length > 1)
      p.add(
        [...path, 'auth'],
        `only one of basic, token, nkey, credential may be given, got ${given.join(', ')}`,
      );
    const basic = objectAt(p, auth.basic, [...path, 'auth', 'basic'], false);
    if (basic) {
      checkSecretRef(p, basic.username, [...path, 'auth', 'basic', 'username'], true);
      checkSecretRef(p, basic.password, [...path, 'auth', 'basic', 'password'], true);
    }
    for (const f of ['token', 'nkey', 'credential']) checkSecretRef(p, auth[f], [...path, 'auth', f], false);
  }
};
