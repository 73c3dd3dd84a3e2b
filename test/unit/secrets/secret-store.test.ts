// The chained secret store: env, then files, then any further source (Kubernetes), and a
// not-found message that says every way to provide the secret without showing any value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chainSecretStores,
  createSecretStore,
  SecretNotFoundError,
  secretEnvName,
  type SecretSource,
} from '../../../src/secrets/secret-store.js';

const REF = { name: 'my-secret', key: 'token' };

function secretsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'eventide-secrets-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** A stand-in for the Kubernetes cache: a fixed map, with its own hint. */
function mapSource(values: Record<string, string>): SecretSource & { asked: number } {
  const src = {
    asked: 0,
    tryGet(ref: { name: string; key: string }) {
      src.asked++;
      return values[`${ref.name}/${ref.key}`];
    },
    missingHints: (ref: { name: string; key: string }) => [`create the Kubernetes Secret ns/${ref.name}`],
  };
  return src;
}

test('env wins over a file, a file over the next source, and the next source answers last', () => {
  const dir = secretsDir({ 'my-secret/token': 'from-file\n', 'only-file/token': 'file-only' });
  const kube = mapSource({ 'my-secret/token': 'from-kube', 'only-kube/token': 'kube-only' });
  const local = createSecretStore({ env: { [secretEnvName(REF)]: 'from-env' }, dir });
  const store = chainSecretStores(local, kube);
  assert.equal(store.get(REF), 'from-env');
  assert.equal(store.get({ name: 'only-file', key: 'token' }), 'file-only');
  assert.equal(store.get({ name: 'only-kube', key: 'token' }), 'kube-only');
  assert.equal(kube.asked, 1, 'later sources are not asked once an earlier one answered');

  const noEnv = chainSecretStores(createSecretStore({ env: {}, dir }), kube);
  assert.equal(noEnv.get(REF), 'from-file', 'the trailing newline of a file is dropped, the file wins');
});

test('an empty env value is a value, not a miss', () => {
  const store = chainSecretStores(
    createSecretStore({ env: { [secretEnvName(REF)]: '' }, dir: '/nonexistent' }),
    mapSource({ 'my-secret/token': 'kube' }),
  );
  assert.equal(store.get(REF), '');
});

test('not found anywhere: the error names every way to provide it, in order, and tryGet is undefined', () => {
  const dir = '/nonexistent/secrets';
  const store = chainSecretStores(createSecretStore({ env: {}, dir }), mapSource({}));
  assert.equal(store.tryGet(REF), undefined);
  const err = (() => {
    try {
      store.get(REF);
    } catch (e) {
      return e;
    }
    return undefined;
  })();
  assert.ok(err instanceof SecretNotFoundError);
  assert.deepEqual(err.ref, REF);
  assert.equal(
    err.message,
    'secret my-secret/token not found; set the environment variable EVENTIDE_SECRET_MY_SECRET_TOKEN, ' +
      'or write it to the file /nonexistent/secrets/my-secret/token, ' +
      'or create the Kubernetes Secret ns/my-secret (see README "Secrets")',
  );
});

test('a reference cannot climb out of the secrets directory', () => {
  const root = secretsDir({ 'outside/token': 'not-yours', 'inside/x/.keep': '' });
  const store = createSecretStore({ env: {}, dir: join(root, 'inside') });
  assert.equal(store.tryGet({ name: '..', key: 'outside/token' }), undefined);
  assert.equal(store.tryGet({ name: '../outside', key: 'token' }), undefined);
});

test('the not-found message carries no value held for other keys', () => {
  const canary = 'canary-value-93f1';
  const store = chainSecretStores(
    createSecretStore({
      env: { [secretEnvName({ name: 'my-secret', key: 'other' })]: canary },
      dir: '/nonexistent',
    }),
    mapSource({ 'my-secret/password': canary }),
  );
  assert.throws(
    () => store.get(REF),
    (e: Error) => !String(e.stack).includes(canary) && !e.message.includes(canary),
  );
});
