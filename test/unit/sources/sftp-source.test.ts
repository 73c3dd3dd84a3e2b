// The sftp EventSource's config reader (problems by field path), its listing diff (Argo's CREATE
// for new or changed files, REMOVE for vanished ones), payload and ids, and the connection
// options its secrets make (address parsing, key extraction, host-key pinning).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Problems } from '../../../src/vocabulary/problems.js';
import { formatFieldPath } from '../../../src/vocabulary/field-path.js';
import { createSecretStore, secretEnvName } from '../../../src/secrets/secret-store.js';
import { readSftpConfig, watchesFile, type SftpPlan } from '../../../src/sources/sftp/sftp-config.js';
import { diffListings, sftpEventData, sftpEventId } from '../../../src/sources/sftp/sftp-changes.js';
import { connectConfig, parseAddress } from '../../../src/sources/sftp/sftp-connection.js';
import { ListenerConfigError } from '../../../src/sources/listener-common/listener-source.js';

function read(cfg: Record<string, unknown>) {
  const p = new Problems();
  const plan = readSftpConfig(p, cfg, ['spec', 'sftp', 'e']);
  return { plan, problems: p.list.map((x) => `${formatFieldPath(x.path)}: ${x.message}`) };
}

const sel = (key: string) => ({ name: 'sftp', key });
const valid = {
  eventType: 'CREATE',
  watchPathConfig: { directory: '/data/', pathRegexp: '([a-z]+).txt' },
  address: sel('address'),
  username: sel('username'),
  password: sel('password'),
};

test('Argo’s fields; the poll interval defaults to 10 s', () => {
  assert.deepEqual(read(valid).plan, {
    eventType: 'CREATE',
    directory: '/data/',
    pathRegexp: '([a-z]+).txt',
    address: sel('address'),
    username: sel('username'),
    password: sel('password'),
    pollIntervalMs: 10_000,
  });
  assert.equal(read({ ...valid, pollIntervalDuration: '1m30s' }).plan?.pollIntervalMs, 90_000);
});

test('problems are named by field path', () => {
  assert.deepEqual(read({}).problems, [
    'spec.sftp.e.eventType: type must be specified: one of CREATE, REMOVE',
    'spec.sftp.e.watchPathConfig: required',
    'spec.sftp.e.address: required',
    'spec.sftp.e.username: required',
    'spec.sftp.e: either password or sshKeySecret must be specified',
  ]);
  const { problems } = read({
    ...valid,
    eventType: 'WRITE',
    watchPathConfig: { directory: 'rel', pathRegexp: '(' },
    pollIntervalDuration: 'soon',
  });
  assert.equal(problems.length, 4, problems.join('\n'));
  assert.match(problems[0]!, /^spec\.sftp\.e\.eventType: /);
  assert.match(problems[1]!, /^spec\.sftp\.e\.watchPathConfig\.directory: must be an absolute path/);
  assert.match(problems[2]!, /^spec\.sftp\.e\.watchPathConfig\.pathRegexp: invalid regular expression/);
  assert.match(problems[3]!, /^spec\.sftp\.e\.pollIntervalDuration: .*a Go duration/);
});

test('paths match exactly, regexps anywhere in the name (RE2)', () => {
  const plan = read(valid).plan!;
  assert.ok(watchesFile(plan, 'abc.txt'));
  assert.ok(watchesFile(plan, '1-abc.txt.bak'));
  assert.ok(!watchesFile(plan, '123.TXT'));
  const exact = read({ ...valid, watchPathConfig: { directory: '/d', path: 'x.txt' } }).plan!;
  assert.ok(watchesFile(exact, 'x.txt'));
  assert.ok(!watchesFile(exact, 'xx.txt'));
});

test('the diff: removals first, then new or changed files as CREATE', () => {
  const before = { 'a.txt': { size: 1, mtimeMs: 1000 }, 'b.txt': { size: 2, mtimeMs: 1000 }, 'c.txt': { size: 3, mtimeMs: 1000 } };
  const after = { 'a.txt': { size: 1, mtimeMs: 1000 }, 'b.txt': { size: 2, mtimeMs: 2000 }, 'd.txt': { size: 4, mtimeMs: 3000 } };
  assert.deepEqual(diffListings(before, after), [
    { op: 'REMOVE', name: 'c.txt', version: { size: 3, mtimeMs: 1000 } },
    { op: 'CREATE', name: 'b.txt', version: { size: 2, mtimeMs: 2000 } },
    { op: 'CREATE', name: 'd.txt', version: { size: 4, mtimeMs: 3000 } },
  ]);
  assert.deepEqual(diffListings(after, after), []);
});

test('payload is Argo’s fsevent; ids follow the file’s version', () => {
  const plan = read({ ...valid, metadata: { team: 'x' } }).plan!;
  const change = { op: 'REMOVE' as const, name: 'c.txt', version: { size: 3, mtimeMs: 1000 } };
  assert.deepEqual(sftpEventData(plan, change), { name: 'c.txt', op: 4, metadata: { team: 'x' } });
  assert.deepEqual(sftpEventData({ ...plan, metadata: undefined } as SftpPlan, { ...change, op: 'CREATE' }).op, 1);
  const src = { namespace: 'default', name: 'sftp' };
  const id = sftpEventId(src, 'e', change);
  assert.match(id, /^sftp:remove:/);
  assert.equal(sftpEventId(src, 'e', { ...change }), id);
  assert.notEqual(sftpEventId(src, 'e', { ...change, version: { size: 3, mtimeMs: 2000 } }), id);
});

test('addresses: host:port, [v6]:port, bare host on 22', () => {
  assert.deepEqual(parseAddress('sftp.example.com:2222'), { host: 'sftp.example.com', port: 2222 });
  assert.deepEqual(parseAddress('[::1]:22'), { host: '::1', port: 22 });
  assert.deepEqual(parseAddress('files'), { host: 'files', port: 22 });
  assert.throws(() => parseAddress('h:99999'), ListenerConfigError);
});

test('connection options from secrets: key and pinned host key, or a password; secrets never quoted', () => {
  const hostKey = Buffer.from('host-key-blob');
  const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----';
  const env = {
    [secretEnvName(sel('address'))]: '127.0.0.1:2022\n',
    [secretEnvName(sel('username'))]: 'alice',
    [secretEnvName(sel('password'))]: 'pa55',
    [secretEnvName(sel('key'))]: `${key}\nssh-ed25519 ${hostKey.toString('base64')} host\n`,
    [secretEnvName(sel('bad'))]: 'not a key at all',
  };
  const secrets = createSecretStore({ env, dir: '/nonexistent' });
  const plan = read(valid).plan!;
  const withPassword = connectConfig(plan, secrets);
  assert.equal(withPassword.host, '127.0.0.1');
  assert.equal(withPassword.port, 2022);
  assert.equal(withPassword.username, 'alice');
  assert.equal(withPassword.password, 'pa55');
  assert.equal(withPassword.hostVerifier, undefined);
  const withKey = connectConfig({ ...plan, password: undefined, sshKeySecret: sel('key') } as SftpPlan, secrets);
  assert.equal(withKey.privateKey, key);
  const verify = withKey.hostVerifier as (k: Buffer) => boolean;
  assert.equal(verify(hostKey), true);
  assert.equal(verify(Buffer.from('another')), false);
  assert.throws(
    () => connectConfig({ ...plan, sshKeySecret: sel('bad') } as SftpPlan, secrets),
    (e: unknown) => e instanceof ListenerConfigError && !e.message.includes('not a key at all'),
  );
});
