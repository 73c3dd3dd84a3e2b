// Validation of `resource` EventSources (Argo's rules: version, resource and eventTypes required,
// selector keys not empty, known operations), the label selector sent to the API server, and
// Argo's client-side filters and payload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { validatePath } from '../../../src/manifest/validate-manifest.js';
import { Problems } from '../../../src/vocabulary/problems.js';
import { readResourceConfig, collectionPath } from '../../../src/sources/resource/resource-config.js';
import { planOrThrow } from '../../../src/sources/source-config.js';
import { resourceSource } from '../../../src/sources/resource/resource-source.js';
import {
  passesFilters,
  resourceEventData,
  resourceEventId,
} from '../../../src/sources/resource/resource-events.js';

const EXAMPLE = '/work/shared/argo-examples/event-sources/resource.yaml';

function problemsOf(cfg: Record<string, unknown>): string[] {
  const p = new Problems();
  resourceSource.validate(p, cfg, ['spec', 'resource', 'e']);
  return p.list.map((x) => `${x.path.join('.')}: ${x.message}`);
}

const plan = (cfg: Record<string, unknown>) => planOrThrow(readResourceConfig, cfg);
const base = { namespace: 'default', version: 'v1', resource: 'configmaps', eventTypes: ['ADD'] };

test('Argo’s resource example validates', { skip: !existsSync(EXAMPLE) && `${EXAMPLE} is absent` }, () => {
  const r = validatePath(EXAMPLE);
  assert.deepEqual(r.problems, []);
  assert.equal(r.valid.length, 1);
});

test('version, resource and eventTypes are required; event types are ADD, UPDATE, DELETE', () => {
  assert.deepEqual(problemsOf({ namespace: 'x' }), [
    'spec.resource.e.version: version must be specified',
    'spec.resource.e.resource: resource must be specified (the plural name, e.g. configmaps)',
    'spec.resource.e.eventTypes: event types must be specified: any of ADD, UPDATE, DELETE',
  ]);
  assert.deepEqual(problemsOf({ ...base, eventTypes: ['ADD', 'CREATE'] }), [
    'spec.resource.e.eventTypes.1: must be one of "ADD", "UPDATE", "DELETE", got string "CREATE"',
  ]);
});

test('label selectors: Argo’s operations become a Kubernetes selector; bad ones name the field', () => {
  const p = plan({
    ...base,
    filter: {
      labels: [
        { key: 'app', operation: '==', value: 'web' },
        { key: 'tier', value: 'front' },
        { key: 'env', operation: 'in', value: 'a,b' },
        { key: 'legacy', operation: '!' },
        { key: 'owner', operation: 'exists' },
        { key: 'gen', operation: 'gt', value: '3' },
      ],
    },
  });
  assert.equal(p.labelSelector, 'app==web,tier=front,env in (a,b),!legacy,owner,gen>3');
  assert.deepEqual(problemsOf({ ...base, filter: { labels: [{ key: '', value: 'x' }] } }), [
    'spec.resource.e.filter.labels.0.key: required',
  ]);
  assert.match(
    problemsOf({ ...base, filter: { labels: [{ key: 'a', operation: '~', value: 'x' }] } })[0]!,
    /^spec\.resource\.e\.filter\.labels\.0\.operation: must be one of/,
  );
  assert.deepEqual(
    problemsOf({ ...base, filter: { fields: [{ key: 'metadata.name', value: '(' }] } }).length,
    1,
  );
});

test('collection paths for core, grouped, all-namespace resources', () => {
  assert.equal(collectionPath(plan(base)), '/api/v1/namespaces/default/configmaps');
  assert.equal(
    collectionPath(
      plan({ ...base, namespace: '', group: 'argoproj.io', version: 'v1alpha1', resource: 'workflows' }),
    ),
    '/apis/argoproj.io/v1alpha1/workflows',
  );
});

const cm = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, uid: `uid-${name}`, resourceVersion: '7', creationTimestamp: '2026-01-01T00:00:10Z' },
  data: { color: 'blue' },
  ...extra,
});

test('client-side filters: prefix, fields (regex, !=), createdBy, afterStart', () => {
  const start = Date.parse('2026-01-01T00:00:05Z');
  const f = (filter: Record<string, unknown>, name = 'web-1') =>
    passesFilters(plan({ ...base, filter }), { type: 'ADD', object: cm(name) }, start);
  assert.equal(f({ prefix: 'web-' }), true);
  assert.equal(f({ prefix: 'db-' }), false);
  assert.equal(f({ fields: [{ key: 'data.color', value: 'bl.e' }] }), true);
  assert.equal(f({ fields: [{ key: 'data.color', operation: '!=', value: 'blue' }] }), false);
  assert.equal(f({ fields: [{ key: 'data.missing', value: '.*' }] }), false);
  assert.equal(f({ createdBy: '2026-01-01T00:00:00Z' }), false);
  assert.equal(f({ createdBy: '2026-01-02T00:00:00Z' }), true);
  assert.equal(f({ afterStart: true }), true);
  assert.equal(
    passesFilters(
      plan({ ...base, filter: { afterStart: true } }),
      { type: 'ADD', object: cm('x') },
      Date.parse('2026-01-01T00:01:00Z'),
    ),
    false,
  );
});

test('payload is Argo’s ResourceEventData; the id is uid + resourceVersion + type', () => {
  const p = plan({ ...base, metadata: { team: 'a' } });
  const old = cm('a');
  const now = cm('a', { data: { color: 'red' } });
  (now.metadata as Record<string, unknown>).resourceVersion = '8';
  assert.deepEqual(resourceEventData(p, { type: 'UPDATE', object: now, old }), {
    type: 'UPDATE',
    body: now,
    oldBody: old,
    group: '',
    version: 'v1',
    resource: 'configmaps',
    metadata: { team: 'a' },
  });
  assert.equal(resourceEventData(p, { type: 'ADD', object: old }).oldBody, null);
  const src = { namespace: 'default', name: 'res' };
  assert.equal(
    resourceEventId(src, 'e', { type: 'UPDATE', object: now }),
    'resource:default/res/e:uid-a/8/UPDATE',
  );
});
