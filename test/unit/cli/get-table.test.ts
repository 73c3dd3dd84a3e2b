// `eventide get`'s tables: the status columns the issue asks for, from the dashboard's status rows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { age, eventSourceTable, sensorTable } from '../../../src/cli/commands/get-table.js';
import type { SensorStatus } from '../../../src/dashboard/dashboard-model.js';

const NOW = Date.parse('2026-12-07T12:00:00Z');

function sensor(over: Partial<SensorStatus>): SensorStatus {
  return {
    namespace: 'default',
    name: 's',
    workflowId: 'sensor:default/s',
    since: new Date(NOW - 3 * 3600_000),
    running: true,
    fires: 0,
    failures: 0,
    dlqFires: 0,
    window: 0,
    held: [],
    ...over,
  };
}

test('age reads like kubectl: seconds, then minutes, hours, days; <none> when never', () => {
  assert.equal(age(NOW - 5_000, NOW), '5s');
  assert.equal(age(NOW - 10 * 60_000, NOW), '10m');
  assert.equal(age(NOW - 5 * 3600_000, NOW), '5h');
  assert.equal(age(NOW - 3 * 86400_000, NOW), '3d');
  assert.equal(age(undefined, NOW), '<none>');
  assert.equal(age(NOW + 5_000, NOW), '0s', 'a clock a little ahead is not negative');
});

test('the Sensor table shows status, last event, fires, failures, held, DLQ and age', () => {
  const lines = sensorTable(
    [
      sensor({
        name: 'deploy',
        lastEventAt: NOW - 42_000,
        fires: 7,
        failures: 2,
        dlqFires: 1,
        held: [
          { trigger: 't', dependency: 'a', eventId: 'e1', heldAt: NOW - 1000 },
          { trigger: 't', dependency: 'b', eventId: 'e2', heldAt: NOW - 500, expiresAt: NOW + 60_000 },
        ],
      }),
      sensor({ name: 'idle', running: false, problem: 'the state query did not answer within 3000 ms' }),
    ],
    NOW,
  );
  assert.deepEqual(
    lines.map((l) => l.split(/\s{2,}/)),
    [
      ['NAMESPACE', 'NAME', 'STATUS', 'LAST EVENT', 'FIRES', 'FAILURES', 'HELD', 'DLQ', 'AGE'],
      ['default', 'deploy', 'Running', '42s', '7', '2', '2', '1', '3h'],
      ['default', 'idle', 'NotAnswering', '<none>', '0', '0', '0', '0', '3h'],
    ],
  );
  // Columns line up: every row's STATUS starts where the header's does.
  const col = lines[0]!.indexOf('STATUS');
  for (const l of lines.slice(1)) assert.match(l.slice(col), /^(Running|NotAnswering)/);
});

test('-o wide adds the workflow id and why a Sensor does not answer', () => {
  const [header, row] = sensorTable([sensor({ running: false, problem: 'no worker' })], NOW, true);
  assert.match(header!, /AGE\s+WORKFLOW\s+PROBLEM$/);
  assert.match(row!, /sensor:default\/s\s+no worker$/);
});

test('the EventSource table lists its events and the last event any Sensor received from it', () => {
  const lines = eventSourceTable(
    [
      {
        namespace: 'ci',
        name: 'hooks',
        workflowId: 'eventsource:ci/hooks',
        since: new Date(NOW - 90_000),
        running: true,
        events: ['github/push', 'webhook/example'],
        lastEventAt: NOW - 3_000,
      },
    ],
    NOW,
  );
  assert.deepEqual(
    lines.map((l) => l.split(/\s{2,}/)),
    [
      ['NAMESPACE', 'NAME', 'EVENTS', 'LAST EVENT', 'AGE'],
      ['ci', 'hooks', 'github/push,webhook/example', '3s', '90s'],
    ],
  );
});
