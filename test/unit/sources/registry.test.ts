// The registry is the one list of EventSource types; every other list of them (run-modes.ts for
// the workflow, hook-managed-types.ts, Argo's type list, the README's type table) must agree with
// it, and validation must refuse an Argo type that has no descriptor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import {
  ARGO_SOURCE_TYPES,
  HOOK_MANAGERS,
  SOURCE_DESCRIPTORS,
  listenerDescriptor,
  pushSourceType,
  sourceDescriptor,
} from '../../../src/sources/registry.js';
import { RUN_MODES, typesRunAs } from '../../../src/sources/run-modes.js';
import { HOOK_MANAGED_TYPES } from '../../../src/sources/hook-managed-types.js';
import { validateText } from '../../../src/manifest/validate-manifest.js';

const registered = () => SOURCE_DESCRIPTORS.map((d) => d.type).sort();

/** The README's EventSource type table: type → {status, runs as}. */
function readmeTypeTable(): Map<string, { status: string; runsAs: string }> {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### EventSource types'));
  const table = section.slice(section.indexOf('| type'), section.indexOf('\n\n', section.indexOf('| type')));
  const rows = new Map<string, { status: string; runsAs: string }>();
  for (const line of table.split('\n').slice(2)) {
    const [type, status, runsAs] = line
      .split('|')
      .slice(1, 4)
      .map((c) => c.trim());
    const name = /^`([A-Za-z]+)`$/.exec(type ?? '')?.[1];
    if (name) rows.set(name, { status: status!, runsAs: runsAs! });
  }
  return rows;
}

test('each type is registered once, under a name Argo defines', () => {
  assert.equal(new Set(registered()).size, SOURCE_DESCRIPTORS.length, 'a type is registered twice');
  for (const t of registered()) assert.ok((ARGO_SOURCE_TYPES as readonly string[]).includes(t), t);
});

test('run-modes.ts (what the workflow reads) says what the registry says', () => {
  assert.deepEqual(Object.keys(RUN_MODES).sort(), registered());
  for (const d of SOURCE_DESCRIPTORS)
    assert.equal(RUN_MODES[d.type as keyof typeof RUN_MODES], d.runMode, d.type);
  assert.deepEqual(typesRunAs('listener'), ['file', 'resource']);
  assert.deepEqual(typesRunAs('timers'), ['calendar']);
});

test('lookups answer by run mode', () => {
  for (const d of SOURCE_DESCRIPTORS) {
    assert.equal(pushSourceType(d.type) !== undefined, d.runMode === 'push', d.type);
    assert.equal(listenerDescriptor(d.type) !== undefined, d.runMode === 'listener', d.type);
    if (d.runMode === 'push') assert.equal(d.push.type, d.type);
  }
  assert.equal(sourceDescriptor('kafka'), undefined);
});

test('hook-managed-types.ts (what the workflow reads) lists exactly the types with hook managers', () => {
  assert.deepEqual([...HOOK_MANAGERS.keys()].sort(), [...HOOK_MANAGED_TYPES].sort());
  for (const [type, m] of HOOK_MANAGERS) assert.equal(m.type, type);
});

test("the README's type table lists every registered type as supported, with its run mode", () => {
  const rows = readmeTypeTable();
  const supported = [...rows].filter(([, r]) => r.status === 'supported').map(([t]) => t);
  assert.deepEqual(supported.sort(), registered());
  for (const d of SOURCE_DESCRIPTORS) assert.equal(rows.get(d.type)?.runsAs, d.runMode, d.type);
});

test('an Argo type without a descriptor is refused by validation, naming it', () => {
  const missing = ARGO_SOURCE_TYPES.filter((t) => sourceDescriptor(t) === undefined);
  assert.ok(missing.includes('kafka'));
  for (const type of missing) {
    const manifest = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'EventSource',
      metadata: { name: 'x' },
      spec: { [type]: { e: {} } },
    };
    const messages = validateText('x.yaml', stringify(manifest)).problems.map((p) => p.message);
    assert.ok(
      messages.some((m) => m.startsWith(`unsupported event source type: ${type}`)),
      `${type}: ${messages.join('; ')}`,
    );
  }
});
