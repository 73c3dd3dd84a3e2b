// The generic EventSource's config reader: Argo's fields and refusals, named by field path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Problems } from '../../../src/vocabulary/problems.js';
import { formatFieldPath } from '../../../src/vocabulary/field-path.js';
import { readGenericConfig } from '../../../src/sources/generic/generic-config.js';

function read(cfg: Record<string, unknown>) {
  const p = new Problems();
  const plan = readGenericConfig(p, cfg, ['spec', 'generic', 'ev']);
  return { plan, problems: p.list.map((x) => `${formatFieldPath(x.path)}: ${x.message}`) };
}

test('Argo’s fields, with their defaults', () => {
  assert.deepEqual(read({ url: 'es.svc:8080', config: 'key1: value1' }), {
    plan: { url: 'es.svc:8080', config: 'key1: value1', insecure: false, jsonBody: false },
    problems: [],
  });
  const { plan } = read({
    url: 'es.svc:8080',
    config: 'k: v',
    insecure: true,
    jsonBody: true,
    metadata: { team: 'ops' },
    authSecret: { name: 'es', key: 'token' },
  });
  assert.deepEqual(plan, {
    url: 'es.svc:8080',
    config: 'k: v',
    insecure: true,
    jsonBody: true,
    metadata: { team: 'ops' },
    authSecret: { name: 'es', key: 'token' },
  });
});

test('refusals name the field', () => {
  assert.deepEqual(read({ config: 'k: v' }).problems, ['spec.generic.ev.url: required']);
  assert.deepEqual(read({ url: 'x:1', config: '' }).problems, ['spec.generic.ev.config: required']);
  assert.deepEqual(read({ url: 'x:1', config: 'k', insecure: 'yes' }).problems.length, 1);
  assert.deepEqual(read({ url: 'x:1', config: 'k', authSecret: { name: 'es' } }).problems, [
    'spec.generic.ev.authSecret.key: required',
  ]);
  assert.equal(read({ url: 'x:1', config: 'k', metadata: { n: 1 } }).plan, undefined);
  assert.deepEqual(read({ url: 'http://es:8080', config: 'k' }).problems, [
    'spec.generic.ev.url: must be a gRPC target (host:port or dns:///host:port), not an http URL, got "http://es:8080"',
  ]);
});
