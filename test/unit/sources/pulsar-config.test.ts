// The pulsar EventSource's config reader and event shape, and the pulsar trigger's validation:
// Argo's examples validate, mistakes are named by field path, Athenz is refused with the reason,
// URLs map onto the WebSocket API, and event ids come from the message position.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { validatePath } from '../../../src/manifest/validate-manifest.js';
import { Problems } from '../../../src/vocabulary/problems.js';
import { pulsarSource } from '../../../src/sources/pulsar/pulsar-source.js';
import { readPulsarConfig } from '../../../src/sources/pulsar/pulsar-config.js';
import { parseTopic, topicSocketUrl, webSocketBase } from '../../../src/sources/pulsar/pulsar-connection.js';
import { goUtcString, pulsarEventDraft } from '../../../src/sources/pulsar/pulsar-event.js';
import { messagePosition } from '../../../src/sources/pulsar/pulsar-message-id.js';
import { validatePulsar } from '../../../activities/triggers/pulsar/rules.js';

const EXAMPLES = '/work/shared/argo-examples';

function problems(cfg: Record<string, unknown>): string[] {
  const p = new Problems();
  pulsarSource.validate(p, cfg, ['spec', 'pulsar', 'e']);
  return p.list.map((x) => `${x.path.join('.')}: ${x.message}`);
}

for (const file of [`${EXAMPLES}/event-sources/pulsar.yaml`, `${EXAMPLES}/sensors/pulsar.yaml`]) {
  test(`Argo’s ${file.split('/').slice(-2).join('/')} validates`, { skip: existsSync(file) ? false : `${file} is absent` }, () => {
    const r = validatePath(file);
    assert.deepEqual(r.problems, []);
    assert.equal(r.valid.length, 1);
  });
}

test('pulsar source: required fields, type, topic forms, Athenz refused with the reason', () => {
  assert.deepEqual(problems({}), ['spec.pulsar.e.url: required', 'spec.pulsar.e.topics: required']);
  const got = problems({ url: 'kafka://h', topics: ['a/b'], type: 'failover', authAthenzParams: { tenantDomain: 'x' } });
  assert.equal(got.length, 4, got.join('\n'));
  assert.match(got[0]!, /^spec\.pulsar\.e\.url: must be a Pulsar service URL/);
  assert.match(got[1]!, /^spec\.pulsar\.e\.authAthenzParams: not supported: Athenz .* use authTokenSecret$/);
  assert.match(got[2]!, /^spec\.pulsar\.e\.topics\.0: must be a Pulsar topic/);
  assert.equal(got[3], 'spec.pulsar.e.type: must be one of "exclusive", "shared", got string "failover"');
  assert.deepEqual(problems({ url: 'pulsar://h:6650', topics: ['t'], tls: { caCertSecret: { name: 's', key: 'k' } } }), [
    'spec.pulsar.e.tls: needs clientCertSecret and clientKeySecret (Pulsar uses tls for client-certificate authentication)',
  ]);
  const p = new Problems();
  const plan = readPulsarConfig(p, { url: 'pulsar+ssl://broker:6651', topics: ['t', 'persistent://acme/ns/x'], authTokenSecret: { name: 'tok', key: 'token' } }, ['e']);
  assert.equal(plan?.type, 'exclusive', 'Argo’s default subscription type');
  assert.equal(plan?.connection.wsBase, 'wss://broker:8443');
  assert.deepEqual(plan?.topics.map((t) => t.name), ['persistent://public/default/t', 'persistent://acme/ns/x']);
  assert.deepEqual(plan?.connection.authTokenSecret, { name: 'tok', key: 'token' });
});

test('urls map onto the WebSocket API on the web service port', () => {
  assert.equal(webSocketBase('pulsar://pulsar.argo-events.svc:6650'), 'ws://pulsar.argo-events.svc:8080');
  assert.equal(webSocketBase('http://127.0.0.1:19080/'), 'ws://127.0.0.1:19080');
  assert.equal(webSocketBase('https://proxy.example/pulsar'), 'wss://proxy.example/pulsar');
  assert.equal(webSocketBase('wss://h:1'), 'wss://h:1');
  assert.equal(webSocketBase('nats://h'), undefined);
  const t = parseTopic('non-persistent://a/b/c d')!;
  assert.equal(t.name, 'non-persistent://a/b/c d');
  const conn = readPulsarConfig(new Problems(), { url: 'ws://h:8080', topics: ['x'] }, ['e'])!.connection;
  assert.equal(topicSocketUrl(conn, 'consumer', t, 'my-sub'), 'ws://h:8080/ws/v2/consumer/non-persistent/a/b/c%20d/my-sub');
  assert.equal(parseTopic('a/b'), undefined);
});

test('event: Argo’s PulsarEventData, publishTime as Go prints it, the id from the message position', () => {
  const plan = readPulsarConfig(new Problems(), { url: 'ws://h:8080', topics: ['orders'], jsonBody: true, metadata: { team: 'ops' } }, ['e'])!;
  const d = pulsarEventDraft(plan, 'orders', plan.topics[0]!, {
    messageId: 'CAMQADAA', // ledger 3, entry 0 (as Pulsar 4.2.4's WebSocket API sent it)
    payload: Buffer.from('{"a":1}').toString('base64'),
    publishTime: '2026-12-07T23:42:00.187Z',
    key: 'k',
  });
  assert.deepEqual(d.data, { key: 'k', publishTime: '2026-12-07 23:42:00.187 +0000 UTC', body: { a: 1 }, metadata: { team: 'ops' } });
  assert.equal(d.id, 'pulsar:orders/persistent://public/default/orders/3:0:-1:-1');
  assert.equal(d.time, Date.parse('2026-12-07T23:42:00.187Z'));
  const raw = pulsarEventDraft({ ...plan, jsonBody: false }, 'orders', plan.topics[0]!, { messageId: 'CAMQADAA', payload: Buffer.from('hi').toString('base64') });
  assert.deepEqual(raw.data, { key: '', publishTime: '', body: 'aGk=', metadata: { team: 'ops' } });
  assert.equal(goUtcString(Date.parse('2026-01-02T03:04:05.100Z')), '2026-01-02 03:04:05.1 +0000 UTC');
  assert.equal(goUtcString(Date.parse('2026-01-02T03:04:05.000Z')), '2026-01-02 03:04:05 +0000 UTC');
  // ledger 300 (varint ac 02), entry 5, partition 2, batch index 7
  assert.equal(messagePosition(Buffer.from([0x08, 0xac, 0x02, 0x10, 0x05, 0x18, 0x02, 0x20, 0x07]).toString('base64')), '300:5:2:7');
  assert.equal(messagePosition('not an id'), 'not an id');
});

test('pulsar trigger: url, topic and payload required; Athenz refused', () => {
  const p = new Problems();
  validatePulsar(p, { authAthenzSecret: { name: 'a', key: 'b' } }, ['triggers', 0, 'template', 'pulsar'], () => undefined);
  assert.deepEqual(
    p.list.map((x) => `${x.path.join('.')}: ${x.message.split(':')[0]}`),
    [
      'triggers.0.template.pulsar.url: required',
      'triggers.0.template.pulsar.authAthenzSecret: not supported',
      'triggers.0.template.pulsar.topic: required',
      'triggers.0.template.pulsar.payload: required',
    ],
  );
});
