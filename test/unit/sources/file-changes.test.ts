// How directory changes become fsnotify operations (inotify and polling styles), Argo's payload
// and deterministic ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileConfig } from '../../../src/sources/file/file-config.js';
import { planOrThrow } from '../../../src/sources/source-config.js';
import {
  classifyChange,
  diffSnapshots,
  fileEventData,
  fileEventId,
  opBit,
  type EntryVersion,
  type Snapshot,
} from '../../../src/sources/file/file-changes.js';

function v(ino: number, mtime = 1, size = 0, mode = 0o100644): EntryVersion {
  return { ino: String(ino), mtimeNs: String(mtime), ctimeNs: String(mtime), size: String(size), mode };
}

const ops = (snapBefore: Snapshot, snapAfter: Snapshot, style: 'inotify' | 'polling') =>
  diffSnapshots(snapBefore, snapAfter, style).map((c) => `${c.op} ${c.name}`);

const plan = (cfg: Record<string, unknown>) => planOrThrow(readFileConfig, cfg);

test('create, write, chmod and remove', () => {
  for (const style of ['inotify', 'polling'] as const) {
    assert.deepEqual(ops({}, { a: v(1) }, style), ['CREATE a']);
    assert.deepEqual(ops({ a: v(1, 1, 0) }, { a: v(1, 2, 5) }, style), ['WRITE a']);
    assert.deepEqual(ops({ a: v(1) }, { a: v(1, 1, 0, 0o100600) }, style), ['CHMOD a']);
    assert.deepEqual(ops({ a: v(1) }, {}, style), ['REMOVE a']);
    assert.deepEqual(ops({ a: v(1) }, { a: v(1) }, style), []);
  }
});

test('rename: inotify reports RENAME on the old name and CREATE on the new one', () => {
  assert.deepEqual(ops({ a: v(1), keep: v(2) }, { b: v(1), keep: v(2) }, 'inotify'), [
    'RENAME a',
    'CREATE b',
  ]);
});

test('rename: the polling watcher reports a single RENAME under the old name', () => {
  assert.deepEqual(ops({ a: v(1) }, { b: v(1) }, 'polling'), ['RENAME a']);
});

test('moving a file over another: the target is CREATEd (IN_MOVED_TO), the source RENAMEd', () => {
  assert.deepEqual(ops({ a: v(1), x: v(2) }, { x: v(1) }, 'inotify'), ['RENAME a', 'CREATE x']);
});

test('a checkpoint holding only watched entries still recognises where a file went', () => {
  // Before: only the watched x.txt; after: the full directory.
  assert.deepEqual(ops({ 'x.txt': v(7) }, { 'other.bin': v(9), 'x.bak': v(7) }, 'inotify'), [
    'RENAME x.txt',
    'CREATE other.bin',
    'CREATE x.bak',
  ]);
});

test('a change notice is CHMOD only when nothing but the mode moved; otherwise WRITE', () => {
  assert.equal(classifyChange('a', v(1), v(1, 1, 0, 0o100600)).op, 'CHMOD');
  assert.equal(classifyChange('a', v(1, 1, 0), v(1, 2, 3)).op, 'WRITE');
  // Created and written before the listener looked: the write was folded into the CREATE.
  assert.equal(classifyChange('a', v(1, 2, 3), v(1, 2, 3)).op, 'WRITE');
});

test('payload: Argo’s fsevent.Event with the fsnotify bit mask', () => {
  assert.deepEqual(
    ['CREATE', 'WRITE', 'REMOVE', 'RENAME', 'CHMOD'].map((op) => opBit(op as never)),
    [1, 2, 4, 8, 16],
  );
  const native = plan({ eventType: 'CREATE', watchPathConfig: { directory: '/test-data/', path: 'x.txt' } });
  assert.deepEqual(fileEventData(native, { op: 'CREATE', name: 'x.txt', version: v(1) }), {
    name: '/test-data/x.txt',
    op: 1,
    metadata: null,
  });
  const polling = plan({
    eventType: 'WRITE',
    polling: true,
    metadata: { team: 'ops' },
    watchPathConfig: { directory: '/test-data', path: 'x.txt' },
  });
  assert.deepEqual(fileEventData(polling, { op: 'WRITE', name: 'x.txt', version: v(1) }), {
    name: 'x.txt',
    op: 2,
    metadata: { team: 'ops' },
  });
});

test('ids: the same operation on the same version is the same event; anything else is not', () => {
  const src = { namespace: 'default', name: 'files' };
  const create = { op: 'CREATE' as const, name: 'x', version: v(1, 5, 3) };
  assert.equal(fileEventId(src, 'e', create), fileEventId(src, 'e', { ...create, version: v(1, 5, 3) }));
  assert.match(fileEventId(src, 'e', create), /^file:create:[0-9a-f]{32}$/);
  assert.notEqual(fileEventId(src, 'e', create), fileEventId(src, 'e', { ...create, op: 'WRITE' }));
  assert.notEqual(fileEventId(src, 'e', create), fileEventId(src, 'e', { ...create, version: v(1, 6, 3) }));
  assert.notEqual(fileEventId(src, 'e', create), fileEventId(src, 'e', { ...create, name: 'y' }));
  assert.notEqual(fileEventId(src, 'e', create), fileEventId(src, 'f', create));
});
