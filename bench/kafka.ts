// Kafka throughput on a real Kafka 4.4 broker and Temporal dev server (loopback): N messages on a
// topic → kafka EventSource → Sensor → http trigger. Prints messages/s *accepted* (offsets
// committed, which happens only once the Sensor durably accepted them) sustained over N, beside
// the same Sensor fed by its webhook in the same run (POSTs answered 2xx = accepted), and how
// many triggers had fired by then. Target: ≥ 1,000 msg/s accepted from Kafka.
//   npx tsx bench/kafka.ts [messages=20000] [webhookEvents=2000] [concurrency=8]
import { Kafka, logLevel } from 'kafkajs';
import { startTestEventide, sensor, validManifests, webhookEventSource } from '../test/support/eventide.js';
import { startCaptureServer } from '../test/support/capture-server.js';
import { kafkaMissing, startKafka } from '../test/support/servers/kafka.js';
import { freePort } from '../src/temporal/dev-server.js';

const N = Number(process.argv[2] ?? 20_000);
const W = Number(process.argv[3] ?? 2_000);
const CONCURRENCY = Number(process.argv[4] ?? 8);
const GROUP = 'bench';

async function postAll(url: string, count: number): Promise<number> {
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ n }),
      });
      if (res.status !== 200) throw new Error(`POST answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return performance.now() - start;
}

async function main() {
  const missing = kafkaMissing();
  if (missing) {
    console.log(`skipped: ${missing}`);
    return;
  }
  const broker = await startKafka();
  const kafka = new Kafka({ brokers: [broker.url], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'bench', numPartitions: 1 }], waitForLeaders: true });
  const producer = kafka.producer();
  await producer.connect();
  for (let i = 0; i < N; i += 2000)
    await producer.send({
      topic: 'bench',
      messages: Array.from({ length: Math.min(2000, N - i) }, (_, j) => ({
        value: JSON.stringify({ n: i + j }),
      })),
    });
  await producer.disconnect();

  const capture = await startCaptureServer();
  const port = await freePort();
  const trigger = (dep: string) => ({
    template: {
      name: `fire-${dep}`,
      conditions: dep,
      http: {
        url: `${capture.url}/${dep}`,
        method: 'POST',
        payload: [{ src: { dependencyName: dep, dataKey: 'body.n' }, dest: 'n' }],
      },
    },
  });
  // 0 until the group coordinator has loaded (it answers GROUP_LOAD_IN_PROGRESS at first).
  const committed = async () =>
    (await admin.fetchOffsets({ groupId: GROUP, topics: ['bench'] }).catch(() => []))
      .flatMap((t) => t.partitions)
      .reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  const t0 = performance.now();
  const e = await startTestEventide({
    manifests: validManifests(
      webhookEventSource('hook', { hit: { port: String(port), endpoint: '/hit', method: 'POST' } }),
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'EventSource',
        metadata: { name: 'topic' },
        spec: {
          kafka: {
            bench: {
              url: broker.url,
              topic: 'bench',
              jsonBody: true,
              consumerGroup: { groupName: GROUP, oldest: true },
            },
          },
        },
      },
      sensor('bench', {
        dependencies: [
          { name: 'k', eventSourceName: 'topic', eventName: 'bench' },
          { name: 'w', eventSourceName: 'hook', eventName: 'hit' },
        ],
        triggers: [trigger('k'), trigger('w')],
      }),
    ),
  });
  try {
    // Kafka: the backlog is on the topic; time from the first commit to the last.
    let first: number | undefined;
    let atFirst = 0;
    let done = 0;
    const deadline = Date.now() + 600_000;
    while (done < N && Date.now() < deadline) {
      done = await committed();
      if (first === undefined && done > 0) {
        first = performance.now();
        atFirst = done;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const end = performance.now();
    const kafkaFired = capture.requests.filter((r) => r.url === '/k').length;
    const sustained = first !== undefined && end > first ? (done - atFirst) / ((end - first) / 1000) : NaN;
    const withStartup = done / ((end - t0) / 1000);

    // Webhook, same Sensor, same run (the Kafka fires still draining behind it).
    await postAll(`http://127.0.0.1:${port}/hit`, 20);
    const webhookMs = await postAll(`http://127.0.0.1:${port}/hit`, W);
    const webhookRate = W / (webhookMs / 1000);

    console.log(
      `${N} Kafka messages (1 partition), ${W} webhook events (${CONCURRENCY} senders), one Sensor, http trigger, loopback`,
    );
    console.log(
      `${'kafka → Sensor accepted (offsets committed)'.padEnd(48)}${sustained.toFixed(0).padStart(8)} msg/s sustained`,
    );
    console.log(`${'  including listener start-up'.padEnd(48)}${withStartup.toFixed(0).padStart(8)} msg/s`);
    console.log(
      `${'webhook → Sensor accepted (2xx, baseline)'.padEnd(48)}${webhookRate.toFixed(0).padStart(8)} events/s`,
    );
    console.log(
      `kafka/webhook accepted ratio: ${(sustained / webhookRate).toFixed(2)}x; committed ${done}/${N}; kafka triggers fired when the last offset was committed: ${kafkaFired}`,
    );
    console.log(`target ≥ 1000 msg/s accepted: ${sustained >= 1000 ? 'met' : 'NOT met'}`);
    if (done < N) process.exitCode = 1;
  } finally {
    await e.stop();
    await admin.disconnect();
    await capture.close();
    await broker.stop();
  }
}

await main();
