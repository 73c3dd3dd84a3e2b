// The generic EventSource against a real loopback gRPC event source server (grpc-js, built here
// from its own copy of Argo's schema, so the test also checks that Eventide's .proto is
// wire-compatible): the server is sent the event's name and config with the bearer token as
// metadata, what it streams reaches a Sensor's http trigger in Argo's {body, metadata} shape
// (a data filter, a body.<field> parameter, base64 without jsonBody), and a stream the server
// ends is reopened, its events delivered although their positions start again at 0.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as loader from '@grpc/proto-loader';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { createSecretStore } from '../../src/secrets/secret-store.js';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.js';
import { sensor, startTestEventide, validManifests } from '../support/eventide.js';
import { waitFor } from '../support/wait-for.js';

const SERVER_PROTO = `syntax = "proto3";
package generic;
service Eventing { rpc StartEventSource(EventSource) returns (stream Event); }
message EventSource { string name = 1; bytes config = 2; }
message Event { string name = 1; bytes payload = 2; }
`;

type Stream = grpc.ServerWritableStream<{ name: string; config: Buffer }, unknown>;

interface Opened {
  name: string;
  config: string;
  authorization: string | undefined;
  call: Stream;
}

let protoDir: string;
let server: grpc.Server;
let url: string;
const opened: Opened[] = [];
let capture: CaptureServer;
let e: RunningEventide;

/** the newest open stream of `name` */
const streamOf = (name: string) => [...opened].reverse().find((o) => o.name === name && !o.call.cancelled);
const send = (name: string, payload: string | object) =>
  streamOf(name)!.call.write({
    name,
    payload: Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload)),
  });

interface Seen {
  dep: string;
  id: string;
  body: unknown;
  amount: string;
  team: string;
}
const seen = (): Seen[] =>
  capture.requests.map((r) => ({ dep: r.url.slice(1), ...(JSON.parse(r.body) as Omit<Seen, 'dep'>) }));

before(async () => {
  protoDir = mkdtempSync(join(tmpdir(), 'eventide-generic-proto-'));
  writeFileSync(join(protoDir, 'generic.proto'), SERVER_PROTO);
  const def = await loader.load(join(protoDir, 'generic.proto'), { keepCase: true, defaults: true });
  const svc = (grpc.loadPackageDefinition(def).generic as grpc.GrpcObject)
    .Eventing as grpc.ServiceClientConstructor;
  server = new grpc.Server();
  server.addService(svc.service, {
    StartEventSource: (call: Stream) => {
      const auth = call.metadata.get('authorization')[0];
      opened.push({
        name: call.request.name,
        config: Buffer.from(call.request.config).toString('utf8'),
        authorization: auth === undefined ? undefined : String(auth),
        call,
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  url = `127.0.0.1:${port}`;
  capture = await startCaptureServer();
  e = await startTestEventide({
    ingress: false,
    secrets: createSecretStore({
      env: { EVENTIDE_SECRET_GENERIC_AUTH_TOKEN: 's3cret-token' },
      dir: '/nonexistent',
    }),
    manifests: validManifests(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'EventSource',
        metadata: { name: 'custom-es' },
        spec: {
          generic: {
            orders: {
              url,
              insecure: true,
              jsonBody: true,
              config: 'queue: orders\nregion: eu\n',
              metadata: { team: 'ops' },
              authSecret: { name: 'generic-auth', key: 'token' },
            },
            raw: { url, insecure: true, config: 'queue: raw' },
          },
        },
      },
      sensor('generic-watch', {
        dependencies: [
          {
            name: 'orders',
            eventSourceName: 'custom-es',
            eventName: 'orders',
            filters: { data: [{ path: 'body.kind', type: 'string', value: ['order'] }] },
          },
          { name: 'raw', eventSourceName: 'custom-es', eventName: 'raw' },
        ],
        triggers: ['orders', 'raw'].map((d) => ({
          template: {
            name: d,
            conditions: d,
            http: {
              url: `${capture.url}/${d}`,
              method: 'POST',
              payload: [
                { src: { dependencyName: d, contextKey: 'id' }, dest: 'id' },
                { src: { dependencyName: d, dataKey: 'body' }, dest: 'body' },
                { src: { dependencyName: d, dataKey: 'body.amount', value: '' }, dest: 'amount' },
                { src: { dependencyName: d, dataKey: 'metadata.team', value: '' }, dest: 'team' },
              ],
            },
          },
        })),
      }),
    ),
  });
});

after(async () => {
  await e?.stop();
  await capture?.close();
  for (const o of opened) o.call.end();
  server?.forceShutdown();
  rmSync(protoDir, { recursive: true, force: true });
});

const amounts = () =>
  seen()
    .filter((s) => s.dep === 'orders')
    .map((s) => Number(s.amount));

test(
  'streamed events reach the Sensor in Argo’s shape; the server gets name, config and token',
  { timeout: 90_000 },
  async () => {
    await waitFor(() => streamOf('orders') && streamOf('raw'), {
      timeoutMs: 60_000,
      what: 'both streams to open',
    });
    const o = streamOf('orders')!;
    assert.deepEqual(
      { config: o.config, authorization: o.authorization },
      { config: 'queue: orders\nregion: eu\n', authorization: 'Bearer s3cret-token' },
    );
    assert.equal(streamOf('raw')!.authorization, undefined, 'no authSecret, no token');
    send('orders', { kind: 'refund', amount: 7 }); // filtered out by the data filter
    send('orders', 'not json'); // dropped: jsonBody
    send('orders', { kind: 'order', amount: 1 });
    send('orders', { kind: 'order', amount: 2 });
    send('raw', 'plain text');
    await waitFor(() => amounts().includes(2) && seen().some((s) => s.dep === 'raw'), {
      timeoutMs: 30_000,
      what: 'orders 1 and 2 and the raw event',
    });
    assert.deepEqual(amounts().sort(), [1, 2], 'the refund was filtered out');
    const one = seen().find((s) => s.amount === '1')!;
    // A payload parameter's value is text, as in Argo: the body arrives as its JSON.
    assert.deepEqual(
      { body: JSON.parse(one.body as string), team: one.team },
      { body: { kind: 'order', amount: 1 }, team: 'ops' },
    );
    const raw = seen().find((s) => s.dep === 'raw')!;
    assert.equal(raw.body, Buffer.from('plain text').toString('base64'), 'bytes, base64 as Go writes them');
    assert.equal(raw.team, '');
  },
);

test(
  'a stream the server ends is reopened; its events arrive though positions restart',
  { timeout: 90_000 },
  async () => {
    const first = streamOf('orders')!;
    const before = opened.filter((x) => x.name === 'orders').length;
    first.call.end();
    await waitFor(
      () => opened.filter((x) => x.name === 'orders').length > before && streamOf('orders') !== first,
      {
        timeoutMs: 30_000,
        what: 'the listener to reopen the stream',
      },
    );
    // Four events on the new stream: positions 0..3 again, as on the first stream.
    for (const amount of [3, 4, 5, 6]) send('orders', { kind: 'order', amount });
    await waitFor(() => [3, 4, 5, 6].every((a) => amounts().includes(a)), {
      timeoutMs: 30_000,
      what: 'the new stream’s events',
    });
    const ids = seen()
      .filter((s) => s.dep === 'orders')
      .map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length, 'no event fired twice, none taken for a duplicate');
    assert.ok(
      ids.every((id) => /^generic:orders\/[0-9a-f]{12}\/\d+$/.test(id)),
      ids.join(', '),
    );
  },
);
