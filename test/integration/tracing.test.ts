// OpenTelemetry traces end to end (README "Tracing"): a webhook request's traceparent (or a new
// trace) follows the event through the ingress, the signal, the Sensor workflow and the trigger
// activity to the http trigger's outgoing request, exported over OTLP/HTTP to a loopback receiver.
// Also: events of several traces in one signal, each fire of the resulting runTriggerBatch
// continuing ITS event's trace.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { freePort } from '../../src/temporal/dev-server.js';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { activeTracing, stopTracing } from '../../src/tracing/tracing.js';
import { signalSenderFor } from '../../src/delivery/signal-batcher.js';
import { sensorWorkflowId } from '../../src/vocabulary/sensor-api.js';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.js';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver.js';
import { sensor, startTestEventide, validManifests, webhookEventSource } from '../support/eventide.js';
import { waitFor } from '../support/wait-for.js';
import { replayErrors } from '../support/traced-replay.js';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const SERVER = 2;
const CLIENT = 3;
const PRODUCER = 4;

/** The chain of span names from `span` up to the root of what the receiver holds. */
function ancestry(spans: ReceivedSpan[], span: ReceivedSpan): ReceivedSpan[] {
  const chain = [span];
  for (let s = span; s.parentSpanId;) {
    const parent = spans.find((p) => p.traceId === s.traceId && p.spanId === s.parentSpanId);
    if (!parent) break;
    chain.push(parent);
    s = parent;
  }
  return chain;
}

describe('OpenTelemetry traces', () => {
  let e: RunningEventide;
  let capture: CaptureServer;
  let otlp: OtlpReceiver;
  let port: number;
  const saved = { ...process.env };

  before(async () => {
    port = await freePort();
    capture = await startCaptureServer();
    otlp = await startOtlpReceiver();
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = otlp.endpoint;
    process.env.OTEL_SERVICE_NAME = 'eventide-trace-test';
    e = await startTestEventide({
      manifests: validManifests(
        webhookEventSource('hooks', { orders: { port: String(port), endpoint: '/orders', method: 'POST' } }),
        sensor('traced', {
          dependencies: [{ name: 'order', eventSourceName: 'hooks', eventName: 'orders' }],
          triggers: [
            {
              template: {
                name: 'notify',
                http: {
                  url: `${capture.url}/notify`,
                  method: 'POST',
                  payload: [{ src: { dependencyName: 'order', dataKey: 'body.id' }, dest: 'id' }],
                },
              },
            },
          ],
        }),
      ),
    });
    assert.ok(activeTracing(), 'tracing should be on with OTEL_EXPORTER_OTLP_ENDPOINT set');
  });

  after(async () => {
    await e?.stop();
    await stopTracing();
    process.env = saved;
    await capture?.close();
    await otlp?.close();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    waitFor(
      async () => {
        const r = await fetch(`http://127.0.0.1:${port}/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });
        // The ingress learns of the Sensor within its refresh: retry until it is subscribed.
        const answer = (await r.json()) as { status?: string };
        return r.status === 200 && answer.status === 'accepted' ? answer : undefined;
      },
      { what: 'the webhook to be accepted by the Sensor' },
    );

  const capturedFor = (id: string) =>
    waitFor(() => capture.requests.find((r) => r.body.includes(`"${id}"`)), {
      what: `the trigger request for ${id}`,
    });

  const spansOf = async (traceId: string, expected: (s: ReceivedSpan[]) => boolean, what: string) =>
    waitFor(
      async () => {
        await activeTracing()?.flush();
        const spans = otlp.spans.filter((s) => s.traceId === traceId);
        return expected(spans) ? spans : undefined;
      },
      {
        what: `${what} (received ${otlp.spans.length} spans; refused: ${otlp.refused.join(', ') || 'none'})`,
      },
    );

  test('a traceparent follows the event from the ingress to the http trigger request', async () => {
    const traceId = hex(16);
    const senderSpan = hex(8);
    await post({ id: 'order-1' }, { traceparent: `00-${traceId}-${senderSpan}-01` });
    const sent = await capturedFor('order-1');
    const outgoing = String(sent.headers.traceparent ?? '');
    assert.match(
      outgoing,
      new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`),
      'the trigger request continues the trace',
    );

    const outgoingSpan = outgoing.split('-')[2]!;
    // Spans end (and are exported) in their own time: StartActivity only when the activity reported back.
    const reachesIngress = (s: ReceivedSpan[]) => {
      const t = s.find((x) => x.spanId === outgoingSpan);
      return t !== undefined && ancestry(s, t).at(-1)?.kind === SERVER;
    };
    const spans = await spansOf(
      traceId,
      reachesIngress,
      'the chain from the trigger span to the ingress span',
    );
    const trigger = spans.find((s) => s.spanId === outgoingSpan)!;
    assert.equal(trigger.name, 'trigger notify');
    assert.equal(trigger.kind, CLIENT);
    assert.equal(trigger.attributes['eventide.sensor'], 'default/traced');
    assert.equal(trigger.service, 'eventide-trace-test');
    const names = ancestry(spans, trigger).map((s) => s.name);
    assert.deepEqual(
      names,
      ['trigger notify', 'RunActivity:runTrigger', 'StartActivity:runTrigger', 'POST /orders'],
      'trigger → activity → workflow scheduling → ingress, one trace',
    );
    const ingress = spans.find((s) => s.name === 'POST /orders')!;
    assert.equal(ingress.kind, SERVER);
    assert.equal(ingress.parentSpanId, senderSpan, 'the ingress span is a child of the sender');
    assert.equal(ingress.attributes['http.response.status_code'], 200);
    // The signal leg: the client's SignalWorkflow span under the ingress, the workflow's HandleSignal under it.
    const signal = spans.find((s) => s.name === 'SignalWorkflow:event');
    assert.ok(signal, `a SignalWorkflow:event span in the trace; got ${spans.map((s) => s.name).join(', ')}`);
    assert.equal(signal.parentSpanId, ingress.spanId);
    const handled = await spansOf(
      traceId,
      (s) => s.some((x) => x.name === 'HandleSignal:event'),
      'HandleSignal',
    );
    const handle = handled.find((s) => s.name === 'HandleSignal:event')!;
    assert.equal(handle.parentSpanId, signal.spanId);
    assert.equal(handle.attributes['temporal.workflow.id'], sensorWorkflowId('default', 'traced'));
  });

  test('a request without traceparent starts a new trace at the ingress', async () => {
    await post({ id: 'order-2' });
    const sent = await capturedFor('order-2');
    const [, traceId, spanId] = String(sent.headers.traceparent ?? '').split('-');
    assert.match(traceId ?? '', /^[0-9a-f]{32}$/);
    const spans = await spansOf(
      traceId!,
      (s) => {
        const t = s.find((x) => x.spanId === spanId);
        return t !== undefined && ancestry(s, t).at(-1)?.kind === SERVER;
      },
      'the new trace from the trigger to the ingress',
    );
    const ingress = spans.find((s) => s.kind === SERVER)!;
    assert.equal(ingress.parentSpanId, '', 'the ingress span is the root');
    const trigger = spans.find((s) => s.spanId === spanId)!;
    assert.equal(ancestry(spans, trigger).at(-1)?.spanId, ingress.spanId);
  });

  test('events of several traces in one signal: each fire continues its own trace', async () => {
    const traces = [hex(16), hex(16), hex(16)];
    const events = traces.map((t, i) => ({
      specversion: '1.0',
      id: `batched-${i}-${t.slice(0, 6)}`,
      source: 'hooks',
      subject: 'orders',
      type: 'webhook',
      datacontenttype: 'application/json',
      // as a listener that kept a message's traceparent header would hand it over
      traceparent: `00-${t}-${hex(8)}-01`,
      data: { body: { id: `batched-${i}` } },
    }));
    // One signal holding all three, as the batcher sends under load.
    await signalSenderFor(e.client)(sensorWorkflowId('default', 'traced'), events);
    for (const [i, t] of traces.entries()) {
      const sent = await capturedFor(`batched-${i}`);
      assert.equal(
        String(sent.headers.traceparent ?? '').split('-')[1],
        t,
        `fire ${i} carries its own event's trace`,
      );
      const spanId = String(sent.headers.traceparent).split('-')[2]!;
      const spans = await spansOf(
        t,
        (s) => s.some((x) => x.spanId === spanId),
        `the trigger span of trace ${i}`,
      );
      const trigger = spans.find((s) => s.spanId === spanId)!;
      assert.equal(trigger.parentSpanId, events[i]!.traceparent.split('-')[2], 'child of its event context');
      // Linked to the batch activity that ran it (a trace of its own).
      assert.equal(trigger.links.length, 1, 'the trigger span links the activity span that ran it');
      const batchSpan = await waitFor(
        async () => {
          await activeTracing()?.flush();
          return otlp.spans.find((s) => s.spanId === trigger.links[0]!.spanId);
        },
        { what: 'the activity span the trigger span links' },
      );
      assert.match(batchSpan.name, /^RunActivity:runTrigger(Batch)?$/);
    }
    const send = await waitFor(
      async () => {
        await activeTracing()?.flush();
        return otlp.spans.find((s) => s.name === 'send events' && s.links.length === 3);
      },
      { what: 'the batch signal span' },
    );
    assert.equal(send.kind, PRODUCER);
    assert.deepEqual(new Set(send.links.map((l) => l.traceId)), new Set(traces), 'linked to every event');
    assert.equal(send.parentSpanId, '', 'a trace of its own: no event is the parent of the others');
    const ran = otlp.spans.filter((s) => s.name === 'RunActivity:runTriggerBatch');
    assert.ok(ran.length >= 1, 'the three fires decided in one task ran as one runTriggerBatch');
  });

  test('the traced Sensor history replays with tracing off and on', async () => {
    const workflowId = sensorWorkflowId('default', 'traced');
    const history = await e.client.workflow.getHandle(workflowId).fetchHistory();
    assert.deepEqual(await replayErrors([{ workflowId, history }], false), [undefined], 'plain bundle');
    assert.deepEqual(await replayErrors([{ workflowId, history }], true), [undefined], 'traced bundle');
  });
});
