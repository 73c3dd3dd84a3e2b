// Validation of `file` EventSources (Argo's WatchPathConfig rules plus a known eventType), and
// which entries an event watches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { validatePath, validateText } from '../../../src/manifest/validate-manifest.js';
import { Problems } from '../../../src/vocabulary/problems.js';
import { readFileConfig, watchesEntry } from '../../../src/sources/file/file-config.js';
import { planOrThrow } from '../../../src/sources/source-config.js';
import { fileSource } from '../../../src/sources/file/file-source.js';

const EXAMPLE = '/work/shared/argo-examples/event-sources/file.yaml';

function problemsOf(cfg: Record<string, unknown>): string[] {
  const p = new Problems();
  fileSource.validate(p, cfg, ['spec', 'file', 'e']);
  return p.list.map((x) => `${x.path.join('.')}: ${x.message}`);
}

const plan = (cfg: Record<string, unknown>) => planOrThrow(readFileConfig, cfg);

test('Argo’s file example validates, with its commented-out regexp variant', () => {
  const r = validatePath(EXAMPLE);
  assert.deepEqual(r.problems, []);
  assert.equal(r.valid.length, 1);
  const uncommented = readFileSync(EXAMPLE, 'utf8').replace(/^#/gm, '');
  const all = validateText('file.yaml', uncommented);
  assert.deepEqual(all.problems, []);
  const spec = all.valid[0]!.manifest.spec as { file: Record<string, unknown> };
  assert.deepEqual(Object.keys(spec.file).sort(), ['example', 'example-with-path-regex']);
});

test('directory: required and absolute', () => {
  assert.deepEqual(problemsOf({ eventType: 'CREATE', watchPathConfig: { path: 'x' } }), [
    'spec.file.e.watchPathConfig.directory: required',
  ]);
  assert.deepEqual(problemsOf({ eventType: 'CREATE', watchPathConfig: { directory: 'data/', path: 'x' } }), [
    'spec.file.e.watchPathConfig.directory: must be an absolute path, got "data/"',
  ]);
  assert.deepEqual(problemsOf({ eventType: 'CREATE' }), ['spec.file.e.watchPathConfig: required']);
});

test('path or pathRegexp: exactly one, path relative, regexp valid (Go syntax)', () => {
  const base = { eventType: 'WRITE' };
  assert.deepEqual(problemsOf({ ...base, watchPathConfig: { directory: '/d' } }), [
    'spec.file.e.watchPathConfig: either path or pathRegexp must be specified',
  ]);
  assert.deepEqual(
    problemsOf({ ...base, watchPathConfig: { directory: '/d', path: 'a', pathRegexp: 'a' } }),
    ['spec.file.e.watchPathConfig: path and pathRegexp cannot be specified together'],
  );
  assert.deepEqual(problemsOf({ ...base, watchPathConfig: { directory: '/d', path: '/d/a' } }), [
    'spec.file.e.watchPathConfig.path: must be relative to directory, got "/d/a"',
  ]);
  const bad = problemsOf({ ...base, watchPathConfig: { directory: '/d', pathRegexp: '([a-z]+.txt' } });
  assert.equal(bad.length, 1);
  assert.match(bad[0]!, /^spec\.file\.e\.watchPathConfig\.pathRegexp: invalid regular expression/);
  // Lookahead is not RE2: Go refuses it, so do we.
  assert.equal(problemsOf({ ...base, watchPathConfig: { directory: '/d', pathRegexp: 'a(?=b)' } }).length, 1);
});

test('eventType: required, one of fsnotify’s operations', () => {
  const w = { watchPathConfig: { directory: '/d', path: 'x' } };
  assert.deepEqual(problemsOf(w), [
    'spec.file.e.eventType: required: one of CREATE, WRITE, REMOVE, RENAME, CHMOD',
  ]);
  assert.deepEqual(problemsOf({ ...w, eventType: 'create' }), [
    'spec.file.e.eventType: must be one of "CREATE", "WRITE", "REMOVE", "RENAME", "CHMOD", got string "create"',
  ]);
  for (const op of ['CREATE', 'WRITE', 'REMOVE', 'RENAME', 'CHMOD'])
    assert.deepEqual(problemsOf({ ...w, eventType: op }), []);
});

test('polling, metadata and filter are checked', () => {
  const w = { eventType: 'CREATE', watchPathConfig: { directory: '/d', path: 'x' } };
  assert.deepEqual(problemsOf({ ...w, polling: 'yes' }), [
    'spec.file.e.polling: must be true or false, got string "yes"',
  ]);
  assert.deepEqual(problemsOf({ ...w, metadata: { a: ['b'] } }), [
    'spec.file.e.metadata.a: must be a string, got a list',
  ]);
  assert.match(
    problemsOf({ ...w, filter: { expression: 'name ==' } })[0]!,
    /^spec\.file\.e\.filter\.expression: invalid expression/,
  );
  assert.deepEqual(plan({ ...w, polling: true, metadata: { a: 'b' } }), {
    directory: '/d',
    path: 'x',
    eventType: 'CREATE',
    polling: true,
    metadata: { a: 'b' },
  });
});

test('watched entries: path is an exact relative name, pathRegexp an unanchored Go regexp', () => {
  const byPath = plan({ eventType: 'CREATE', watchPathConfig: { directory: '/test-data/', path: 'x.txt' } });
  assert.equal(watchesEntry(byPath, 'x.txt'), true);
  assert.equal(watchesEntry(byPath, 'x.txt.swp'), false);
  const byRegexp = plan({
    eventType: 'CREATE',
    watchPathConfig: { directory: '/bin/', pathRegexp: '([a-z]+).txt' },
  });
  assert.equal(watchesEntry(byRegexp, 'notes.txt'), true);
  assert.equal(watchesEntry(byRegexp, 'NOTES-1.txt.bak'), false);
  assert.equal(watchesEntry(byRegexp, 'X-a.txt'), true, 'unanchored, as Go’s MatchString');
});
