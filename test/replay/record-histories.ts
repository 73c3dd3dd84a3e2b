// Records Sensor histories for the replay test: runs a few scenarios on a real dev server and
// saves each run's history (historyToJSON) beside the decisions the live workflow reported.
// Run it only when adding scenarios:  npx tsx test/replay/record-histories.ts
// Never re-record to make a failing replay pass: a history that stops replaying means the new
// code decides differently on old Sensors, which must be guarded (see README, "Changing the engine").
import { writeFileSync } from 'node:fs';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { sensorHistories } from '../../src/audit/sensor-history.js';
import type { CloudEvent } from '../../src/engine/cloudevent.js';
import { startCaptureServer } from '../support/capture-server.js';
import { sensor, sensorDecisions, startTestEventide, validManifests } from '../support/eventide.js';
import { sleep, waitFor } from '../support/wait-for.js';
import { sensorWorkflowId, specSignal } from '../../src/vocabulary/sensor-api.js';
import { replayDecisions } from '../../src/audit/replay-decisions.js';

const OUT = new URL('./histories/', import.meta.url);

async function main() {
  const capture = await startCaptureServer();
  const http = (
    path: string,
    payload = [{ src: { dependencyName: 'a', dataKey: 'n', value: '-' }, dest: 'n' }],
  ) => ({
    url: `${capture.url}${path}`,
    method: 'POST',
    payload,
  });
  const deps = [
    { name: 'a', eventSourceName: 'src', eventName: 'a' },
    {
      name: 'b',
      eventSourceName: 'src',
      eventName: 'b',
      filters: {
        data: [{ path: 'kind', type: 'string', value: ['^ok'] }],
        exprs: [{ expr: 'n > 1', fields: [{ name: 'n', path: 'n' }] }],
      },
      transform: { jq: '.n = (.n // 0) + 1' },
    },
    { name: 'c', eventSourceName: 'src', eventName: 'c', filters: { script: 'return event.v == "yes"' } },
  ];
  const scenarios = validManifests(
    sensor('replay-window', {
      dependencies: deps,
      triggers: [
        {
          template: { name: 'pair', conditions: 'a && (b || c)', correlationWindow: '1s', http: http('/w') },
        },
      ],
    }),
    sensor('replay-delivery', {
      dependencies: deps,
      triggers: [
        {
          template: { name: 'limited', conditions: 'a', http: http('/rl') },
          rateLimit: { unit: 'Second', requestsPerUnit: 1 },
        },
        {
          template: { name: 'doomed', conditions: 'c', http: http('/doomed') },
          // The capture server answers 200, which this policy does not allow: every attempt fails.
          policy: { status: { allow: [201] } },
          retryStrategy: { steps: 2, duration: '100ms' },
          atLeastOnce: true,
          dlqTrigger: { template: { name: 'dlq', http: http('/dlq') }, atLeastOnce: true },
        },
      ],
    }),
    sensor('replay-update', {
      dependencies: deps,
      triggers: [{ template: { name: 'all', conditions: 'a && b && c', log: {} } }],
    }),
  );
  const e = await startTestEventide({
    ingress: false,
    manifests: scenarios,
    sensorOptions: { historyEventLimit: 25 },
  });
  const send = (name: string, id: string, subject: string, data: unknown) =>
    e.client.workflow
      .getHandle(sensorWorkflowId('default', name))
      .signal('event', { specversion: '1.0', id, source: 'src', subject, data } satisfies CloudEvent);
  try {
    // window: a pair fires, a lone a expires, b is filtered out, c passes its Lua filter
    await send('replay-window', 'w-a1', 'a', { n: 1 });
    await send('replay-window', 'w-b1', 'b', { kind: 'ok', n: 5 });
    await send('replay-window', 'w-b2', 'b', { kind: 'nope', n: 5 });
    await send('replay-window', 'w-a2', 'a', { n: 2 });
    await sleep(1500);
    await send('replay-window', 'w-c1', 'c', { v: 'yes' });
    // delivery: rate limit queues, a failing trigger goes to its dlqTrigger
    await send('replay-delivery', 'd-c1', 'c', { v: 'yes' });
    for (let i = 0; i < 3; i++) await send('replay-delivery', `d-a${i}`, 'a', { n: i });
    await waitFor(() => capture.requests.some((r) => r.url === '/dlq'), { timeoutMs: 20_000 });
    await waitFor(() => capture.requests.filter((r) => r.url === '/rl').length >= 3, { timeoutMs: 20_000 });
    // update: held events survive an unrelated change, a changed dependency drops its event;
    // then enough noise to continue-as-new
    await send('replay-update', 'u-a1', 'a', { n: 1 });
    await send('replay-update', 'u-c1', 'c', { v: 'yes' });
    const [updated] = validManifests(
      sensor('replay-update', {
        dependencies: [deps[0], deps[1], { ...deps[2], filters: { script: 'return event.v ~= nil' } }],
        triggers: [{ template: { name: 'all', conditions: 'a && b && c', log: {} } }],
      }),
    );
    await e.client.workflow
      .getHandle(sensorWorkflowId('default', 'replay-update'))
      .signal(specSignal, updated!.spec as never);
    for (let i = 0; i < 40; i++) {
      await send('replay-update', `u-noise${i}`, 'a', { n: i });
      if (i % 10 === 9) await sleep(300);
    }
    await send('replay-update', 'u-c2', 'c', { v: 'no' });
    await send('replay-update', 'u-b1', 'b', { kind: 'ok', n: 3 });
    await sleep(1500);
    for (const name of ['replay-window', 'replay-delivery', 'replay-update']) {
      const id = sensorWorkflowId('default', name);
      const live = await sensorDecisions(e, name);
      const histories = await sensorHistories(e.client, id);
      const runs = await replayDecisions(histories);
      const all = runs.flatMap((r) => r.decisions);
      if (JSON.stringify(all.slice(-live.length)) !== JSON.stringify(live)) {
        throw new Error(`${name}: replayed decisions differ from the live ones; not recording`);
      }
      histories.forEach((h, k) => {
        const base = `${name}.run${k + 1}`;
        writeFileSync(new URL(`${base}.json`, OUT), historyToJSON(h.history));
        writeFileSync(
          new URL(`${base}.decisions.json`, OUT),
          `${JSON.stringify(runs[k]!.decisions, null, 1)}\n`,
        );
        console.log(`recorded ${base}: ${runs[k]!.decisions.length} decisions`);
      });
    }
  } finally {
    await e.stop();
    await capture.close();
  }
}

await main();
