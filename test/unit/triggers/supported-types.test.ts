// One list of trigger types: the registry. Validation, Argo's list and the README's table must
// agree with it, so a type added in one place and forgotten in another fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ARGO_TRIGGER_TYPES, EVENTIDE_TRIGGER_TYPES } from '../../../src/engine/trigger-types.js';
import { validateText } from '../../../src/manifest/validate-manifest.js';
import { triggerTypeNames } from '../../../activities/triggers/registry.js';

const registered = triggerTypeNames().sort();
const known: readonly string[] = [...ARGO_TRIGGER_TYPES, ...EVENTIDE_TRIGGER_TYPES];

/** type → status cell of the README's "Trigger types" table */
function readmeTable(): Map<string, string> {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const lines = (readme.split('### Trigger types')[1] ?? '').split('\n');
  const start = lines.findIndex((l) => l.startsWith('|'));
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'));
  const rows = new Map<string, string>();
  for (const line of lines.slice(start + 2, end)) {
    const [types, status] = line
      .split('|')
      .slice(1, 3)
      .map((c) => c.trim());
    for (const t of types?.match(/`[^`]+`/g) ?? []) rows.set(t.slice(1, -1), status ?? '');
  }
  return rows;
}

test('validation accepts exactly the registered trigger types', () => {
  for (const type of known) {
    const text = [
      'apiVersion: argoproj.io/v1alpha1',
      'kind: Sensor',
      'metadata: {name: s}',
      'spec:',
      '  dependencies: [{name: d, eventSourceName: e, eventName: x}]',
      `  triggers: [{template: {name: t, ${type}: {}}}]`,
    ].join('\n');
    const unsupported = validateText('s.yaml', text).problems.some((p) =>
      /unsupported trigger type/.test(p.message),
    );
    assert.equal(unsupported, !registered.includes(type), type);
  }
});

test('every registered trigger type is an Argo type or one of Eventide’s own', () => {
  assert.deepEqual(
    registered.filter((t) => !known.includes(t)),
    [],
  );
});

test('the README trigger table lists every known type, supported exactly when registered', () => {
  const table = readmeTable();
  assert.deepEqual([...table.keys()].sort(), [...known].sort());
  for (const [type, status] of table) {
    assert.equal(
      status.startsWith('supported'),
      registered.includes(type),
      `README row of ${type}: ${status}`,
    );
  }
});
