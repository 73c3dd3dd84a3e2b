// The minio EventSource on a real MinIO server (.ci/install/minio.sh): objects put and removed
// with the `minio` client reach Sensors through MinIO's ListenBucketNotification stream in Argo's
// payload ({notification: [record], metadata}), with the bucket's prefix/suffix filter applied by
// the server, a Sensor data filter and body parameters. The stream has no replay, so the test
// first puts probe objects until one arrives (the listener is connected), as a user would need to.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'minio';
import { createSecretStore, secretEnvName } from '../../src/secrets/secret-store.js';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.js';
import { sensor, startTestEventide, validManifests } from '../support/eventide.js';
import { minioMissing, startMinio, type MinioServer } from '../support/servers/minio.js';
import { waitFor } from '../support/wait-for.js';

const missing = minioMissing();

describe('minio source on a MinIO server', { skip: missing }, () => {
  let minio: MinioServer;
  let e: RunningEventide;
  let capture: CaptureServer;
  let mc: Client;
  const dataDir = mkdtempSync(join(tmpdir(), 'eventide-minio-'));
  let probes = 0;
  /** Puts probe objects until one is notified: until the listener is connected, notifications are lost. */
  const connected = () =>
    waitFor(
      async () => {
        const key = `in/probe-${probes++}.txt`;
        await mc.putObject('input', key, 'p');
        await new Promise((r) => setTimeout(r, 500));
        return at('/uploads').some((r) => r.key === key);
      },
      { what: 'a probe object notified (the listener connected)', timeoutMs: 90_000, intervalMs: 500 },
    );
  const at = (path: string) =>
    capture.requests.filter((r) => r.url === path).map((r) => JSON.parse(r.body) as Record<string, string>);
  const post = (path: string, dep: string, fields: Record<string, string>) => ({
    http: {
      url: `${capture.url}${path}`,
      method: 'POST',
      payload: Object.entries(fields).map(([dest, dataKey]) => ({
        src: { dependencyName: dep, dataKey },
        dest,
      })),
    },
  });

  before(async () => {
    [minio, capture] = await Promise.all([startMinio({ dir: dataDir }), startCaptureServer()]);
    const { Client } = await import('minio');
    mc = new Client({
      endPoint: '127.0.0.1',
      port: minio.port,
      useSSL: false,
      accessKey: minio.accessKey,
      secretKey: minio.secretKey,
    });
    await mc.makeBucket('input');
    const env = {
      [secretEnvName({ name: 'artifacts-minio', key: 'accesskey' })]: minio.accessKey,
      [secretEnvName({ name: 'artifacts-minio', key: 'secretkey' })]: minio.secretKey,
    };
    e = await startTestEventide({
      ingress: false,
      secrets: createSecretStore({ env, dir: '/nonexistent' }),
      sensorOptions: { triggerTimeoutMs: 5000 },
      manifests: validManifests(
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'EventSource',
          metadata: { name: 'minio' },
          spec: {
            minio: {
              example: {
                bucket: { name: 'input' },
                endpoint: minio.endpoint,
                events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:Delete'],
                filter: { prefix: 'in/', suffix: '.txt' },
                insecure: true,
                accessKey: { name: 'artifacts-minio', key: 'accesskey' },
                secretKey: { name: 'artifacts-minio', key: 'secretkey' },
                metadata: { team: 'data' },
              },
            },
          },
        },
        sensor('uploads', {
          dependencies: [
            {
              name: 'up',
              eventSourceName: 'minio',
              eventName: 'example',
              filters: {
                data: [{ path: 'notification.0.eventName', type: 'string', value: ['s3:ObjectCreated:.*'] }],
              },
            },
          ],
          triggers: [
            {
              template: {
                name: 'record',
                ...post('/uploads', 'up', {
                  key: 'notification.0.s3.object.key',
                  bucket: 'notification.0.s3.bucket.name',
                  event: 'notification.0.eventName',
                  size: 'notification.0.s3.object.size',
                  team: 'metadata.team',
                }),
              },
            },
          ],
        }),
        sensor('removals', {
          dependencies: [{ name: 'rm', eventSourceName: 'minio', eventName: 'example' }],
          triggers: [
            {
              template: {
                name: 'record',
                ...post('/all', 'rm', {
                  key: 'notification.0.s3.object.key',
                  event: 'notification.0.eventName',
                }),
              },
            },
          ],
        }),
      ),
    });
  });

  after(async () => {
    await e?.stop();
    await capture?.close();
    await minio?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test(
    'puts and a delete reach the Sensors in Argo’s payload, filtered by prefix/suffix and data',
    { timeout: 120_000 },
    async () => {
      await connected();
      const decode = (k: string) => decodeURIComponent(k);
      const real = () => at('/all').filter((r) => !decode(r.key!).startsWith('in/probe-'));
      await mc.putObject('input', 'in/a.txt', 'hello');
      await mc.putObject('input', 'other/b.txt', 'prefix filtered');
      await mc.putObject('input', 'in/c.log', 'suffix filtered');
      await mc.removeObject('input', 'in/a.txt');
      const all = await waitFor(() => (real().length >= 2 ? real() : undefined), {
        what: 'the put and the delete of in/a.txt',
        timeoutMs: 30_000,
      });
      await new Promise((r) => setTimeout(r, 1000));
      assert.deepEqual(
        real().map((r) => [decode(r.key!), r.event]),
        [
          ['in/a.txt', 's3:ObjectCreated:Put'],
          ['in/a.txt', 's3:ObjectRemoved:Delete'],
        ],
        `only in/a.txt passes the bucket filter (got ${JSON.stringify(all)})`,
      );
      const upload = at('/uploads').find((r) => decode(r.key!) === 'in/a.txt');
      assert.deepEqual(
        { ...upload, key: decode(upload!.key!) },
        {
          key: 'in/a.txt',
          bucket: 'input',
          event: 's3:ObjectCreated:Put',
          size: '5',
          team: 'data',
        },
      );
      assert.equal(
        at('/uploads').filter((r) => r.event !== 's3:ObjectCreated:Put').length,
        0,
        'the data filter keeps deletes out',
      );
      console.log(JSON.stringify({ probesBeforeConnected: probes }));
    },
  );

  test(
    'a MinIO restart: the listener reconnects with backoff and notifies again',
    { timeout: 150_000 },
    async () => {
      await minio.stop();
      const down = Date.now();
      minio = await startMinio({ port: minio.port, dir: dataDir });
      const probesBefore = probes;
      await connected();
      await mc.putObject('input', 'in/after-restart.txt', 'again');
      await waitFor(() => at('/uploads').find((r) => r.key === 'in/after-restart.txt'), {
        what: 'the put after the restart',
      });
      // probes put while the listener was reconnecting were never notified: no replay
      console.log(
        JSON.stringify({ reconnectedAfterMs: Date.now() - down, probesLost: probes - probesBefore - 1 }),
      );
    },
  );
});
