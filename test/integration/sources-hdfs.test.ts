// The hdfs EventSource on a real HDFS (Hadoop's MiniDFSCluster, .ci/install/hdfs.sh), polled
// through WebHDFS by a worker in a child process: an entry that existed at the first listing and
// new, written, renamed, re-permissioned and removed files reach Sensors in Argo's payload
// ({name, op, metadata}, op being fsnotify's bit mask) through a data filter and body parameters;
// then a kill -9 of the worker while files change: the restarted listener diffs against its
// checkpointed listing, so what changed meanwhile is reported once and nothing earlier again.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.js';
import { sensor, startTestEventide, validManifests } from '../support/eventide.js';
import { hdfsMissing, startHdfs, type Hdfs } from '../support/servers/hdfs.js';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';
import { waitFor } from '../support/wait-for.js';

const missing = hdfsMissing();
const OP = { CREATE: 1, WRITE: 2, REMOVE: 4, RENAME: 8, CHMOD: 16 } as const;
const DIR = '/data/in';

interface Fire {
  url: string;
  name: string;
  op: string;
  id: string;
  team?: string;
  key: string;
}

describe('hdfs source on a MiniDFSCluster', { skip: missing }, () => {
  let hdfs: Hdfs;
  let e: RunningEventide;
  let capture: CaptureServer;
  const workers: WorkerProcess[] = [];
  const startWorker = () => {
    const w = startWorkerProcess(e.address, { EVENTIDE_WORKER_LOG_LEVEL: 'ERROR' });
    workers.push(w);
    return w;
  };
  const fires = (): Fire[] =>
    capture.requests.map((r) => ({
      url: r.url,
      key: String(r.headers['idempotency-key']),
      ...(JSON.parse(r.body) as Omit<Fire, 'url' | 'key'>),
    }));
  // One poll may fold two steps of a change into one event (an append's data and its close, a
  // rename after it), so an event is recognised by its operation's bit.
  const fired = (url: string, name: string, op: number) =>
    waitFor(() => fires().find((f) => f.url === url && f.name === name && (Number(f.op) & op) !== 0), {
      what: `${url} ${name} op ${op}`,
      timeoutMs: 60_000,
      intervalMs: 200,
    });
  const post = (path: string, dep: string, extra: { src: Record<string, string>; dest: string }[] = []) => ({
    http: {
      url: `${capture.url}${path}`,
      method: 'POST',
      payload: [
        { src: { dependencyName: dep, dataKey: 'name' }, dest: 'name' },
        { src: { dependencyName: dep, dataKey: 'op' }, dest: 'op' },
        { src: { dependencyName: dep, contextKey: 'id' }, dest: 'id' },
        ...extra,
      ],
    },
  });

  before(async () => {
    [hdfs, capture] = await Promise.all([startHdfs(), startCaptureServer()]);
    await hdfs.mkdirs(DIR);
    await hdfs.create(`${DIR}/old.txt`, 'there before the listener');
    const watch = { addresses: [hdfs.address], hdfsUser: hdfs.user, checkInterval: '500ms' };
    e = await startTestEventide({
      worker: false,
      ingress: false,
      sensorOptions: { triggerTimeoutMs: 5000 },
      manifests: validManifests(
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'EventSource',
          metadata: { name: 'lake' },
          spec: {
            hdfs: {
              created: {
                ...watch,
                directory: `${DIR}/`,
                pathRegexp: '\\.txt$',
                type: 'CREATE',
                metadata: { team: 'data' },
              },
              changed: { ...watch, directory: `${DIR}/`, pathRegexp: '.', type: 'WRITE|RENAME|REMOVE|CHMOD' },
            },
          },
        },
        sensor('created', {
          dependencies: [
            {
              name: 'c',
              eventSourceName: 'lake',
              eventName: 'created',
              filters: {
                data: [{ path: 'name', type: 'string', value: ['^/data/in/(old|keep-.*)\\.txt$'] }],
              },
            },
          ],
          triggers: [
            {
              template: {
                name: 'record',
                ...post('/created', 'c', [
                  { src: { dependencyName: 'c', dataKey: 'metadata.team' }, dest: 'team' },
                ]),
              },
            },
          ],
        }),
        sensor('changed', {
          dependencies: [{ name: 'x', eventSourceName: 'lake', eventName: 'changed' }],
          triggers: [{ template: { name: 'record', ...post('/changed', 'x') } }],
        }),
      ),
    });
    await startWorker().ready;
  });

  after(async () => {
    for (const w of workers) await w.kill();
    await e?.stop();
    await capture?.close();
    await hdfs?.stop();
  });

  test(
    'existing, created, written, renamed, chmod-ed and removed files, in Argo’s payload',
    { timeout: 240_000 },
    async () => {
      const old = await fired('/created', `${DIR}/old.txt`, OP.CREATE);
      assert.equal(old.team, 'data');
      assert.match(old.id, /.+/);
      await hdfs.create(`${DIR}/keep-1.txt`, 'a');
      await hdfs.create(`${DIR}/skip-1.txt`, 'b');
      await fired('/created', `${DIR}/keep-1.txt`, OP.CREATE);
      await hdfs.append(`${DIR}/keep-1.txt`, 'more');
      await fired('/changed', `${DIR}/keep-1.txt`, OP.WRITE);
      await hdfs.rename(`${DIR}/keep-1.txt`, `${DIR}/keep-2.txt`);
      await fired('/changed', `${DIR}/keep-2.txt`, OP.RENAME);
      await hdfs.chmod(`${DIR}/keep-2.txt`, '600');
      await fired('/changed', `${DIR}/keep-2.txt`, OP.CHMOD);
      await hdfs.remove(`${DIR}/skip-1.txt`);
      await fired('/changed', `${DIR}/skip-1.txt`, OP.REMOVE);
      // the data filter kept skip-1.txt's CREATE from the created Sensor
      assert.equal(fires().filter((f) => f.url === '/created' && f.name.includes('skip')).length, 0);
      // a rename is one RENAME of the new name (the file id is the same), not REMOVE + CREATE
      assert.equal(
        fires().filter((f) => f.name === `${DIR}/keep-2.txt` && (Number(f.op) & OP.CREATE) !== 0).length,
        0,
      );
      assert.equal(
        fires().filter((f) => f.name === `${DIR}/keep-1.txt` && (Number(f.op) & OP.REMOVE) !== 0).length,
        0,
      );
    },
  );

  test(
    'kill -9 of the worker: what changed while it was down is reported once, nothing earlier again',
    { timeout: 240_000 },
    async () => {
      await hdfs.create(`${DIR}/keep-3.txt`, 'c');
      await fired('/created', `${DIR}/keep-3.txt`, OP.CREATE);
      // The SDK sends heartbeats at most every 0.8 x the 5 s heartbeat timeout: wait until the listing
      // with keep-3.txt is the recorded checkpoint (a restart diffs against the recorded one, so an
      // entry created and removed within those seconds before a crash would go unreported: README).
      await new Promise((r) => setTimeout(r, 6000));
      const before = fires().length;
      await workers[workers.length - 1]!.kill('SIGKILL');
      await hdfs.create(`${DIR}/keep-4.txt`, 'while down');
      await hdfs.remove(`${DIR}/keep-3.txt`);
      const restarted = Date.now();
      await startWorker().ready;
      await fired('/created', `${DIR}/keep-4.txt`, OP.CREATE);
      await fired('/changed', `${DIR}/keep-3.txt`, OP.REMOVE);
      // two more polls, so a repeat (of anything before the kill) would have shown up
      await new Promise((r) => setTimeout(r, 2000));
      const all = fires();
      // An HDFS CREATE is two steps (the NameNode creates an empty file, the DataNode writes and
      // closes it), so one file may fairly give CREATE and then WRITE: count per event id.
      const keysById = new Map<string, Set<string>>();
      for (const f of all)
        keysById.set(`${f.url} ${f.id}`, (keysById.get(`${f.url} ${f.id}`) ?? new Set()).add(f.key));
      const twice = [...keysById].filter(([, keys]) => keys.size > 1).map(([k]) => k);
      assert.deepEqual(twice, [], 'no event fired twice');
      for (const [url, name, op] of [
        ['/created', `${DIR}/old.txt`, OP.CREATE],
        ['/created', `${DIR}/keep-3.txt`, OP.CREATE],
        ['/created', `${DIR}/keep-4.txt`, OP.CREATE],
        ['/changed', `${DIR}/keep-3.txt`, OP.REMOVE],
      ] as const)
        assert.equal(
          all.filter((f) => f.url === url && f.name === name && Number(f.op) === op).length,
          1,
          `${url} ${name} ${op} once`,
        );
      const byChange = keysById;
      console.log(
        JSON.stringify({
          firesBeforeKill: before,
          firesAfter: all.length,
          reportedAfterRestartMs: Date.now() - restarted,
          changes: byChange.size,
        }),
      );
    },
  );
});
