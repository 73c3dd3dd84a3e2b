import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateText } from '../../../src/manifest/validate-manifest.js';

const sensorWith = (template: string) =>
  [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Sensor',
    'metadata: {name: s}',
    'spec:',
    '  dependencies: [{name: d, eventSourceName: e, eventName: x}]',
    '  triggers:',
    `    - template: {name: t, ${template}}`,
  ].join('\n');

const action = '{host: "http://127.0.0.1:3233", namespace: guest, actionName: hello, payload: [{src: {dependencyName: d, dataKey: body}, dest: x}]}';

test('a trigger type written in another case runs as that type, with a warning saying how to write it', () => {
  const r = validateText('s.yaml', sensorWith(`openwhisk: ${action}`));
  assert.deepEqual(r.problems, []);
  const template = (r.valid[0]!.manifest.spec as { triggers: { template: Record<string, unknown> }[] }).triggers[0]!
    .template;
  assert.ok(template.openWhisk, 'read as openWhisk');
  assert.equal(template.openwhisk, undefined);
  assert.equal(r.warnings.length, 1);
  assert.match(r.warnings[0]!.message, /trigger type openwhisk is spelled openWhisk .* write openWhisk/);
  assert.equal(r.warnings[0]!.line, 7);
});

test('both spellings in one template are two trigger types, refused', () => {
  const r = validateText('s.yaml', sensorWith(`openwhisk: ${action}, openWhisk: ${action}`));
  assert.ok(r.problems.some((p) => /more than one trigger type|case-sensitive/.test(p.message)), JSON.stringify(r.problems));
});
