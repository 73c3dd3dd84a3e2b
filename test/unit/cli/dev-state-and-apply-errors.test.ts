// Where `eventide dev` keeps its state, and the error a failed apply shows on a server without
// Eventide's search attributes.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultDataDir, devStateFile } from '../../../src/cli/commands/dev-data.js';
import {
  searchAttributeCommands,
  withSearchAttributeHint,
} from '../../../src/cli/commands/search-attributes-setup.js';

test('the data directory: EVENTIDE_DATA_DIR, else XDG_DATA_HOME/eventide, else ~/.local/share/eventide', () => {
  assert.equal(defaultDataDir({ EVENTIDE_DATA_DIR: '/srv/ev', XDG_DATA_HOME: '/x' }), '/srv/ev');
  assert.equal(defaultDataDir({ XDG_DATA_HOME: '/x' }), '/x/eventide');
  assert.equal(defaultDataDir({}), join(homedir(), '.local', 'share', 'eventide'));
});

test('dev keeps one SQLite file per port in the data directory, creating it; --ephemeral none', () => {
  const root = mkdtempSync(join(tmpdir(), 'eventide-dev-data-'));
  try {
    const dir = join(root, 'nested', 'data');
    const file = devStateFile({}, 7233, { EVENTIDE_DATA_DIR: dir });
    assert.equal(file, join(dir, 'dev-7233.sqlite'));
    assert.ok(existsSync(dir), 'the directory is created for the server');
    assert.equal(devStateFile({ dataDir: join(root, 'd') }, 9000, {}), join(root, 'd', 'dev-9000.sqlite'));
    assert.equal(devStateFile({ dbFilename: join(root, 'f', 'x.db') }, 9000, {}), join(root, 'f', 'x.db'));
    assert.equal(devStateFile({ ephemeral: true }, 7233, { EVENTIDE_DATA_DIR: dir }), undefined);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a failed apply keeps its cause and, when registration was refused, names the fix', () => {
  const cause = new Error('Failed to signalWithStart Workflow');
  const plain = withSearchAttributeHint(cause, 'sensor/default/s', { ok: true }, 'default');
  assert.equal(plain.message, 'cannot apply sensor/default/s');
  assert.equal(plain.cause, cause);

  const refused = withSearchAttributeHint(
    cause,
    'sensor/default/s',
    { ok: false, reason: 'PermissionDenied' },
    'prod',
  );
  assert.match(refused.message, /search attributes could not be registered \(PermissionDenied\)/);
  for (const c of searchAttributeCommands('prod')) assert.ok(refused.message.includes(c), c);
  assert.deepEqual(searchAttributeCommands('prod'), [
    'temporal operator search-attribute create --namespace prod --name EventideKind --type Keyword',
    'temporal operator search-attribute create --namespace prod --name EventideNamespace --type Keyword',
    'temporal operator search-attribute create --namespace prod --name EventideName --type Keyword',
    'temporal operator search-attribute create --namespace prod --name EventideUpdatedAt --type Datetime',
  ]);
});
