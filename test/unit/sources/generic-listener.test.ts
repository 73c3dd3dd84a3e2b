// The generic listener's connection handling against a real loopback gRPC server (no Temporal):
// with no server it warns with the gRPC status and keeps retrying, connects once one listens on
// the port, drops a non-JSON payload under jsonBody with a warning, and stops when cancelled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as loader from '@grpc/proto-loader';
import { listenGeneric } from '../../../src/sources/generic/generic-listener.js';
import type { GenericPlan } from '../../../src/sources/generic/generic-config.js';
import type { ListenerContext } from '../../../src/sources/listener-common/listener-source.js';
import type { EventDraft } from '../../../src/sources/source-type.js';
import { createSecretStore } from '../../../src/secrets/secret-store.js';
import { freePort } from '../../../src/temporal/dev-server.js';
import { waitFor } from '../../support/wait-for.js';

const PROTO = `syntax = "proto3";
package generic;
service Eventing { rpc StartEventSource(EventSource) returns (stream Event); }
message EventSource { string name = 1; bytes config = 2; }
message Event { string name = 1; bytes payload = 2; }
`;

test(
  'no server: warns with the status and retries; then streams once a server listens',
  { timeout: 30_000 },
  async () => {
    const port = await freePort();
    const plan: GenericPlan = { url: `127.0.0.1:${port}`, config: 'k: v', insecure: true, jsonBody: true };
    const delivered: EventDraft[] = [];
    const warnings: Record<string, unknown>[] = [];
    const abort = new AbortController();
    const ctx: ListenerContext<GenericPlan, { delivered: number }> = {
      source: { namespace: 'default', name: 'es' },
      type: 'generic',
      eventName: 'ev',
      config: plan,
      checkpoint: undefined,
      heartbeat: () => undefined,
      deliver: async (drafts) => void delivered.push(...drafts),
      secrets: createSecretStore({ env: {}, dir: '/nonexistent' }),
      signal: abort.signal,
      sleep: (ms) =>
        new Promise((resolve, reject) => {
          const t = setTimeout(resolve, ms);
          abort.signal.addEventListener('abort', () => (clearTimeout(t), reject(new Error('cancelled'))), {
            once: true,
          });
        }),
      log: { info: () => undefined, warn: (message, attrs) => void warnings.push({ message, ...attrs }) },
    };
    const running = listenGeneric(ctx);
    running.catch(() => undefined);
    await waitFor(() => warnings.some((w) => /gRPC status 14/.test(String(w.reason))), {
      timeoutMs: 10_000,
      what: 'a warning naming UNAVAILABLE',
    });
    const dir = mkdtempSync(join(tmpdir(), 'eventide-generic-unit-'));
    writeFileSync(join(dir, 'generic.proto'), PROTO);
    const def = await loader.load(join(dir, 'generic.proto'), { keepCase: true, defaults: true });
    const svc = (grpc.loadPackageDefinition(def).generic as grpc.GrpcObject)
      .Eventing as grpc.ServiceClientConstructor;
    const server = new grpc.Server();
    server.addService(svc.service, {
      StartEventSource: (call: grpc.ServerWritableStream<unknown, unknown>) => {
        call.write({ name: 'srv', payload: Buffer.from('{oops') });
        call.write({ name: 'srv', payload: Buffer.from('{"n":1}') });
      },
    });
    await new Promise<void>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (err) =>
        err ? reject(err) : resolve(),
      ),
    );
    try {
      await waitFor(() => delivered.length > 0, { timeoutMs: 15_000, what: 'the event after reconnecting' });
      assert.deepEqual(delivered[0]!.data, { body: { n: 1 } });
      assert.match(
        delivered[0]!.id!,
        /^generic:srv\/[0-9a-f]{12}\/1$/,
        'position 1: the dropped event was 0',
      );
      assert.ok(
        warnings.some((w) => /not JSON/.test(String(w.message))),
        'the non-JSON event was reported',
      );
      abort.abort();
      await running.then(
        () => undefined,
        () => undefined,
      );
    } finally {
      server.forceShutdown();
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
