// The hdfs EventSource's config reader (field paths of its problems, Kerberos refused with the
// reason) and its listing diff (Argo's naive watcher ops keyed by file id, its {name, op, metadata}
// payload, ids from the entry's state).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Problems } from '../../../src/vocabulary/problems.js';
import { formatFieldPath } from '../../../src/vocabulary/field-path.js';
import {
  readHdfsConfig,
  opsMask,
  watchesPath,
  type HdfsPlan,
} from '../../../src/sources/hdfs/hdfs-config.js';
import {
  diffListings,
  hdfsEventData,
  hdfsEventId,
  wanted,
  type HdfsSnapshot,
} from '../../../src/sources/hdfs/hdfs-changes.js';

function read(cfg: Record<string, unknown>) {
  const p = new Problems();
  const plan = readHdfsConfig(p, cfg, ['spec', 'hdfs', 'h']);
  return { plan, problems: p.list.map((x) => `${formatFieldPath(x.path)}: ${x.message}`) };
}

const argoExample = {
  directory: '/tmp/',
  type: 'CREATE',
  path: 'x.txt',
  addresses: ['nn-0:8020', 'nn-1:8020'],
  hdfsUser: 'root',
};

test('Argo’s example reads into a plan with the 1m default interval', () => {
  assert.deepEqual(read(argoExample), {
    problems: [],
    plan: {
      directory: '/tmp/',
      path: 'x.txt',
      ops: 1,
      checkIntervalMs: 60_000,
      addresses: ['nn-0:8020', 'nn-1:8020'],
      hdfsUser: 'root',
    },
  });
});

test('missing and bad fields are named by path', () => {
  assert.deepEqual(read({}).problems, [
    'spec.hdfs.h.directory: required',
    'spec.hdfs.h: either path or pathRegexp must be specified',
    'spec.hdfs.h.type: required',
    'spec.hdfs.h.addresses: required',
    'spec.hdfs.h.hdfsUser: required',
  ]);
  assert.deepEqual(
    read({
      ...argoExample,
      directory: 'tmp',
      type: 'MOVE',
      checkInterval: '5 minutes',
      addresses: ['http//x'],
    }).problems,
    [
      'spec.hdfs.h.directory: must be an absolute path, got "tmp"',
      'spec.hdfs.h.type: must name at least one of CREATE, WRITE, REMOVE, RENAME, CHMOD (joined with "|"), got "MOVE"',
      'spec.hdfs.h.checkInterval: invalid duration: unknown unit " minutes" in duration "5 minutes": no spaces are allowed between a number and its unit',
      'spec.hdfs.h.addresses[0]: must be host:port or an http(s) URL, got "http//x"',
    ],
  );
});

test('Kerberos fields are refused with the reason', () => {
  const { plan, problems } = read({
    ...argoExample,
    hdfsUser: undefined,
    krbCCacheSecret: { name: 'krb', key: 'cc' },
    krbServicePrincipalName: 'hdfs/_HOST',
  });
  assert.equal(plan, undefined);
  assert.equal(problems.length, 2);
  assert.match(problems[0]!, /^spec\.hdfs\.h\.krbCCacheSecret: Kerberos is not supported: .*SPNEGO/);
});

test('type is read as Argo’s fsevent.NewOp: "|"-joined names, unknown ones ignored', () => {
  assert.equal(opsMask('CREATE|WRITE'), 3);
  assert.equal(opsMask('REMOVE|bogus'), 4);
  assert.equal(opsMask('create'), 0);
});

test('paths match after stripping the directory string, as Argo does', () => {
  const plan = read({ ...argoExample, path: undefined, pathRegexp: '^sub/.*\\.csv$' }).plan!;
  assert.ok(watchesPath(plan, '/tmp/sub/a.csv'));
  assert.ok(!watchesPath(plan, '/tmp/a.csv'));
  const noSlash = { ...plan, directory: '/tmp', pathRegexp: undefined, path: 'x.txt' } as HdfsPlan;
  // "/tmp" leaves "/x.txt", which is not "x.txt" (Argo's TrimPrefix does the same)
  assert.ok(!watchesPath(noSlash, '/tmp/x.txt'));
});

const entry = (path: string, modificationTime = 1, length = 0, permission = '644', type = 'FILE') => ({
  path,
  modificationTime,
  length,
  permission,
  type,
});

test('the diff: new ids CREATE, known ids RENAME/WRITE/CHMOD combined, vanished ids REMOVE', () => {
  const before: HdfsSnapshot = {
    'id:1': entry('/d/a'),
    'id:2': entry('/d/b'),
    'id:3': entry('/d/c'),
    'id:4': entry('/d/same'),
  };
  const after: HdfsSnapshot = {
    'id:4': entry('/d/same'),
    'id:1': entry('/d/a2', 2, 5),
    'id:2': entry('/d/b', 1, 0, '600'),
    'id:5': entry('/d/new'),
  };
  assert.deepEqual(
    diffListings(before, after).map((c) => [c.op, c.path]),
    [
      [8 | 2, '/d/a2'],
      [16, '/d/b'],
      [1, '/d/new'],
      [4, '/d/c'],
    ],
  );
});

test('events carry Argo’s payload, match on any bit of type, and ids follow the entry state', () => {
  const plan = read({
    ...argoExample,
    path: undefined,
    pathRegexp: '.',
    type: 'WRITE',
    metadata: { team: 'data' },
  }).plan!;
  const [renamedAndWritten] = diffListings({ 'id:1': entry('/tmp/a') }, { 'id:1': entry('/tmp/b', 2) });
  assert.ok(renamedAndWritten && wanted(plan, renamedAndWritten));
  assert.deepEqual(hdfsEventData(plan, renamedAndWritten), {
    name: '/tmp/b',
    op: 10,
    metadata: { team: 'data' },
  });
  const src = { namespace: 'ns', name: 'lake' };
  const again = diffListings({ 'id:1': entry('/tmp/a') }, { 'id:1': entry('/tmp/b', 2) })[0]!;
  assert.equal(hdfsEventId(src, 'e', renamedAndWritten), hdfsEventId(src, 'e', again));
  const later = diffListings({ 'id:1': entry('/tmp/a') }, { 'id:1': entry('/tmp/b', 3) })[0]!;
  assert.notEqual(hdfsEventId(src, 'e', renamedAndWritten), hdfsEventId(src, 'e', later));
  const [created] = diffListings({}, { 'id:2': entry('/tmp/c') });
  assert.ok(created && !wanted(plan, created));
  assert.equal(hdfsEventData({ ...plan, metadata: undefined } as HdfsPlan, created).metadata, null);
});
