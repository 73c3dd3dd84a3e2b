// The ingress on a real Temporal dev server: HTTPS from serverCertSecret / serverKeySecret
// (from env secrets, and from a Kubernetes Secret loaded before the port opens), and several
// EventSources sharing one port, where a later claim on a taken endpoint is a reported
// conflict that does not take the route over.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { freePort } from '../../src/temporal/dev-server.js';
import { applyResource } from '../../src/control/resources.js';
import { createSecretStore, secretEnvName } from '../../src/secrets/secret-store.js';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.js';
import {
  sensor,
  sensorDecisions,
  startTestEventide,
  validManifests,
  webhookEventSource,
} from '../support/eventide.js';
import { makeSelfSignedCert, type SelfSignedCert } from '../support/self-signed-cert.js';
import {
  DEFAULT_KINDS,
  SECRET_KIND,
  startFakeK8sApi,
  type FakeK8sApi,
} from '../support/fakes/k8s-api-server.js';
import { sleep, waitFor } from '../support/wait-for.js';

const TLS_CERT = { name: 'ingress-tls', key: 'tls.crt' };
const TLS_KEY = { name: 'ingress-tls', key: 'tls.key' };

interface HttpsAnswer {
  status: number;
  body: string;
  /** SHA-256 fingerprint of the certificate the server presented */
  servedFingerprint: string;
}

/** POST over HTTPS trusting only `ca` (hostname checks stay on: the cert is for IP 127.0.0.1). */
function httpsPost(url: string, body: string, ca: string): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      { method: 'POST', ca, headers: { 'content-type': 'application/json' }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            servedFingerprint: (res.socket as TLSSocket).getPeerCertificate().fingerprint256,
          }),
        );
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('https request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

function tlsWebhook(name: string, port: number) {
  return webhookEventSource(name, {
    orders: {
      port: String(port),
      endpoint: '/orders',
      method: 'POST',
      serverCertSecret: TLS_CERT,
      serverKeySecret: TLS_KEY,
    },
  });
}

/** A Sensor on source/event whose http trigger posts `body.id` to capture `path`. */
function forwardingSensor(name: string, source: string, event: string, capture: CaptureServer, path: string) {
  return sensor(name, {
    dependencies: [{ name: 'dep', eventSourceName: source, eventName: event }],
    triggers: [
      {
        template: {
          name: 'forward',
          http: {
            url: `${capture.url}${path}`,
            method: 'POST',
            payload: [{ src: { dependencyName: 'dep', dataKey: 'body.id' }, dest: 'id' }],
          },
        },
      },
    ],
  });
}

const firedIds = (capture: CaptureServer, path: string) =>
  capture.requests.filter((r) => r.url === path).map((r) => (JSON.parse(r.body) as { id: string }).id);

describe('ingress TLS and shared ports', () => {
  let e: RunningEventide;
  let capture: CaptureServer;
  let tls: SelfSignedCert;
  let tlsPort: number;
  let sharedPort: number;
  const logs: { msg: string; fields?: Record<string, unknown> }[] = [];

  before(async () => {
    tls = makeSelfSignedCert();
    tlsPort = await freePort();
    sharedPort = await freePort();
    capture = await startCaptureServer();
    e = await startTestEventide({
      secrets: createSecretStore({
        env: { [secretEnvName(TLS_CERT)]: tls.cert, [secretEnvName(TLS_KEY)]: tls.key },
        dir: '/nonexistent',
      }),
      log: (msg, fields) => logs.push({ msg, ...(fields ? { fields } : {}) }),
      manifests: validManifests(
        tlsWebhook('secure', tlsPort),
        forwardingSensor('secure-orders', 'secure', 'orders', capture, '/secure'),
        webhookEventSource('alpha', { a: { port: String(sharedPort), endpoint: '/alpha', method: 'POST' } }),
        webhookEventSource('beta', { b: { port: String(sharedPort), endpoint: '/beta', method: 'POST' } }),
        forwardingSensor('alpha-sensor', 'alpha', 'a', capture, '/alpha-fired'),
        forwardingSensor('beta-sensor', 'beta', 'b', capture, '/beta-fired'),
      ),
    });
  });

  after(async () => {
    await e?.stop();
    await capture?.close();
  });

  describe('HTTPS from serverCertSecret / serverKeySecret', () => {
    test('a POST over HTTPS, trusting the certificate, gets 200 and fires the Sensor', async () => {
      const res = await httpsPost(`https://127.0.0.1:${tlsPort}/orders`, '{"id":"tls-1"}', tls.cert);
      assert.equal(res.status, 200, res.body);
      assert.equal(
        res.servedFingerprint,
        new X509Certificate(tls.cert).fingerprint256,
        'our certificate is served',
      );
      await waitFor(() => firedIds(capture, '/secure').includes('tls-1'), { what: 'the TLS Sensor firing' });
    });

    test('plain HTTP on the TLS port gets no answer and reaches no Sensor', async () => {
      const events = async () =>
        (await sensorDecisions(e, 'secure-orders')).filter((d) => d.kind === 'event').length;
      const before = await events();
      await assert.rejects(
        fetch(`http://127.0.0.1:${tlsPort}/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"id":"plain-1"}',
          signal: AbortSignal.timeout(5000),
        }),
      );
      await sleep(500);
      assert.equal(await events(), before, 'the plain request became no event');
      assert.ok(!firedIds(capture, '/secure').includes('plain-1'));
    });

    test('a client that does not trust the certificate is refused', async () => {
      await assert.rejects(
        httpsPost(`https://127.0.0.1:${tlsPort}/orders`, '{"id":"untrusted"}', makeSelfSignedCert().cert),
        /self[- ]signed certificate/,
      );
    });
  });

  describe('several EventSources on one port', () => {
    const post = (path: string, id: string) =>
      fetch(`http://127.0.0.1:${sharedPort}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id }),
      });

    /** Applies `source` (with a forwarding Sensor on `event`) and waits for its reported conflict. */
    async function claim(source: object, sensorName: string, event: string, firedPath: string) {
      const name = (source as { metadata: { name: string } }).metadata.name;
      const [m, s] = validManifests(source, forwardingSensor(sensorName, name, event, capture, firedPath));
      await applyResource(e.client, s!, { taskQueue: e.taskQueue });
      await applyResource(e.client, m!, { taskQueue: e.taskQueue });
      const found = await waitFor(
        () => logs.find((l) => l.msg === 'route conflict' && String(l.fields?.problem).includes(name)),
        { what: `the conflict of ${name} to be reported` },
      );
      return String(found.fields?.problem);
    }

    /** `path` still reaches `firedPath`'s Sensor, and the claimant's Sensor got nothing. */
    async function stillRoutedTo(path: string, firedPath: string, claimant: string, claimantFired: string) {
      const id = `${path.slice(1)}-after-conflict`;
      assert.equal((await post(path, id)).status, 200);
      await waitFor(() => firedIds(capture, firedPath).includes(id), { what: 'the original Sensor firing' });
      await sleep(500);
      assert.deepEqual(firedIds(capture, claimantFired), []);
      const events = (await sensorDecisions(e, claimant)).filter((d) => d.kind === 'event');
      assert.deepEqual(events, [], 'the later EventSource never receives the endpoint’s events');
    }

    test('each endpoint reaches its own EventSource and Sensor', async () => {
      assert.equal((await post('/alpha', 'to-alpha')).status, 200);
      assert.equal((await post('/beta', 'to-beta')).status, 200);
      await waitFor(
        () => firedIds(capture, '/alpha-fired').length === 1 && firedIds(capture, '/beta-fired').length === 1,
        { what: 'both Sensors firing' },
      );
      assert.deepEqual(firedIds(capture, '/alpha-fired'), ['to-alpha']);
      assert.deepEqual(firedIds(capture, '/beta-fired'), ['to-beta']);
      assert.deepEqual(
        e.ingress!.listening().find((l) => l.port === sharedPort),
        { port: sharedPort, endpoints: ['/alpha', '/beta'] },
        'one server for the port, both endpoints on it',
      );
    });

    test('a later EventSource claiming a taken port + endpoint is a reported conflict and does not take the route', async () => {
      const problem = await claim(
        webhookEventSource('zeta-thief', {
          stolen: { port: String(sharedPort), endpoint: '/alpha', method: 'POST' },
          own: { port: String(sharedPort), endpoint: '/zeta', method: 'POST' },
        }),
        'thief-sensor',
        'stolen',
        '/thief-fired',
      );
      assert.equal(
        problem,
        `default/zeta-thief webhook.stolen: port ${sharedPort} endpoint /alpha is already used by default/alpha webhook.a`,
      );
      // Its other, free endpoint is served: only the conflicting route is refused.
      await waitFor(
        () =>
          e
            .ingress!.listening()
            .find((l) => l.port === sharedPort)
            ?.endpoints.includes('/zeta'),
        { what: 'the free endpoint of the later EventSource' },
      );
      await stillRoutedTo('/alpha', '/alpha-fired', 'thief-sensor', '/thief-fired');
    });

    test('a later claim does not take the route even when its name sorts first', async () => {
      const problem = await claim(
        webhookEventSource('aaa-late', {
          late: { port: String(sharedPort), endpoint: '/beta', method: 'POST' },
        }),
        'aaa-sensor',
        'late',
        '/aaa-fired',
      );
      assert.match(problem, /^default\/aaa-late webhook\.late: .* already used by default\/beta webhook\.b$/);
      await stillRoutedTo('/beta', '/beta-fired', 'aaa-sensor', '/aaa-fired');
    });
  });
});

describe('ingress TLS with the key pair in a Kubernetes Secret', () => {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  const envKeys = ['EVENTIDE_SECRETS_FROM_KUBERNETES', 'KUBECONFIG', 'EVENTIDE_SECRETS_DIR'] as const;
  const saved = Object.fromEntries(envKeys.map((k) => [k, process.env[k]]));
  let api: FakeK8sApi;
  let e: RunningEventide;
  let capture: CaptureServer;
  let tls: SelfSignedCert;
  let port: number;

  before(async () => {
    tls = makeSelfSignedCert();
    port = await freePort();
    capture = await startCaptureServer();
    api = await startFakeK8sApi([...DEFAULT_KINDS, SECRET_KIND]);
    api.put({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/tls',
      metadata: { name: TLS_CERT.name, namespace: 'default' },
      data: { [TLS_CERT.key]: b64(tls.cert), [TLS_KEY.key]: b64(tls.key) },
    });
    // A slow API: if anything served before the Secrets were read, the port would open
    // without TLS (the key pair missing) and the first request below would fail.
    api.delayNext(1, 1500, 'GET');
    // The store Eventide builds for itself (no `secrets` given), as `eventide dev` would.
    process.env.EVENTIDE_SECRETS_FROM_KUBERNETES = '1';
    process.env.KUBECONFIG = api.kubeconfigPath;
    process.env.EVENTIDE_SECRETS_DIR = '/nonexistent';
    e = await startTestEventide({
      secrets: undefined,
      manifests: validManifests(
        tlsWebhook('secure', port),
        forwardingSensor('secure-orders', 'secure', 'orders', capture, '/secure'),
      ),
    });
  });

  after(async () => {
    await e?.stop();
    await capture?.close();
    await api?.close();
    for (const k of envKeys) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  test('the first request after start is served over HTTPS with the certificate from the Secret', async () => {
    // No waiting: the Secrets were loaded before the ingress opened the port.
    const res = await httpsPost(`https://127.0.0.1:${port}/orders`, '{"id":"k8s-tls-1"}', tls.cert);
    assert.equal(res.status, 200, res.body);
    assert.equal(res.servedFingerprint, new X509Certificate(tls.cert).fingerprint256);
    await waitFor(() => firedIds(capture, '/secure').includes('k8s-tls-1'), { what: 'the Sensor firing' });
    assert.ok(
      api.requests.some((r) => r.method === 'GET' && r.path === '/api/v1/namespaces/default/secrets'),
      'the Secrets were listed through the Kubernetes API',
    );
  });
});
