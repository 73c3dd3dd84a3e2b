// Config readers of the nats, redis and redisStream EventSources: what they accept, Argo's
// defaults, and problems named by field path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Problems } from '../../../src/vocabulary/problems.js';
import { formatFieldPath } from '../../../src/vocabulary/field-path.js';
import { readNatsConfig } from '../../../src/sources/nats/nats-config.js';
import { readRedisConfig } from '../../../src/sources/redis/redis-config.js';
import { readRedisStreamConfig } from '../../../src/sources/redisStream/redis-stream-config.js';
import { natsEventData } from '../../../src/sources/nats/nats-event.js';

function problems<T>(
  read: (p: Problems, cfg: Record<string, unknown>, path: (string | number)[]) => T,
  cfg: Record<string, unknown>,
) {
  const p = new Problems();
  const plan = read(p, cfg, ['spec', 'x', 'ev']);
  return { plan, problems: p.list.map((x) => `${formatFieldPath(x.path)}: ${x.message}`) };
}

test('nats: Argo fields, connectionBackoff and the jetStream extension', () => {
  const { plan, problems: list } = problems(readNatsConfig, {
    url: 'nats://n:4222',
    subject: 'foo',
    jsonBody: true,
    connectionBackoff: { duration: '10s', steps: 5, factor: 2, jitter: 0.2 },
    auth: { token: { name: 'nats', key: 'token' } },
    jetStream: { stream: 'S', ackWait: '10s' },
  });
  assert.deepEqual(list, []);
  assert.deepEqual(plan?.backoff, { durationMs: 10_000, factor: 2, jitter: 0.2, steps: 5 });
  assert.deepEqual(plan?.auth, { kind: 'token', token: { name: 'nats', key: 'token' } });
  assert.deepEqual(plan?.jetStream, {
    stream: 'S',
    durable: undefined,
    deliverPolicy: 'all',
    ackWaitMs: 10_000,
    batchSize: 100,
  });
});

test('nats: problems name their field paths', () => {
  const { plan, problems: list } = problems(readNatsConfig, {
    url: 'http://x',
    auth: { token: { name: 't', key: 'k' }, basic: {} },
    queue: 'q',
    jetStream: { durable: 'a.b' },
  });
  assert.equal(plan, undefined);
  assert.ok(
    list.some((l) => l.includes('url') && l.includes('NATS URL')),
    list.join('\n'),
  );
  assert.ok(
    list.some((l) => l.includes('subject: required')),
    list.join('\n'),
  );
  assert.ok(
    list.some((l) => l.includes('auth: only one of')),
    list.join('\n'),
  );
  assert.ok(
    list.some((l) => l.includes('jetStream.stream: required')),
    list.join('\n'),
  );
  assert.ok(
    list.some((l) => l.includes('jetStream.durable')),
    list.join('\n'),
  );
  assert.ok(
    list.some((l) => l.includes('queue and jetStream')),
    list.join('\n'),
  );
});

test('nats payload: base64 body without jsonBody, parsed with it; headers as lists', () => {
  const data = new TextEncoder().encode('{"a":1}');
  assert.deepEqual(natsEventData({ subject: 's', data }, false, undefined), {
    subject: 's',
    body: 'eyJhIjoxfQ==',
  });
  assert.deepEqual(natsEventData({ subject: 's', data }, true, { t: 'x' }), {
    subject: 's',
    body: { a: 1 },
    metadata: { t: 'x' },
  });
  assert.throws(
    () => natsEventData({ subject: 's', data: new TextEncoder().encode('no') }, true, undefined),
    /not JSON/,
  );
});

test('redis: hostAddress, db, channels; problems by path', () => {
  const ok = problems(readRedisConfig, {
    hostAddress: 'r:6380',
    db: 2,
    channels: ['FOO'],
    password: { name: 'r', key: 'p' },
  });
  assert.deepEqual(ok.problems, []);
  assert.deepEqual(ok.plan?.connection, { host: 'r', port: 6380, db: 2, password: { name: 'r', key: 'p' } });
  const bad = problems(readRedisConfig, { hostAddress: 'a:b:c', channels: [], db: -1 });
  assert.equal(bad.plan, undefined);
  assert.ok(
    bad.problems.some((l) => l.includes('hostAddress: must be host:port')),
    bad.problems.join('\n'),
  );
  assert.ok(
    bad.problems.some((l) => l.includes('channels: at least one')),
    bad.problems.join('\n'),
  );
  assert.ok(
    bad.problems.some((l) => l.includes('db: must be at least 0')),
    bad.problems.join('\n'),
  );
});

test('redisStream: Argo’s defaults (argo-events-cg, 10 per read)', () => {
  const { plan, problems: list } = problems(readRedisStreamConfig, {
    hostAddress: 'r:6379',
    streams: ['FOO'],
  });
  assert.deepEqual(list, []);
  assert.equal(plan?.consumerGroup, 'argo-events-cg');
  assert.equal(plan?.maxMsgCountPerRead, 10);
  const bad = problems(readRedisStreamConfig, { hostAddress: 'r', maxMsgCountPerRead: 'x' });
  assert.ok(
    bad.problems.some((l) => l.includes('streams: required')),
    bad.problems.join('\n'),
  );
  assert.ok(
    bad.problems.some((l) => l.includes('maxMsgCountPerRead: must be a number')),
    bad.problems.join('\n'),
  );
});
