// Validation of the custom trigger block (Argo's validate.go checks, each problem at its field
// path) and what a fire's plan reads from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { validateText } from '../../../src/manifest/validate-manifest.js';
import { Problems } from '../../../src/vocabulary/problems.js';
import { readCustomTrigger } from '../../../activities/triggers/custom/custom-trigger-spec.js';

function problemsOf(custom: Record<string, unknown>): string[] {
  const sensor = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Sensor',
    metadata: { name: 's' },
    spec: {
      dependencies: [{ name: 'd', eventSourceName: 'es', eventName: 'e' }],
      triggers: [{ template: { name: 't', custom } }],
    },
  };
  return validateText('s.yaml', stringify(sensor)).problems.map((p) => `${p.path}: ${p.message}`);
}

const P = 'spec.triggers[0].template.custom';
const ok = { serverURL: 'trigger.svc:9000', spec: { url: 'https://x/y.yaml' } };

test('a custom trigger with Argo’s fields validates', () => {
  assert.deepEqual(problemsOf(ok), []);
  assert.deepEqual(
    problemsOf({
      ...ok,
      secure: true,
      certSecret: { name: 'ca', key: 'ca.crt' },
      serverNameOverride: 'trigger.internal',
      parameters: [{ src: { dependencyName: 'd', dataKey: 'body.ns' }, dest: 'metadata.namespace' }],
      payload: [{ src: { dependencyName: 'd', dataKey: 'body' }, dest: 'event' }],
    }),
    [],
  );
});

test('Argo’s refusals, each at its field', () => {
  assert.deepEqual(problemsOf({ spec: {} }), [`${P}.serverURL: required`]);
  assert.deepEqual(problemsOf({ serverURL: 'x:1' }), [`${P}.spec: required`]);
  assert.deepEqual(problemsOf({ ...ok, serverURL: 'https://trigger.svc:9000' }), [
    `${P}.serverURL: must be a gRPC target (host:port or dns:///host:port), not an http URL, got "https://trigger.svc:9000"`,
  ]);
  assert.deepEqual(problemsOf({ ...ok, secure: true }), [
    `${P}.certSecret: required when secure is true: a secret holding the PEM CA certificate of the trigger server`,
  ]);
  assert.deepEqual(problemsOf({ ...ok, spec: { replicas: 3 } }), [
    `${P}.spec.replicas: must be a string (Argo's spec is a map of strings), got 3; quote it`,
  ]);
  assert.deepEqual(problemsOf({ ...ok, certSecret: { name: 'ca' } }), [`${P}.certSecret.key: required`]);
  const bad = problemsOf({
    ...ok,
    parameters: [{ src: { dependencyName: 'nope', dataKey: 'a' }, dest: 'x' }],
  });
  assert.equal(bad.length, 1);
  assert.match(bad[0]!, /^spec\.triggers\[0\]\.template\.custom\.parameters\[0\]\.src\.dependencyName: /);
});

test('the plan ignores keys it does not know (the engine writes resource parameters into the block)', () => {
  const p = new Problems();
  const plan = readCustomTrigger(p, { ...ok, metadata: { namespace: 'team' }, parameters: [] }, ['custom']);
  assert.deepEqual(p.list, []);
  assert.deepEqual(plan, { serverURL: 'trigger.svc:9000', secure: false, spec: ok.spec, parameters: [] });
});
