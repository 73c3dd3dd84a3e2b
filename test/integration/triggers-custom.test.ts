// The custom trigger against a real loopback gRPC trigger server (grpc-js, built here from its own
// copy of Argo's schema, so the test also checks that Eventide's .proto is wire-compatible): what
// the server receives in each call of Argo's sequence (spec as YAML after template parameters,
// the resource after `parameters`, the payload, ApplyPolicy given Execute's answer), the
// idempotency key as metadata on every call, one channel per server (and TLS with
// serverNameOverride), gRPC errors failing the fire with their status, and a Sensor whose first
// fires fail at the server and whose retry succeeds.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as loader from '@grpc/proto-loader';
import { findTriggerType } from '../../activities/triggers/registry.js';
import {
  closeTriggerConnections,
  openTriggerConnectionCount,
} from '../../activities/triggers/trigger-connections.js';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { freePort } from '../../src/temporal/dev-server.js';
import {
  sensor,
  sensorDecisions,
  startTestEventide,
  validManifests,
  webhookEventSource,
} from '../support/eventide.js';
import { makeSelfSignedCert } from '../support/self-signed-cert.js';
import { waitFor } from '../support/wait-for.js';
import { failureOf, fireFor, requestFor } from '../unit/triggers/trigger-fixtures.js';

// The server's own view of the protocol: Argo's package, service, messages and field numbers.
const SERVER_PROTO = `syntax = "proto3";
package triggers;
service Trigger {
  rpc FetchResource(FetchResourceRequest) returns (FetchResourceResponse);
  rpc Execute(ExecuteRequest) returns (ExecuteResponse);
  rpc ApplyPolicy(ApplyPolicyRequest) returns (ApplyPolicyResponse);
}
message FetchResourceRequest { bytes resource = 1; }
message FetchResourceResponse { bytes resource = 1; }
message ExecuteRequest { bytes resource = 1; bytes payload = 2; }
message ExecuteResponse { bytes response = 1; }
message ApplyPolicyRequest { bytes request = 1; }
message ApplyPolicyResponse { bool success = 1; string message = 2; }
`;

interface Call {
  rpc: string;
  key: string | undefined;
  fields: Record<string, string>;
}

interface TriggerServer {
  url: string;
  calls: Call[];
  /** the next N Execute calls answer this status */
  failExecute(count: number, code: grpc.status): void;
  stop(): Promise<void>;
}

let protoDir: string;

async function startTriggerServer(tls?: { key: string; cert: string }): Promise<TriggerServer> {
  const def = await loader.load(join(protoDir, 'trigger.proto'), { keepCase: true, defaults: true });
  const svc = (grpc.loadPackageDefinition(def).triggers as grpc.GrpcObject)
    .Trigger as grpc.ServiceClientConstructor;
  const calls: Call[] = [];
  let failures = 0;
  let failCode = grpc.status.INTERNAL;
  let executed = 0;
  const record = (rpc: string, call: grpc.ServerUnaryCall<Record<string, Buffer>, unknown>) => {
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(call.request)) fields[k] = Buffer.from(v).toString('utf8');
    const key = call.metadata.get('idempotency-key')[0];
    calls.push({ rpc, key: key === undefined ? undefined : String(key), fields });
  };
  const server = new grpc.Server();
  server.addService(svc.service, {
    FetchResource: (
      call: grpc.ServerUnaryCall<Record<string, Buffer>, unknown>,
      cb: grpc.sendUnaryData<unknown>,
    ) => {
      record('FetchResource', call);
      // A Tekton-like resource built from the spec the server was sent.
      const spec = Object.fromEntries(
        call.request
          .resource!.toString('utf8')
          .trim()
          .split('\n')
          .map((l) => l.split(': ')),
      ) as Record<string, string>;
      cb(null, {
        resource: Buffer.from(JSON.stringify({ kind: 'PipelineRun', metadata: { name: 'run' }, spec })),
      });
    },
    Execute: (
      call: grpc.ServerUnaryCall<Record<string, Buffer>, unknown>,
      cb: grpc.sendUnaryData<unknown>,
    ) => {
      record('Execute', call);
      if (failures > 0) {
        failures--;
        cb({ code: failCode, details: 'pipeline service not ready' });
        return;
      }
      cb(null, { response: Buffer.from(`executed-${++executed}`) });
    },
    ApplyPolicy: (
      call: grpc.ServerUnaryCall<Record<string, Buffer>, unknown>,
      cb: grpc.sendUnaryData<unknown>,
    ) => {
      record('ApplyPolicy', call);
      cb(null, { success: true, message: 'pipeline started' });
    },
  });
  const creds = tls
    ? grpc.ServerCredentials.createSsl(null, [
        { private_key: Buffer.from(tls.key), cert_chain: Buffer.from(tls.cert) },
      ])
    : grpc.ServerCredentials.createInsecure();
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', creds, (err, p) => (err ? reject(err) : resolve(p))),
  );
  return {
    url: `127.0.0.1:${port}`,
    calls,
    failExecute(count, code) {
      failures = count;
      failCode = code;
    },
    stop: () => new Promise<void>((r) => server.tryShutdown(() => r())),
  };
}

let server: TriggerServer;

before(async () => {
  protoDir = mkdtempSync(join(tmpdir(), 'eventide-trigger-proto-'));
  writeFileSync(join(protoDir, 'trigger.proto'), SERVER_PROTO);
  server = await startTriggerServer();
});

after(async () => {
  await closeTriggerConnections();
  await server?.stop();
  rmSync(protoDir, { recursive: true, force: true });
});

beforeEach(() => {
  server.calls.length = 0;
});

function customTrigger(serverURL: string, extra: Record<string, unknown> = {}) {
  return {
    template: {
      name: 'pipeline',
      custom: {
        serverURL,
        spec: { url: 'https://example.test/placeholder.yaml', pipeline: 'build' },
        parameters: [
          { src: { dependencyName: 'test-dep', dataKey: 'body.namespace' }, dest: 'metadata.namespace' },
        ],
        payload: [{ src: { dependencyName: 'test-dep', dataKey: 'body.commit' }, dest: 'commit' }],
        ...extra,
      },
    },
    // Template parameters rewrite the custom block itself (here: a spec value), as in Argo.
    parameters: [{ src: { dependencyName: 'test-dep', dataKey: 'body.url' }, dest: 'custom.spec.url' }],
  };
}

const event = (n: number) => ({
  url: `https://example.test/p${n}.yaml`,
  namespace: `team-${n}`,
  commit: `c${n}`,
});

test('each call of Argo’s sequence reaches the server with the key as metadata, on one channel', async () => {
  const t = findTriggerType('custom')!;
  const fires = [1, 2].map((n) => fireFor(customTrigger(server.url), { body: event(n) }));
  const results = [];
  for (const f of fires) results.push(await t.run(requestFor(f)));
  assert.equal(openTriggerConnectionCount(), 1, 'both fires shared one channel');
  assert.deepEqual(
    server.calls.map((c) => c.rpc),
    ['FetchResource', 'Execute', 'ApplyPolicy', 'FetchResource', 'Execute', 'ApplyPolicy'],
  );
  const [fetch1, exec1, policy1] = server.calls;
  // The spec as YAML (sorted keys), after the template parameter set its url.
  assert.equal(fetch1!.fields.resource, 'pipeline: build\nurl: https://example.test/p1.yaml\n');
  assert.deepEqual(JSON.parse(exec1!.fields.resource!), {
    kind: 'PipelineRun',
    metadata: { name: 'run', namespace: 'team-1' },
    spec: { pipeline: 'build', url: 'https://example.test/p1.yaml' },
  });
  assert.deepEqual(JSON.parse(exec1!.fields.payload!), { commit: 'c1' });
  assert.equal(policy1!.fields.request, 'executed-1', 'ApplyPolicy gets Execute’s response');
  assert.deepEqual(
    server.calls.map((c) => c.key),
    [...Array(3).fill(fires[0]!.idempotencyKey), ...Array(3).fill(fires[1]!.idempotencyKey)],
  );
  assert.notEqual(fires[0]!.idempotencyKey, fires[1]!.idempotencyKey);
  assert.deepEqual((results[0] as { policy: unknown }).policy, {
    success: true,
    message: 'pipeline started',
  });
  await closeTriggerConnections();
  assert.equal(openTriggerConnectionCount(), 0, 'closed on shutdown');
});

test('a gRPC error fails the fire with its status; UNIMPLEMENTED is not retried', async () => {
  const t = findTriggerType('custom')!;
  const fire = fireFor(customTrigger(server.url), { body: event(3) });
  server.failExecute(1, grpc.status.UNAVAILABLE);
  const f = await failureOf(() => t.run(requestFor(fire)));
  assert.match(
    f.message,
    /Execute on 127\.0\.0\.1:\d+ failed: gRPC status 14 UNAVAILABLE: pipeline service not ready/,
  );
  assert.equal(f.nonRetryable, false);
  server.failExecute(1, grpc.status.UNIMPLEMENTED);
  const g = await failureOf(() => t.run(requestFor(fire, { attempt: 2 })));
  assert.match(g.message, /gRPC status 12 UNIMPLEMENTED/);
  assert.equal(g.nonRetryable, true);
  // The retry of the same fire succeeds and carries the same key.
  await t.run(requestFor(fire, { attempt: 3 }));
  const keys = new Set(server.calls.filter((c) => c.rpc === 'Execute').map((c) => c.key));
  assert.deepEqual([...keys], [fire.idempotencyKey]);
  // No server at all: UNAVAILABLE, retryable.
  const port = await freePort();
  const h = await failureOf(() =>
    t.run(requestFor(fireFor(customTrigger(`127.0.0.1:${port}`), { body: event(4) }))),
  );
  assert.match(h.message, /FetchResource on 127\.0\.0\.1:\d+ failed: gRPC status 14 UNAVAILABLE/);
  assert.equal(h.nonRetryable, false);
  await closeTriggerConnections();
});

test('secure: TLS with the CA from certSecret and serverNameOverride', async () => {
  const cert = makeSelfSignedCert({ commonName: 'trigger.internal', altNames: ['DNS:trigger.internal'] });
  const tlsServer = await startTriggerServer(cert);
  try {
    const t = findTriggerType('custom')!;
    const certSecret = { name: 'trigger-ca', key: 'ca.crt' };
    const secrets = { EVENTIDE_SECRET_TRIGGER_CA_CA_CRT: cert.cert };
    const fire = fireFor(
      customTrigger(tlsServer.url, { secure: true, certSecret, serverNameOverride: 'trigger.internal' }),
      {
        body: event(5),
      },
    );
    await t.run(requestFor(fire, { secrets }));
    assert.deepEqual(
      tlsServer.calls.map((c) => c.rpc),
      ['FetchResource', 'Execute', 'ApplyPolicy'],
    );
    // Without the override the name does not match the certificate (127.0.0.1): the call fails.
    const bad = fireFor(customTrigger(tlsServer.url, { secure: true, certSecret }), { body: event(6) });
    const f = await failureOf(() => t.run(requestFor(bad, { secrets })));
    assert.match(f.message, /gRPC status 14 UNAVAILABLE/);
    const missing = await failureOf(() =>
      t.run(
        requestFor(
          fireFor(customTrigger(tlsServer.url, { secure: true, certSecret: { name: 'nope', key: 'ca' } }), {
            body: event(7),
          }),
        ),
      ),
    );
    assert.match(missing.message, /certSecret/);
    assert.equal(missing.nonRetryable, true);
  } finally {
    await closeTriggerConnections();
    await tlsServer.stop();
  }
});

test(
  'a Sensor’s custom fire fails at the server twice, and its retry succeeds',
  { timeout: 90_000 },
  async () => {
    const port = await freePort();
    let e: RunningEventide | undefined;
    try {
      server.failExecute(2, grpc.status.INTERNAL);
      e = await startTestEventide({
        manifests: validManifests(
          webhookEventSource('hooks', {
            builds: { port: String(port), endpoint: '/builds', method: 'POST' },
          }),
          sensor('to-custom', {
            dependencies: [{ name: 'test-dep', eventSourceName: 'hooks', eventName: 'builds' }],
            triggers: [
              { ...customTrigger(server.url), retryStrategy: { steps: 5, duration: '200ms', factor: 1 } },
            ],
          }),
        ),
      });
      await waitFor(
        async () => {
          const r = await fetch(`http://127.0.0.1:${port}/builds`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(event(8)),
          }).catch(() => undefined);
          return r?.status === 200;
        },
        { intervalMs: 300, what: 'the webhook to accept the event' },
      );
      const result = await waitFor(
        async () => (await sensorDecisions(e!, 'to-custom')).find((d) => d.kind === 'result'),
        { timeoutMs: 60_000, what: 'the fire result' },
      );
      assert.equal(result.kind === 'result' && result.outcome, 'succeeded');
      const attempts = result.kind === 'result' ? (result.attempts ?? 1) : 0;
      const executes = server.calls.filter((c) => c.rpc === 'Execute');
      console.log(JSON.stringify({ attempts, executes: executes.length }));
      assert.equal(attempts, 3, 'two failed attempts, then success');
      assert.equal(executes.length, 3);
      assert.equal(new Set(executes.map((c) => c.key)).size, 1, 'every attempt carried the same key');
      assert.deepEqual(JSON.parse(executes[2]!.fields.payload!), { commit: 'c8' });
    } finally {
      await e?.stop();
    }
  },
);
