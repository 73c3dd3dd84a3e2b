// Prometheus /metrics after known traffic on a real dev server: Argo's metric names with Argo's
// labels for events and triggers, Eventide's for held, rate-limited, DLQ and unrouted events,
// signal batches and ingress latency, and the Temporal SDK worker's own metrics in the same scrape.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { freePort } from '../../src/temporal/dev-server.js';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.js';
import {
  sensor,
  sensorDecisions,
  startTestEventide,
  validManifests,
  webhookEventSource,
} from '../support/eventide.js';
import { waitFor } from '../support/wait-for.js';

/** The value of one sample, matching every given label; 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) continue;
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

describe('metrics', () => {
  let e: RunningEventide;
  let capture: CaptureServer;
  let port: number;
  const post = (path: string, body: string) =>
    fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
  const scrape = async () => (await fetch(e.metricsUrl!)).text();
  const ev = (event: string) => ({ namespace: 'default', eventsource_name: 'm', event_name: event });
  const trig = (s: string, t: string) => ({ namespace: 'default', sensor_name: s, trigger_name: t });

  before(async () => {
    port = await freePort();
    capture = await startCaptureServer();
    const events = Object.fromEntries(
      ['a', 'b', 'boom', 'r', 'orphan'].map((n) => [
        n,
        { port: String(port), endpoint: `/${n}`, method: 'POST' },
      ]),
    );
    e = await startTestEventide({
      metrics: { port: 0, host: '127.0.0.1' },
      manifests: validManifests(
        webhookEventSource('m', events),
        sensor('pair', {
          dependencies: [
            { name: 'a', eventSourceName: 'm', eventName: 'a' },
            { name: 'b', eventSourceName: 'm', eventName: 'b' },
          ],
          triggers: [{ template: { name: 'both', conditions: 'a && b', log: {} } }],
        }),
        sensor('limited', {
          dependencies: [{ name: 'r', eventSourceName: 'm', eventName: 'r' }],
          triggers: [
            { template: { name: 'slow', log: {} }, rateLimit: { unit: 'Minute', requestsPerUnit: 1 } },
          ],
        }),
        sensor('dead', {
          dependencies: [{ name: 'x', eventSourceName: 'm', eventName: 'boom' }],
          triggers: [
            {
              template: { name: 'doomed', http: { url: `${capture.url}/doomed`, method: 'POST' } },
              retryStrategy: { steps: 2, duration: '100ms' },
              atLeastOnce: true,
              policy: { status: { allow: [200] } },
              dlqTrigger: {
                template: { name: 'to-dlq', http: { url: `${capture.url}/dlq`, method: 'POST' } },
                atLeastOnce: true,
              },
            },
          ],
        }),
      ),
    });
  });

  after(async () => {
    await e?.stop();
    await capture?.close();
  });

  test('the scrape counts exactly the traffic sent', async () => {
    assert.ok(e.metricsUrl, 'startEventide reports where /metrics is served');
    assert.equal((await post('/a', '{"n":1}')).status, 200);
    await waitFor(async () => (await sensorDecisions(e, 'pair')).some((d) => d.kind === 'held') || undefined);
    assert.equal((await post('/b', '{"n":2}')).status, 200);
    assert.equal((await post('/orphan', '{}')).status, 200);
    assert.equal((await post('/a', 'not json')).status, 400);
    assert.equal((await post('/r', '{"n":1}')).status, 200);
    assert.equal((await post('/r', '{"n":2}')).status, 200);
    capture.failNext(2);
    assert.equal((await post('/boom', '{}')).status, 200);
    await waitFor(() => capture.requests.find((r) => r.url === '/dlq'), { what: 'the dlqTrigger' });

    const text = await waitFor(
      async () => {
        const t = await scrape();
        return sample(t, 'argo_events_action_triggered_total', trig('dead', 'to-dlq')) === 1 &&
          sample(t, 'argo_events_action_triggered_total', trig('pair', 'both')) === 1
          ? t
          : undefined;
      },
      { what: 'the trigger counters' },
    ).catch(async (err: unknown) => {
      console.log(
        (await scrape())
          .split('\n')
          .filter((l) => /^(argo|eventide)/.test(l))
          .join('\n'),
      );
      throw err;
    });
    // Events, by EventSource and event name.
    assert.equal(sample(text, 'argo_events_events_sent_total', ev('a')), 1);
    assert.equal(sample(text, 'argo_events_events_sent_total', ev('b')), 1);
    assert.equal(sample(text, 'argo_events_events_sent_total', ev('r')), 2);
    assert.equal(sample(text, 'argo_events_events_sent_total', ev('orphan')), 0);
    assert.equal(sample(text, 'eventide_events_unrouted_total', ev('orphan')), 1);
    assert.equal(sample(text, 'argo_events_events_processing_failed_total', ev('a')), 1);
    assert.equal(sample(text, 'argo_events_events_sent_failed_total', ev('a')), 0);
    assert.equal(sample(text, 'argo_events_event_processing_duration_milliseconds_count', ev('b')), 1);
    assert.equal(
      sample(text, 'eventide_ingress_request_duration_seconds_count', { ...ev('a'), code: '400' }),
      1,
    );
    assert.equal(
      sample(text, 'eventide_ingress_request_duration_seconds_count', { ...ev('r'), code: '200' }),
      2,
    );
    // Triggers.
    assert.equal(sample(text, 'eventide_events_held_total', trig('pair', 'both')), 1);
    assert.equal(sample(text, 'eventide_fires_rate_limited_total', trig('limited', 'slow')), 1);
    assert.equal(sample(text, 'argo_events_action_triggered_total', trig('limited', 'slow')), 1);
    assert.equal(sample(text, 'argo_events_action_failed_total', trig('dead', 'doomed')), 2);
    assert.equal(sample(text, 'argo_events_action_retries_failed_total', trig('dead', 'doomed')), 1);
    assert.equal(
      sample(text, 'eventide_dlq_fires_total', trig('dead', 'doomed')),
      1,
      'counted under the trigger that gave up',
    );
    assert.equal(sample(text, 'argo_events_action_duration_milliseconds_count', trig('dead', 'doomed')), 2);
    // a, b, r, r and boom each reached one Sensor, in signals of one event or more.
    assert.equal(sample(text, 'eventide_signal_batch_events_sum'), 5);
    // The Temporal SDK's worker metrics come in the same scrape.
    assert.match(text, /^temporal_\w+/m, 'Temporal SDK worker metrics are included');
  });
});
