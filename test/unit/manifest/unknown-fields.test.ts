// Unknown fields (typos, misplaced fields) are reported as warnings with path, line and the
// nearest known field; free-form maps are not walked; Argo's own examples stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validatePath, validateText } from '../../../src/manifest/validate-manifest.js';
import { editDistance, nearestName } from '../../../src/manifest/nearest-name.js';

const SENSOR = `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata:
  name: s
  labels: { anyThing: goes }
spec:
  dependencies:
    - name: a
      eventSourceName: w
      eventName: e
    - name: b
      eventSourceName: w
      eventName: e
      filter:
        data: []
  triggers:
    - template:
        name: t
        conditons: a
        correlationWindow: 10m
        http:
          url: http://localhost/x
          headers: { X-Whatever: y }
          payload:
            - src: { dependencyName: a, dataKey: body, valu: x }
              dest: d
      retryStrategy: { steps: 2, factr: 2 }
`;

const warningsOf = (text: string) =>
  validateText('m.yaml', text).warnings.map((w) => `${w.line}: ${w.path}: ${w.message}`);

test('typos in a dependency, a trigger template, nested lists and a trigger are warned with line and suggestion', () => {
  const r = validateText('m.yaml', SENSOR);
  assert.deepEqual(r.problems, []);
  assert.equal(r.valid.length, 1, 'warnings do not reject the file');
  assert.deepEqual(warningsOf(SENSOR), [
    '14: spec.dependencies[1].filter: unknown field spec.dependencies[1].filter — did you mean filters? (it is ignored)',
    '19: spec.triggers[0].template.conditons: unknown field spec.triggers[0].template.conditons — did you mean conditions? (it is ignored)',
    '25: spec.triggers[0].template.http.payload[0].src.valu: unknown field spec.triggers[0].template.http.payload[0].src.valu — did you mean value? (it is ignored)',
    '27: spec.triggers[0].retryStrategy.factr: unknown field spec.triggers[0].retryStrategy.factr — did you mean factor? (it is ignored)',
  ]);
});

test('a typo at the top level and in an event source type spec', () => {
  const text = `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata:
  name: es
spec:
  webhook:
    example:
      port: "12000"
      endpoint: /x
      methd: POST
      metadata: { free: form }
specs: {}
`;
  assert.deepEqual(warningsOf(text), [
    '10: spec.webhook.example.methd: unknown field spec.webhook.example.methd — did you mean method? (it is ignored)',
    '12: specs: unknown field specs — did you mean spec? (it is ignored)',
  ]);
});

test('fields of types Eventide does not run yet are known (the kafka trigger)', () => {
  const text = `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: { name: s }
spec:
  dependencies: [{ name: a, eventSourceName: w, eventName: e }]
  triggers:
    - template:
        name: t
        kafka: { url: k:9092, topic: t, partitionn: 1 }
`;
  assert.deepEqual(
    validateText('m.yaml', text).warnings.map((w) => w.path),
    ['spec.triggers[0].template.kafka.partitionn'],
  );
});

test('the temporal trigger (an Eventide extension) is known', () => {
  const text = `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: { name: s }
spec:
  dependencies: [{ name: a, eventSourceName: w, eventName: e }]
  triggers:
    - template:
        name: t
        temporal: { workflowType: W, taskQueue: q, args: [{ any: thing }], signalNam: x }
`;
  assert.deepEqual(
    validateText('m.yaml', text).warnings.map((w) => w.message),
    ['unknown field spec.triggers[0].template.temporal.signalNam — did you mean signalName? (it is ignored)'],
  );
});

test('nearest name: edit distance, and no suggestion when nothing is close', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(nearestName('filter', ['filters', 'name']), 'filters');
  assert.equal(nearestName('zzzzzz', ['filters', 'name']), undefined);
});

// Argo's examples that really carry a field Argo's types ignore (Argo would ignore it too).
const GENUINELY_IGNORED = new Map([
  ['trigger-with-atleast-once-semantics.yaml', 'spec.triggers[0].template.atLeastOnce'], // belongs on the trigger
  ['trigger-with-policy.yaml', 'spec.triggers[0].template.policy'], // belongs on the trigger
  ['stripe.yaml', 'spec.stripe.example.namespace'], // StripeEventSource has no namespace
]);

const candidates = [
  fileURLToPath(new URL('../../../../shared/argo-examples/', import.meta.url)),
  process.env.ARGO_EXAMPLES_DIR ?? '',
  '/work/shared/argo-examples',
].filter(Boolean);
const ROOT = candidates.find((c) => existsSync(join(c, 'sensors')));

for (const dir of ['sensors', 'event-sources']) {
  test(
    `Argo's examples in argo-examples/${dir} have no unknown fields`,
    ROOT
      ? {}
      : { skip: `argo-examples not found (looked in ${candidates.join(', ')}); set ARGO_EXAMPLES_DIR` },
    (t) => {
      const files = readdirSync(join(ROOT!, dir)).filter((f) => /\.ya?ml$/.test(f));
      assert.ok(files.length > 20, `found ${files.length} examples`);
      const caseOnly: string[] = [];
      for (const f of files) {
        for (const w of validatePath(join(ROOT!, dir, f)).warnings) {
          if (w.message.includes('Argo accepts any case')) {
            caseOnly.push(`${f}: ${w.path}`);
            continue;
          }
          assert.equal(GENUINELY_IGNORED.get(f), w.path, `${f}:${w.line}: ${w.path}: ${w.message}`);
        }
      }
      t.diagnostic(`case-only spellings (Argo accepts, Eventide ignores): ${caseOnly.join('; ') || 'none'}`);
    },
  );
}
