// Argo's connectionBackoff defaults (pkg/shared/util/retry.go): 1 s, factor 1, jitter 1, 5 steps,
// each absent field defaulted on its own, and steps 0 meaning the default. The three readers the
// broker sources use today must agree on them (merging the readers is still to do).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Problems } from '../../../src/vocabulary/problems.js';
import { readConnectionBackoff } from '../../../src/sources/kafka/kafka-backoff.js';
import { readBackoff as readBrokerBackoff } from '../../../src/sources/listener-common/broker-settings.js';
import { DEFAULT_BACKOFF, readBackoff as readNatsBackoff } from '../../../src/sources/nats/broker-config-parts.js';

const readers = {
  kafka: (v: unknown) => {
    const b = readConnectionBackoff(new Problems(), v, ['connectionBackoff'])!;
    return [b.initialMs, b.factor, b.jitter, b.steps];
  },
  'amqp/mqtt/nsq/pulsar': (v: unknown) => {
    const b = readBrokerBackoff(new Problems(), v === undefined ? {} : { connectionBackoff: v }, []);
    return [b.durationMs, b.factor, b.jitter, b.steps];
  },
  // nats-config.ts takes DEFAULT_BACKOFF when the reader finds no connectionBackoff
  'nats/redis': (v: unknown) => {
    const b = readNatsBackoff(new Problems(), v, ['connectionBackoff']) ?? DEFAULT_BACKOFF;
    return [b.initialMs, b.factor, b.jitter, b.steps];
  },
};

for (const [name, read] of Object.entries(readers)) {
  test(`${name}: connectionBackoff defaults are Argo's, field by field`, () => {
    assert.deepEqual(read(undefined), [1000, 1, 1, 5], 'absent');
    assert.deepEqual(read({ duration: '3s' }), [3000, 1, 1, 5], 'only a duration');
    assert.deepEqual(read({ steps: 0, factor: 2 }), [1000, 2, 1, 5], 'steps 0 is the default');
  });
}
