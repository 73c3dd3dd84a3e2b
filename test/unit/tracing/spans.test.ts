// The spans Eventide makes itself, against an in-memory exporter: the signal of a batch of
// several traces links each of them, a signal of one trace is sent inside it, a fire's span is
// the child of its own event's context, and workflow spans from the 1.x-shaped interceptors
// arrive with their parent.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { context, createTraceState, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { SerializableSpan } from '@temporalio/interceptors-opentelemetry';
import { startTracing, stopTracing, activeTracing } from '../../../src/tracing/tracing.js';
import { tracedSignalSender } from '../../../src/tracing/signal-span.js';
import { inFireSpan, injectTraceHeaders } from '../../../src/tracing/fire-span.js';
import { toReadableSpan } from '../../../src/tracing/workflow-span-sink.js';
import type { CloudEvent } from '../../../src/engine/cloudevent.js';
import type { FireEffect } from '../../../src/engine/types.js';

const exporter = new InMemorySpanExporter();
const T1 = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const T2 = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const ev = (id: string, traceparent?: string): CloudEvent => ({
  id,
  source: 's',
  ...(traceparent ? { traceparent } : {}),
});

before(async () => {
  assert.ok(await startTracing({ exporter }));
});
after(() => stopTracing());

const finished = async () => {
  await activeTracing()!.flush();
  return exporter.getFinishedSpans();
};

test('a signal of events from several traces is a span of its own linking each', async () => {
  exporter.reset();
  let activeInSend: string | undefined;
  const send = tracedSignalSender(async () => {
    activeInSend = trace.getSpanContext(context.active())?.traceId;
  });
  await send('sensor:default/x', [ev('a', T1), ev('b', T2), ev('c', T1)]);
  const [span] = await finished();
  assert.equal(span?.name, 'send events');
  assert.equal(span.parentSpanContext, undefined);
  assert.deepEqual(span.links.map((l) => l.context.spanId).sort(), ['00f067aa0ba902b7', 'b7ad6b7169203331']);
  assert.equal(span.attributes['messaging.batch.message_count'], 3);
  assert.equal(activeInSend, span.spanContext().traceId, 'the Temporal signal is sent inside it');
});

test('a signal of one trace is sent inside that trace, one of none inside none', async () => {
  exporter.reset();
  const seen: (string | undefined)[] = [];
  const send = tracedSignalSender(async () => {
    seen.push(trace.getSpanContext(context.active())?.spanId);
  });
  await send('sensor:default/x', [ev('a', T1), ev('b', T1)]);
  // Even when called from inside another trace (the request that flushed the batcher).
  await context.with(
    trace.setSpanContext(context.active(), {
      traceId: 'f'.repeat(32),
      spanId: 'e'.repeat(16),
      traceFlags: 1,
    }),
    () => send('sensor:default/x', [ev('z')]),
  );
  assert.deepEqual(seen, ['b7ad6b7169203331', undefined]);
  assert.deepEqual(await finished(), [], 'no span of its own');
});

test("a fire's span is a child of its event's context, linking the activity span and the fire's other events", async () => {
  exporter.reset();
  const fire = { fireId: 'f1', trigger: 'notify', triggerType: 'http', events: {} } as unknown as FireEffect;
  const headers = new Headers();
  await inFireSpan(
    { namespace: 'default', name: 'orders' },
    fire,
    2,
    { traceparent: T1, links: [T2] },
    async () => injectTraceHeaders(headers),
  );
  const [span] = await finished();
  assert.equal(span?.name, 'trigger notify');
  assert.equal(span.spanContext().traceId, '0af7651916cd43dd8448eb211c80319c');
  assert.equal(span.parentSpanContext?.spanId, 'b7ad6b7169203331');
  assert.deepEqual(
    span.links.map((l) => l.context.spanId),
    ['00f067aa0ba902b7'],
  );
  assert.equal(span.attributes['eventide.fire.attempt'], 2);
  assert.equal(
    headers.get('traceparent'),
    `00-0af7651916cd43dd8448eb211c80319c-${span.spanContext().spanId}-01`,
  );
});

test('workflow spans (1.x shape) become 2.x readable spans with their parent and scope', () => {
  const s = {
    name: 'HandleSignal:event',
    kind: 0,
    spanContext: { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: 1, traceState: 'k=v' },
    parentSpanId: 'c'.repeat(16),
    startTime: [1, 0],
    endTime: [2, 0],
    status: { code: 0 },
    attributes: { a: 1 },
    links: [],
    events: [],
    duration: [1, 0],
    ended: true,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
    instrumentationLibrary: { name: '@temporalio/interceptor-workflow' },
  } as unknown as SerializableSpan;
  const r = toReadableSpan(s, resourceFromAttributes({ 'service.name': 'x' }), createTraceState, { w: 'id' });
  assert.equal(r.parentSpanContext?.spanId, 'c'.repeat(16));
  assert.equal(r.parentSpanContext?.traceId, 'a'.repeat(32));
  assert.equal(r.instrumentationScope.name, '@temporalio/interceptor-workflow');
  assert.equal(r.spanContext().traceState?.get('k'), 'v');
  assert.deepEqual(r.attributes, { a: 1, w: 'id' });
  const root = toReadableSpan(
    { ...s, parentSpanId: undefined } as unknown as SerializableSpan,
    r.resource,
    createTraceState,
  );
  assert.equal(root.parentSpanContext, undefined);
});
