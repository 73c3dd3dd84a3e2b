// Logs: readable lines on a terminal, and the Temporal SDK's per-attempt trigger failures moved
// to debug without their stacks (Eventide logs one line when a trigger gives up).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { formatPrettyLine } from '../../../src/logging/pretty-stream.js';
import { temporalLogger } from '../../../src/logging/temporal-logger.js';

function memoryLogger(level: string) {
  const lines: Record<string, unknown>[] = [];
  const out = new Writable({
    write(chunk: Buffer, _e, done) {
      for (const l of chunk.toString().split('\n'))
        if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level }, out), lines };
}

test('a JSON line becomes "time LEVEL msg key=value"', () => {
  const line = JSON.stringify({
    level: 40,
    time: Date.UTC(2026, 0, 1, 12, 0, 1),
    msg: 'route conflict',
    port: 12000,
    problem: 'a b',
  });
  assert.equal(formatPrettyLine(line, false), '12:00:01 WARN  route conflict port=12000 problem="a b"');
  assert.equal(formatPrettyLine('not json', false), 'not json');
});

test("the SDK's failed trigger attempt goes to debug; other warnings keep the message, not the stack", () => {
  const { log, lines } = memoryLogger('info');
  const t = temporalLogger(log, 'WARN');
  const error = new Error('connect ECONNREFUSED');
  t.warn('Activity failed', { activityType: 'runTrigger', error });
  t.warn('Activity failed', { activityType: 'runSourceListener', error });
  t.info('Worker state changed');
  assert.equal(lines.length, 1);
  assert.equal(lines[0]!.msg, 'Activity failed');
  assert.equal(lines[0]!.error, 'connect ECONNREFUSED');
  assert.equal(lines[0]!.component, 'temporal');

  const debug = memoryLogger('debug');
  temporalLogger(debug.log, 'WARN').warn('Activity failed', { activityType: 'runTrigger', error });
  assert.equal(debug.lines[0]!.level, 20);
  assert.match(String(debug.lines[0]!.error), /ECONNREFUSED\n\s+at /, 'debug keeps the stack');
});

test('a trigger that gives up logs one line naming the trigger, the Sensor, the attempts and the reason', async () => {
  const { useLogger } = await import('../../../src/logging/logger.js');
  const { recordTriggerAttempt } = await import('../../../src/metrics/record-trigger.js');
  const { log, lines } = memoryLogger('info');
  useLogger(log);
  const fire = {
    trigger: 'notify',
    fireId: 'f-1',
    template: { name: 'notify' },
    retry: { maximumAttempts: 5, initialIntervalMs: 1, backoffCoefficient: 1, jitter: 0 },
  } as unknown as Parameters<typeof recordTriggerAttempt>[1];
  const sensor = { namespace: 'default', name: 'orders' };
  for (let attempt = 1; attempt <= 5; attempt++)
    recordTriggerAttempt(sensor, fire, attempt, 3, new Error('HTTP 503 from http://t/notify\n  at stack'));
  assert.deepEqual(
    lines.map((l) => l.msg),
    ['trigger notify of Sensor orders gave up after 5 attempts: HTTP 503 from http://t/notify'],
  );
  assert.equal(lines[0]!.level, 40);
});
