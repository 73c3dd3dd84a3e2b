// A file EventSource end to end: a listener activity started by the EventSource workflow watches
// a temp directory, Sensors receive create / write / remove (inotify) and create (polling) with
// Argo's payload; a spec update restarts the listener on the new config; delete stops it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyResource, deleteResource } from '../../src/control/resources.js';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.js';
import { sensor, startTestEventide, validManifests } from '../support/eventide.js';
import { waitFor } from '../support/wait-for.js';
import { eventSourceStateQuery, eventSourceWorkflowId } from '../../src/vocabulary/eventsource-api.js';

let e: RunningEventide;
let capture: CaptureServer;
let dir: string;

interface Seen {
  dep: string;
  id: string;
  name: string;
  /** the fsnotify bit mask (parameters are strings, as in Argo) */
  op: string;
  team?: string;
}

const seen = (): Seen[] =>
  capture.requests.map((r) => ({ dep: r.url.slice(1), ...(JSON.parse(r.body) as Omit<Seen, 'dep'>) }));

function fileSource(written: string) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'EventSource',
    metadata: { name: 'files' },
    spec: {
      file: {
        created: {
          eventType: 'CREATE',
          watchPathConfig: { directory: `${dir}/`, pathRegexp: '^[a-z0-9-]+\\.txt$' },
          metadata: { team: 'ops' },
        },
        written: { eventType: 'WRITE', watchPathConfig: { directory: dir, path: written } },
        removed: { eventType: 'REMOVE', watchPathConfig: { directory: dir, pathRegexp: '\\.txt$' } },
        polled: { eventType: 'CREATE', polling: true, watchPathConfig: { directory: dir, path: 'p.log' } },
      },
    },
  };
}

const DEPS = ['created', 'written', 'removed', 'polled'];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eventide-file-'));
  capture = await startCaptureServer();
  e = await startTestEventide({
    ingress: false,
    manifests: validManifests(
      fileSource('x.txt'),
      sensor('file-watch', {
        dependencies: DEPS.map((d) => ({ name: d, eventSourceName: 'files', eventName: d })),
        triggers: DEPS.map((d) => ({
          template: {
            name: d,
            conditions: d,
            http: {
              url: `${capture.url}/${d}`,
              method: 'POST',
              payload: [
                { src: { dependencyName: d, contextKey: 'id' }, dest: 'id' },
                { src: { dependencyName: d, dataKey: 'name' }, dest: 'name' },
                { src: { dependencyName: d, dataKey: 'op' }, dest: 'op' },
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
  rmSync(dir, { recursive: true, force: true });
});

test('create, write and remove reach the Sensor with Argo’s payload', { timeout: 30_000 }, async () => {
  // The listener starts asynchronously: poke until its first CREATE arrives.
  let probes = 0;
  await waitFor(
    () => {
      writeFileSync(join(dir, `probe-${probes++}.txt`), '');
      return seen().some((s) => s.dep === 'created');
    },
    { intervalMs: 300, what: 'the listener to see a probe file' },
  );

  writeFileSync(join(dir, 'x.txt'), 'hello');
  appendFileSync(join(dir, 'x.txt'), ' world');
  await waitFor(() => seen().some((s) => s.dep === 'written'), { what: 'WRITE x.txt' });
  unlinkSync(join(dir, 'x.txt'));
  await waitFor(() => seen().some((s) => s.dep === 'removed' && s.name.endsWith('/x.txt')), {
    what: 'REMOVE x.txt',
  });
  writeFileSync(join(dir, 'p.log'), 'polled');
  await waitFor(() => seen().some((s) => s.dep === 'polled'), { what: 'polled CREATE p.log' });

  const events = seen();
  const created = events.find((s) => s.dep === 'created' && s.name === join(dir, 'x.txt'));
  assert.deepEqual(created && { op: created.op, team: created.team }, { op: '1', team: 'ops' });
  assert.ok(
    events.filter((s) => s.dep === 'written').every((s) => s.name === join(dir, 'x.txt') && s.op === '2'),
  );
  assert.ok(events.filter((s) => s.dep === 'removed').every((s) => s.op === '4'));
  assert.deepEqual(
    events.filter((s) => s.dep === 'polled').map((s) => ({ name: s.name, op: s.op })),
    [{ name: 'p.log', op: '1' }],
    'the polling watcher names entries by base name, as Argo’s does',
  );
  assert.ok(!events.some((s) => s.name.endsWith('p.log') && s.dep !== 'polled'), 'p.log matches only polled');
  const ids = events.map((s) => s.id);
  assert.equal(new Set(ids).size, ids.length, 'no event delivered twice');
  console.log(JSON.stringify({ probes, events: events.length }));
});

test(
  'a spec update restarts only the changed listener; delete stops them all',
  { timeout: 30_000 },
  async () => {
    const handle = e.client.workflow.getHandle(eventSourceWorkflowId('default', 'files'));
    assert.deepEqual((await handle.query(eventSourceStateQuery)).runners, [
      'file/created',
      'file/polled',
      'file/removed',
      'file/written',
    ]);
    const [updated] = validManifests(fileSource('y.txt'));
    await applyResource(e.client, updated!, { taskQueue: e.taskQueue });
    const before = seen().length;
    // The new listener takes a moment to start: keep writing until one of its WRITEs arrives.
    let writes = 0;
    await waitFor(
      () => {
        appendFileSync(join(dir, 'y.txt'), `line ${writes++}\n`);
        return seen()
          .slice(before)
          .some((s) => s.dep === 'written' && s.name === join(dir, 'y.txt'));
      },
      { intervalMs: 300, what: 'WRITE y.txt after the update' },
    );

    await deleteResource(e.client, 'EventSource', 'default', 'files');
    const result = await Promise.race([
      handle.result().then(() => 'completed'),
      new Promise((r) => setTimeout(() => r('still running'), 15_000)),
    ]);
    assert.equal(result, 'completed', 'the workflow ends once its listeners acknowledged cancellation');
    const desc = await handle.describe();
    assert.equal(desc.raw.pendingActivities?.length ?? 0, 0);
    const after = seen().length;
    writeFileSync(join(dir, 'late.txt'), '');
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(seen().length, after, 'nothing is delivered after delete');
  },
);
