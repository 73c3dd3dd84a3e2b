import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  eventTraceContext,
  formatTraceParent,
  parseTraceParent,
  EVENT_TRACEPARENT,
} from '../../../src/tracing/trace-context.js';
import { EventTraces } from '../../../src/tracing/event-traces.js';
import type { FireEffect } from '../../../src/engine/types.js';
import type { CloudEvent } from '../../../src/engine/cloudevent.js';

const T1 = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const T2 = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

test('parseTraceParent accepts W3C traceparents and refuses what the spec says to ignore', () => {
  assert.deepEqual(parseTraceParent(T1), {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    traceFlags: 1,
  });
  assert.equal(formatTraceParent(parseTraceParent(T1)!), T1);
  for (const bad of [
    undefined,
    42,
    '',
    '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331',
    '00-00000000000000000000000000000000-b7ad6b7169203331-01',
    '00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01',
    'ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    '00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01',
    `${T1}-extra`,
  ])
    assert.equal(parseTraceParent(bad), undefined, String(bad));
  // A future version may append fields.
  assert.ok(parseTraceParent('01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-future'));
});

const event = (id: string, attrs: Record<string, unknown>): CloudEvent => ({ id, source: 's', ...attrs });

test("an event's context is Eventide's own, else the sender's CloudEvents traceparent", () => {
  assert.deepEqual(eventTraceContext(event('a', { [EVENT_TRACEPARENT]: T1, traceparent: T2 })), {
    traceparent: T1,
  });
  assert.deepEqual(eventTraceContext(event('b', { traceparent: T2, tracestate: 'k=v' })), {
    traceparent: T2,
    tracestate: 'k=v',
  });
  assert.deepEqual(eventTraceContext(event('c', { [EVENT_TRACEPARENT]: 'garbage', traceparent: T2 })), {
    traceparent: T2,
  });
  assert.equal(eventTraceContext(event('d', {})), undefined);
});

const fireOf = (...ids: string[]): FireEffect =>
  ({
    kind: 'fire',
    fireId: 'f',
    events: Object.fromEntries(ids.map((id, i) => [`dep${i}`, { context: { id } }])),
  }) as unknown as FireEffect;

test("a fire's trace: its latest event is the parent, its other events' traces are links", () => {
  const traces = new EventTraces();
  traces.remember(event('old', { traceparent: T1 }));
  traces.remember(event('untraced', {}));
  traces.remember(event('new', { traceparent: T2, tracestate: 'k=v' }));
  assert.deepEqual(traces.forFire(fireOf('old', 'new', 'untraced')), {
    traceparent: T2,
    tracestate: 'k=v',
    links: [T1],
  });
  assert.deepEqual(traces.forFire(fireOf('old')), { traceparent: T1 });
  assert.equal(traces.forFire(fireOf('untraced', 'unknown')), undefined);
});

test('the memory of event traces is bounded, oldest forgotten first', () => {
  const traces = new EventTraces(2);
  traces.remember(event('e1', { traceparent: T1 }));
  traces.remember(event('e2', { traceparent: T1 }));
  traces.remember(event('e3', { traceparent: T2 }));
  assert.equal(traces.forFire(fireOf('e1')), undefined);
  assert.deepEqual(traces.forFire(fireOf('e3')), { traceparent: T2 });
});
