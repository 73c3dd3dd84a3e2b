// The generic source-listener activity itself, with the file type as its listener (the only one
// today), in Temporal's MockActivityEnvironment: what `ctx.deliver` does for every listener type
// (the event's filter.expression, retrying a failed delivery before the listener moves on), the
// type dispatch, and the file listener's pre-generic activity name for old workflows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createSourceListenerActivities, type Deliver } from '../../../activities/source-listener.js';
import type { DeliverEventsInput } from '../../../activities/deliver-events.js';
import type { FileListenerCheckpoint } from '../../../src/sources/file/file-listener.js';
import { waitFor } from '../../support/wait-for.js';

const source = { namespace: 'default', name: 'files' };
const createConfig = (dir: string, extra: Record<string, unknown> = {}) => ({
  eventType: 'CREATE',
  watchPathConfig: { directory: dir, pathRegexp: '\\.txt$' },
  ...extra,
});

function environment() {
  const env = new MockActivityEnvironment();
  const heartbeats: FileListenerCheckpoint[] = [];
  env.on('heartbeat', (d: FileListenerCheckpoint) => heartbeats.push(d));
  return { env, heartbeats, ready: () => heartbeats.some((h) => h.snapshot !== undefined) };
}

async function withDir(body: (dir: string) => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), 'eventide-source-listener-'));
  try {
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const names = (inputs: DeliverEventsInput[]) =>
  inputs.flatMap((i) => i.drafts.map((d) => (d.data as { name: string }).name.replace(/.*\//, '')));

test("deliver applies the event's filter.expression and names the origin", async () => {
  await withDir(async (dir) => {
    const got: DeliverEventsInput[] = [];
    const { runSourceListener } = createSourceListenerActivities({} as Client, async (i) => got.push(i));
    const { env, ready } = environment();
    const done = env.run(runSourceListener, {
      source,
      type: 'file',
      eventName: 'e',
      config: createConfig(dir, { filter: { expression: 'name contains "keep"' } }),
    });
    done.catch(() => undefined);
    await waitFor(ready, { what: 'baseline' });
    writeFileSync(join(dir, 'drop-1.txt'), '');
    writeFileSync(join(dir, 'keep-1.txt'), '');
    await waitFor(() => names(got).includes('keep-1.txt'), { what: 'keep-1.txt delivered' });
    writeFileSync(join(dir, 'keep-2.txt'), '');
    await waitFor(() => names(got).includes('keep-2.txt'), { what: 'keep-2.txt delivered' });
    assert.deepEqual(names(got), ['keep-1.txt', 'keep-2.txt'], 'drop-1.txt is filtered out');
    assert.deepEqual(got[0]!.origin, { source, sourceType: 'file', eventName: 'e' });
    env.cancel();
    await assert.rejects(done, CancelledFailure);
  });
});

test('a failed delivery is retried; the checkpoint moves only once it succeeded', async () => {
  await withDir(async (dir) => {
    let attempts = 0;
    const got: DeliverEventsInput[] = [];
    const flaky: Deliver = async (i) => {
      if (++attempts <= 2) throw new Error('Sensor unreachable');
      got.push(i);
    };
    const { runSourceListener } = createSourceListenerActivities({} as Client, flaky);
    const { env, heartbeats, ready } = environment();
    const done = env.run(runSourceListener, {
      source,
      type: 'file',
      eventName: 'e',
      config: createConfig(dir),
    });
    done.catch(() => undefined);
    await waitFor(ready, { what: 'baseline' });
    writeFileSync(join(dir, 'a.txt'), '');
    await waitFor(() => got.length > 0, { what: 'delivery after two failures', timeoutMs: 10_000 });
    assert.equal(attempts, 3);
    assert.deepEqual(names(got), ['a.txt']);
    await waitFor(() => heartbeats.at(-1)?.delivered === 1, { what: 'checkpoint after delivery' });
    assert.ok(
      heartbeats.every((h) => h.snapshot?.['a.txt'] === undefined || h.delivered === 1),
      'no checkpoint passes a.txt before it was delivered',
    );
    env.cancel();
    await assert.rejects(done, CancelledFailure);
  });
});

test('a type that is not a listener fails without retry, naming the event', async () => {
  const { runSourceListener } = createSourceListenerActivities({} as Client, async () => undefined);
  await assert.rejects(
    new MockActivityEnvironment().run(runSourceListener, {
      source,
      type: 'webhook',
      eventName: 'e',
      config: {},
    }),
    (e: Error & { type?: string; nonRetryable?: boolean }) => {
      assert.equal(e.type, 'SourceTypeNotListener');
      assert.equal(e.nonRetryable, true);
      assert.equal(e.message, 'webhook source default/files event e: webhook is not a listener type');
      return true;
    },
  );
});

test('listenFiles (the activity name of workflows started before the generic one) runs the file listener', async () => {
  await withDir(async (dir) => {
    const got: DeliverEventsInput[] = [];
    const { listenFiles } = createSourceListenerActivities({} as Client, async (i) => got.push(i));
    const { env, ready } = environment();
    const done = env.run(listenFiles, {
      origin: { source, sourceType: 'file', eventName: 'old' },
      config: createConfig(dir),
    });
    done.catch(() => undefined);
    await waitFor(ready, { what: 'baseline' });
    writeFileSync(join(dir, 'a.txt'), '');
    await waitFor(() => got.length > 0, { what: 'delivery' });
    assert.deepEqual(got[0]!.origin, { source, sourceType: 'file', eventName: 'old' });
    env.cancel();
    await assert.rejects(done, CancelledFailure);
  });
});
