// The sqs EventSource's config reader (field paths of its problems) and its message→event
// mapping (Argo's SQSEventData shape, jsonBody, ids from MessageId).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validatePath } from '../../../src/manifest/validate-manifest.js';
import { Problems } from '../../../src/vocabulary/problems.js';
import { formatFieldPath } from '../../../src/vocabulary/field-path.js';
import { readSqsConfig, type SqsPlan } from '../../../src/sources/sqs/sqs-config.js';
import { sqsEvent } from '../../../src/sources/sqs/sqs-events.js';

function read(cfg: Record<string, unknown>) {
  const p = new Problems();
  const plan = readSqsConfig(p, cfg, ['spec', 'sqs', 'q']);
  return { plan, problems: p.list.map((x) => `${formatFieldPath(x.path)}: ${x.message}`) };
}

test('region and queue are required; the wait defaults to Argo’s 3 s', () => {
  assert.deepEqual(read({}).problems, ['spec.sqs.q.region: required', 'spec.sqs.q.queue: required']);
  assert.deepEqual(read({ region: 'us-east-1', queue: 'q' }).plan, {
    region: 'us-east-1',
    queue: 'q',
    waitTimeSeconds: 3,
    jsonBody: false,
    dlq: false,
  });
});

test('bad fields are named by path', () => {
  const { plan, problems } = read({
    region: 'r',
    queue: 'q',
    waitTimeSeconds: 30,
    accessKey: { name: 'aws' },
    endpoint: 'localhost:4566',
    jsonBody: 'yes',
  });
  assert.equal(plan, undefined);
  assert.deepEqual(problems, [
    'spec.sqs.q.waitTimeSeconds: must be at most 20, got 30',
    'spec.sqs.q.accessKey.key: required',
    'spec.sqs.q.secretKey: accessKey and secretKey must be given together',
    'spec.sqs.q.endpoint: must be an http(s) URL, got "localhost:4566"',
    'spec.sqs.q.jsonBody: must be true or false, got string "yes"',
  ]);
});

const plan = (o: Partial<SqsPlan> = {}): SqsPlan => ({ region: 'r', queue: 'q', waitTimeSeconds: 3, jsonBody: false, dlq: false, ...o });

test('a message becomes Argo’s SQSEventData; without jsonBody the body is base64', () => {
  const got = sqsEvent(plan({ metadata: { team: 'a' } }), {
    MessageId: 'm-1',
    Body: 'hello',
    Attributes: { SentTimestamp: '1700000000000' },
    MessageAttributes: { origin: { DataType: 'String', StringValue: 'web' } },
  });
  assert.deepEqual(got, {
    ok: true,
    draft: {
      id: 'sqs:m-1',
      time: 1700000000000,
      data: {
        messageId: 'm-1',
        messageAttributes: {
          origin: { BinaryListValues: null, BinaryValue: null, DataType: 'String', StringListValues: null, StringValue: 'web' },
        },
        body: Buffer.from('hello').toString('base64'),
        metadata: { team: 'a' },
      },
    },
  });
});

test('with jsonBody the body is parsed; a body that is not JSON is refused with the reason', () => {
  const ok = sqsEvent(plan({ jsonBody: true }), { MessageId: 'm', Body: '{"a":1}' });
  assert.ok(ok.ok);
  assert.deepEqual(ok.draft.data, { messageId: 'm', messageAttributes: null, body: { a: 1 } });
  const bad = sqsEvent(plan({ jsonBody: true }), { MessageId: 'm', Body: 'not json' });
  assert.equal(bad.ok, false);
  assert.match(!bad.ok ? bad.reason : '', /body is not JSON \(jsonBody is true\)/);
});

test('Argo’s aws-sqs examples validate', (t) => {
  const root = fileURLToPath(new URL('../../../../shared/argo-examples/', import.meta.url));
  if (!existsSync(root)) return t.skip(`${root} is absent (Argo's examples sit beside the checkout)`);
  for (const f of ['event-sources/aws-sqs.yaml', 'sensors/aws-sqs.yaml']) {
    const r = validatePath(join(root, f));
    assert.deepEqual(r.problems.map((p) => `${p.path}: ${p.message}`), [], f);
    assert.ok(r.valid.length > 0, f);
  }
});
