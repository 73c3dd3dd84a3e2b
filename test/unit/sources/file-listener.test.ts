// The file listener, run by the generic source-listener activity, against a real temp directory,
// in Temporal's MockActivityEnvironment
// (heartbeats and cancellation without a server): live inotify operations, and a restart that
// resumes from the heartbeat checkpoint, delivering what changed meanwhile under stable ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appendFileSync,
  chmodSync,
  mkdtempSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import {
  createSourceListenerActivities,
  type SourceListenerInput,
} from '../../../activities/source-listener.js';
import type { FileListenerCheckpoint } from '../../../src/sources/file/file-listener.js';
import type { DeliverEventsInput } from '../../../activities/deliver-events.js';
import { waitFor } from '../../support/wait-for.js';

interface Delivered {
  id: string;
  name: string;
  op: number;
}

function listener(dir: string, eventType: string, extra: Record<string, unknown> = {}) {
  const delivered: Delivered[] = [];
  const heartbeats: FileListenerCheckpoint[] = [];
  const deliver = async (input: DeliverEventsInput) => {
    for (const d of input.drafts) delivered.push({ id: d.id!, ...(d.data as { name: string; op: number }) });
  };
  const { runSourceListener } = createSourceListenerActivities({} as Client, deliver);
  const input: SourceListenerInput = {
    source: { namespace: 'default', name: 'files' },
    type: 'file',
    eventName: 'e',
    config: { eventType, watchPathConfig: { directory: dir, pathRegexp: '\\.txt$' }, ...extra },
  };
  return {
    delivered,
    heartbeats,
    start(checkpoint?: FileListenerCheckpoint) {
      const env = new MockActivityEnvironment(checkpoint ? { heartbeatDetails: checkpoint } : {});
      env.on('heartbeat', (d: FileListenerCheckpoint) => heartbeats.push(d));
      const done = env.run(runSourceListener, input);
      done.catch(() => undefined);
      return { env, done };
    },
  };
}

const baselineTaken = (hb: FileListenerCheckpoint[]) => hb.some((h) => h.snapshot !== undefined);

async function stop(run: { env: MockActivityEnvironment; done: Promise<unknown> }) {
  run.env.cancel();
  await assert.rejects(run.done, CancelledFailure);
}

test('inotify: create, write, chmod, rename and remove, each as fsnotify reports it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'eventide-listener-'));
  try {
    const ops: Record<string, ReturnType<typeof listener>> = {};
    for (const op of ['CREATE', 'WRITE', 'CHMOD', 'RENAME', 'REMOVE']) ops[op] = listener(dir, op);
    const runs = Object.values(ops).map((l) => l.start());
    await waitFor(() => Object.values(ops).every((l) => baselineTaken(l.heartbeats)), { what: 'baselines' });

    writeFileSync(join(dir, 'a.txt'), 'one');
    await waitFor(() => ops.WRITE!.delivered.length > 0, { what: 'WRITE after create' });
    appendFileSync(join(dir, 'a.txt'), 'two');
    await waitFor(() => ops.WRITE!.delivered.length > 1, { what: 'WRITE after append' });
    chmodSync(join(dir, 'a.txt'), 0o600);
    await waitFor(() => ops.CHMOD!.delivered.length > 0, { what: 'CHMOD' });
    // Operations are read off the directory when a notice arrives, so steps are spaced out:
    // an entry renamed and removed before the listener looks shows only as removed.
    renameSync(join(dir, 'a.txt'), join(dir, 'b.txt'));
    writeFileSync(join(dir, 'ignored.bin'), 'not watched');
    await waitFor(() => ops.RENAME!.delivered.length > 0, { what: 'RENAME' });
    unlinkSync(join(dir, 'b.txt'));
    await waitFor(() => ops.REMOVE!.delivered.length > 0, { what: 'REMOVE' });

    const names = (op: string) => ops[op]!.delivered.map((d) => d.name.slice(dir.length + 1));
    assert.deepEqual(names('CREATE'), ['a.txt', 'b.txt'], 'a rename creates its new name');
    assert.ok(names('WRITE').length >= 2 && names('WRITE').every((n) => n === 'a.txt'));
    assert.deepEqual(names('CHMOD'), ['a.txt']);
    assert.deepEqual(names('RENAME'), ['a.txt'], 'RENAME names the old path');
    assert.deepEqual(names('REMOVE'), ['b.txt']);
    assert.deepEqual(ops.CHMOD!.delivered[0]!.op, 16);
    for (const run of runs) await stop(run);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a restarted listener delivers what changed while it was down, under the same ids', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'eventide-listener-'));
  try {
    writeFileSync(join(dir, 'kept.txt'), 'v1');
    writeFileSync(join(dir, 'gone.txt'), 'v1');
    const first = listener(dir, 'CREATE');
    const run = first.start();
    await waitFor(() => baselineTaken(first.heartbeats), { what: 'baseline' });
    await stop(run);
    const checkpoint = first.heartbeats.at(-1)!;
    assert.deepEqual(Object.keys(checkpoint.snapshot!).sort(), ['gone.txt', 'kept.txt']);
    assert.deepEqual(first.delivered, [], 'files present at the first start are not events');

    // Down: one file created, one modified, one removed.
    writeFileSync(join(dir, 'new.txt'), 'hello');
    appendFileSync(join(dir, 'kept.txt'), 'v2');
    unlinkSync(join(dir, 'gone.txt'));

    const seen: Record<string, Delivered[]> = {};
    for (const op of ['CREATE', 'WRITE', 'REMOVE']) {
      const l = listener(dir, op);
      const again = l.start(checkpoint);
      await waitFor(() => baselineTaken(l.heartbeats), { what: `${op} listener resumed` });
      await stop(again);
      seen[op] = l.delivered;
    }
    const short = (ds: Delivered[]) => ds.map((d) => d.name.slice(dir.length + 1));
    assert.deepEqual(short(seen.CREATE!), ['new.txt']);
    assert.deepEqual(short(seen.WRITE!), ['kept.txt']);
    assert.deepEqual(short(seen.REMOVE!), ['gone.txt']);

    // Crashed again before its checkpoint moved: the same events again, with the same ids.
    const replay = listener(dir, 'CREATE');
    const third = replay.start(checkpoint);
    await waitFor(() => replay.delivered.length > 0, { what: 'redelivery' });
    await stop(third);
    assert.deepEqual(replay.delivered, seen.CREATE);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('polling: Argo’s poller semantics (base names, one RENAME)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'eventide-listener-'));
  try {
    const renames = listener(dir, 'RENAME', { polling: true });
    const creates = listener(dir, 'CREATE', { polling: true });
    const runs = [renames.start(), creates.start()];
    await waitFor(() => baselineTaken(renames.heartbeats) && baselineTaken(creates.heartbeats));
    writeFileSync(join(dir, 'a.txt'), 'x');
    await waitFor(() => creates.delivered.length > 0, { what: 'CREATE a.txt' });
    renameSync(join(dir, 'a.txt'), join(dir, 'b.txt'));
    await waitFor(() => renames.delivered.length > 0, { what: 'RENAME' });
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(
      renames.delivered.map((d) => [d.name, d.op]),
      [['a.txt', 8]],
    );
    assert.deepEqual(
      creates.delivered.map((d) => d.name),
      ['a.txt'],
      'no CREATE for the new name',
    );
    for (const run of runs) await stop(run);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing directory is a retryable failure; a bad config is not retried', async () => {
  const gone = listener('/nonexistent/eventide-test', 'CREATE');
  await assert.rejects(gone.start().done, (e: Error & { nonRetryable?: boolean }) => {
    // A plain Error: Temporal makes it a retryable ApplicationFailure of type FileWatchError.
    assert.equal(e.name, 'FileWatchError');
    assert.notEqual(e.nonRetryable, true);
    assert.match(e.message, /does not exist/);
    return true;
  });
  const bad = listener('relative/dir', 'CREATE');
  await assert.rejects(bad.start().done, (e: Error & { type?: string; nonRetryable?: boolean }) => {
    assert.equal(e.type, 'SourceConfigError');
    assert.equal(e.nonRetryable, true);
    assert.match(
      e.message,
      /^file source default\/files event e: watchPathConfig\.directory: must be an absolute path/,
    );
    return true;
  });
});
