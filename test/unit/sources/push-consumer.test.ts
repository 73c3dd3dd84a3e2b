// The push-style consumer loop shared by amqp, mqtt, nsq and pulsar: a batch is acked only after
// ctx.deliver resolved, never on a connection that was lost meanwhile (the broker redelivers, the
// Sensors dedupe), and a lost connection is reopened with a fresh inbox.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ListenerContext } from '../../../src/sources/listener-common/listener-source.js';
import { runPushConsumer, type PushCheckpoint, type PushInbox } from '../../../src/sources/listener-common/push-consumer.js';
import type { EventDraft } from '../../../src/sources/source-type.js';
import { createSecretStore } from '../../../src/secrets/secret-store.js';

function context(deliver: (d: EventDraft[]) => Promise<void>, abort: AbortController): ListenerContext<unknown, PushCheckpoint> {
  return {
    source: { namespace: 'ns', name: 'src' },
    type: 'test',
    eventName: 'e',
    config: {},
    checkpoint: undefined,
    heartbeat: () => undefined,
    deliver,
    secrets: createSecretStore({ env: {}, dir: '/nonexistent' }),
    signal: abort.signal,
    sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 5))),
    log: { info: () => undefined, warn: () => undefined },
  } as ListenerContext<unknown, PushCheckpoint>;
}

test('acks after deliver resolved; a batch whose connection was lost is not acked; reconnects', async () => {
  const abort = new AbortController();
  const events: string[] = [];
  const inboxes: PushInbox<string>[] = [];
  let releaseFirst!: () => void;
  const firstHeld = new Promise<void>((r) => (releaseFirst = r));
  let deliveries = 0;
  const ctx = context(async (drafts) => {
    deliveries++;
    events.push(`deliver ${drafts.map((d) => d.id).join(',')}`);
    if (deliveries === 1) await firstHeld;
    if (deliveries === 3) abort.abort(new Error('stop'));
  }, abort);
  const run = runPushConsumer<unknown, string>(ctx, {
    what: 'test source',
    backoff: { durationMs: 1, factor: 1, jitter: 0, steps: 3 },
    describe: {},
    open: async (inbox) => {
      inboxes.push(inbox);
      const n = inboxes.length;
      return {
        draft: (m) => ({ id: m, data: m }),
        ack: (batch) => events.push(`ack ${batch.join(',')} on connection ${n}`),
        close: async () => void events.push(`close ${n}`),
      };
    },
  });
  await new Promise((r) => setTimeout(r, 10));
  inboxes[0]!.push('a');
  inboxes[0]!.push('b');
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(events, ['deliver a,b'], 'nothing acked while the Sensors have not accepted');
  inboxes[0]!.push('c'); // arrives while the batch is being delivered: the next batch
  releaseFirst();
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(events.slice(0, 3), ['deliver a,b', 'ack a,b on connection 1', 'deliver c']);
  // connection 1 is lost (after c was acked); d arrives on connection 2 and is the third deliver
  inboxes[0]!.lose('gone');
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(inboxes.length, 2, 'reopened');
  inboxes[1]!.push('d');
  await assert.rejects(run, /stop/);
  assert.deepEqual(events, [
    'deliver a,b',
    'ack a,b on connection 1',
    'deliver c',
    'ack c on connection 1',
    'close 1',
    'deliver d',
    'ack d on connection 2',
    'close 2',
  ]);
});

test('a batch in flight when the connection is lost is delivered but not acked', async () => {
  const abort = new AbortController();
  const events: string[] = [];
  let inbox!: PushInbox<string>;
  const ctx = context(async (drafts) => {
    events.push(`deliver ${drafts.map((d) => d.id).join(',')}`);
    inbox.lose('connection dropped during deliver');
    abort.abort(new Error('stop'));
  }, abort);
  const run = runPushConsumer<unknown, string>(ctx, {
    what: 'test source',
    backoff: { durationMs: 1, factor: 1, jitter: 0, steps: 1 },
    describe: {},
    open: async (i) => {
      inbox = i;
      return { draft: (m) => ({ id: m, data: m }), ack: (b) => events.push(`ack ${b.join(',')}`), close: async () => void events.push('close') };
    },
  });
  await new Promise((r) => setTimeout(r, 10));
  inbox.push('x');
  await assert.rejects(run, /stop/);
  assert.deepEqual(events, ['deliver x', 'close']);
});
