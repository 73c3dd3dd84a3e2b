// What a Sensor carries across continue-as-new stays within its byte budget, and the operator
// knob for the roll threshold is read strictly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { carriedDecisions, DecisionRing, decisionsWithin, summarize } from '../../../workflows/decision-summaries.js';
import { beginTask, jsonBytes } from '../../../workflows/task-budget.js';
import { sensorOptionsFromEnv } from '../../../src/control/resources.js';
import type { Decision } from '../../../src/engine/types.js';

const fired = (i: number, payload: unknown): Decision => ({
  kind: 'fired',
  at: i,
  trigger: 't',
  fireId: `f${i}`,
  events: { hit: `e-${i}` },
  idempotencyKey: `k-${i}`,
  template: { name: 't', http: { url: 'http://x' } },
  payload,
});

test('a fired decision is summarized without its template, resource and payload', () => {
  const s = summarize(fired(1, { data: 'x'.repeat(20_000) }));
  assert.ok(s.kind === 'fired');
  assert.equal(s.payload, undefined);
  assert.deepEqual(s.template, {});
  assert.equal(s.summarized, true);
  assert.deepEqual(s.events, { hit: 'e-1' });
  assert.equal(s.idempotencyKey, 'k-1');
});

test('carried decisions keep the newest summaries that fit the budget', () => {
  const recent = Array.from({ length: 500 }, (_, i) => fired(i, { data: 'x'.repeat(20_000) }));
  const carried = carriedDecisions(recent, 16 * 1024);
  assert.ok(jsonBytes(carried) <= 16 * 1024, `carried ${jsonBytes(carried)} bytes`);
  assert.ok(carried.length > 10 && carried.length < 500, `carried ${carried.length}`);
  assert.equal(carried.at(-1)?.at, 499, 'the newest decision is kept');
  const ats = carried.map((d) => d.at);
  assert.deepEqual(
    ats,
    [...ats].sort((a, b) => a - b),
    'oldest first',
  );
  assert.deepEqual(carriedDecisions(recent, 0), []);
});

test('a task budget is exhausted by items or by bytes, whichever comes first', () => {
  const byItems = beginTask({ items: 3, bytes: 1000 });
  byItems.charge(2, 10);
  assert.equal(byItems.exhausted(), false);
  byItems.charge(1, 10);
  assert.equal(byItems.exhausted(), true);
  const byBytes = beginTask({ items: 100, bytes: 1000 });
  byBytes.charge(1, 1000);
  assert.equal(byBytes.exhausted(), true);
});

test('EVENTIDE_SENSOR_HISTORY_LIMIT sets the roll threshold unless the options already do', () => {
  assert.deepEqual(sensorOptionsFromEnv(undefined, { EVENTIDE_SENSOR_HISTORY_LIMIT: '500' }), {
    historyEventLimit: 500,
  });
  assert.deepEqual(
    sensorOptionsFromEnv({ historyEventLimit: 40 }, { EVENTIDE_SENSOR_HISTORY_LIMIT: '500' }),
    { historyEventLimit: 40 },
  );
  assert.equal(sensorOptionsFromEnv(undefined, {}), undefined);
  assert.throws(
    () => sensorOptionsFromEnv(undefined, { EVENTIDE_SENSOR_HISTORY_LIMIT: '5k' }),
    /EVT_ERR_CONFIG_HISTORY_LIMIT: EVENTIDE_SENSOR_HISTORY_LIMIT="5k"/,
  );
  assert.throws(
    () => sensorOptionsFromEnv(undefined, { EVENTIDE_SENSOR_HISTORY_LIMIT: '60000' }),
    /between 20 and 40000/,
  );
});

test('the live decision ring keeps full records only for its newest bytes', () => {
  const ring = new DecisionRing([], 500, 200_000);
  for (let i = 0; i < 300; i++) ring.push(fired(i, { data: 'x'.repeat(20_000) }));
  assert.equal(ring.items.length, 300);
  const full = ring.items.filter((d) => d.kind === 'fired' && !d.summarized);
  assert.ok(full.length >= 5 && full.length <= 11, `${full.length} full records`);
  const newest = ring.items.at(-1);
  assert.ok(newest?.kind === 'fired' && !newest.summarized, 'newest stays full');
  assert.ok(jsonBytes(ring.items) < 300_000, `ring holds ${jsonBytes(ring.items)} bytes`);
  for (let i = 300; i < 700; i++) ring.push(fired(i, { data: 'x'.repeat(20_000) }));
  assert.equal(ring.items.length, 500, 'at most `keep` records');
  assert.equal(ring.items[0]?.at, 200);
});

test('a decisions query answer stays within its byte budget, newest first kept', () => {
  const decisions = Array.from({ length: 200 }, (_, i) => fired(i, { data: 'x'.repeat(20_000) }));
  const answer = decisionsWithin(decisions, 1_500_000);
  assert.ok(jsonBytes(answer) <= 1_500_000, `${jsonBytes(answer)} bytes`);
  assert.equal(answer.length, 200, 'older records are summarized rather than dropped');
  const newest = answer.at(-1);
  assert.ok(newest?.kind === 'fired' && !newest.summarized, 'newest stays full');
  assert.ok(answer[0]?.kind === 'fired' && answer[0].summarized);
});
