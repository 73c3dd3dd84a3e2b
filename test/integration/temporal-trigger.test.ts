// The `temporal` trigger on a real dev server: a Sensor's fire starts (or signal-with-starts) a
// workflow that no worker runs, so what the trigger did is read back from Temporal itself:
// the workflow's type, task queue, arguments and signals. A retried fire starts nothing new.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { createSecretStore } from '../../src/secrets/secret-store.js';
import {
  createTriggerActivities,
  type RunTriggerInput,
  type TriggerOutcome,
} from '../../activities/run-trigger.js';
import { sensorWorkflowId } from '../../src/vocabulary/sensor-api.js';
import { sensor, startTestEventide, validManifests } from '../support/eventide.js';
import { sendEvent, waitForDecisions } from '../support/sensor-events.js';
import {
  historyEvents,
  scheduledActivityArgs,
  signalsReceived,
  startArgs,
} from '../support/history-payloads.js';
import { waitFor } from '../support/wait-for.js';

const orderDependency = [{ name: 'order', eventSourceName: 'shop', eventName: 'order' }];
const order = (id: string, body: Record<string, unknown>) => ({
  id,
  source: 'shop',
  subject: 'order',
  data: { body },
});

function temporalSensor(
  name: string,
  temporal: Record<string, unknown>,
  triggerParameters: Record<string, unknown>[] = [],
) {
  return sensor(name, {
    dependencies: orderDependency,
    triggers: [
      {
        template: { name: 'process', temporal },
        ...(triggerParameters.length > 0 ? { parameters: triggerParameters } : {}),
      },
    ],
  });
}

const idFromTemplate = (template: string) => ({
  src: { dependencyName: 'order', dataTemplate: template },
  dest: 'temporal.workflowId',
});

const processOrder = {
  workflowType: 'ProcessOrder',
  taskQueue: 'orders',
  payload: [
    { src: { dependencyName: 'order', dataKey: 'body.id' }, dest: 'orderId' },
    // Values are strings, as in Argo, unless useRawData keeps the number.
    { src: { dependencyName: 'order', dataKey: 'body.amount', useRawData: true }, dest: 'amount' },
    { src: { dependencyName: 'order', dataKey: 'body.qty' }, dest: 'qty' },
  ],
};

describe('the temporal trigger', () => {
  let e: RunningEventide;
  /** Temporal's visibility lags a little behind a start. */
  const oneExecution = (workflowId: string) =>
    waitFor(async () => (await e.client.workflow.count(`WorkflowId = '${workflowId}'`)).count === 1, {
      what: `exactly one execution of ${workflowId}`,
    });

  /** Sends the orders one by one and waits until the fire of each has succeeded. */
  async function fireOrders(sensorName: string, ...orders: ReturnType<typeof order>[]) {
    for (const o of orders) await sendEvent(e, sensorName, o);
    const results = await waitForDecisions(e, sensorName, 'result', orders.length);
    assert.deepEqual(
      results.map((r) => r.outcome),
      orders.map(() => 'succeeded'),
      JSON.stringify(results),
    );
  }

  /** Runs the trigger activity again on the input the Sensor's history recorded for its only fire. */
  async function retryRecordedFire(sensorName: string, attempt: number): Promise<TriggerOutcome> {
    const sensorHistory = await historyEvents(e.client, sensorWorkflowId('default', sensorName));
    const scheduled = scheduledActivityArgs(sensorHistory, 'runTrigger');
    assert.equal(scheduled.length, 1, 'the Sensor scheduled one trigger activity');
    const { runTrigger } = createTriggerActivities({
      secrets: createSecretStore({ env: {}, dir: '/nonexistent' }),
      temporal: e.client,
    });
    const input = scheduled[0]![0] as RunTriggerInput;
    return (await new MockActivityEnvironment({ attempt }).run(runTrigger, input)) as TriggerOutcome;
  }

  before(async () => {
    e = await startTestEventide({
      ingress: false,
      manifests: validManifests(
        temporalSensor('orders-start', processOrder),
        temporalSensor('orders-finished', processOrder),
        temporalSensor(
          'orders-signal',
          {
            workflowType: 'CustomerOrders',
            taskQueue: 'orders',
            signalName: 'orderPlaced',
            payload: [{ src: { dependencyName: 'order', dataKey: 'body.id' }, dest: 'orderId' }],
          },
          [idFromTemplate('customer-{{ .Input.body.customer }}')],
        ),
        temporalSensor('orders-explicit-id', { workflowType: 'ProcessOrder', taskQueue: 'orders' }, [
          idFromTemplate('order-{{ .Input.body.id }}'),
        ]),
      ),
    });
  });

  after(async () => {
    await e?.stop();
  });

  test('a fire starts ProcessOrder on task queue orders with the payload; a retry of it starts nothing more', async () => {
    await sendEvent(e, 'orders-start', order('o-1', { id: 'A-17', amount: 42, qty: 3 }));
    // The same event again (an at-least-once redelivery) is deduplicated by id.
    await sendEvent(e, 'orders-start', order('o-1', { id: 'A-17', amount: 42, qty: 3 }));
    const [fired] = await waitForDecisions(e, 'orders-start', 'fired');
    const [result] = await waitForDecisions(e, 'orders-start', 'result');
    assert.equal(result!.outcome, 'succeeded', JSON.stringify(result));

    const workflowId = `eventide-${fired!.idempotencyKey}`;
    const handle = e.client.workflow.getHandle(workflowId);
    const desc = await handle.describe();
    assert.equal(desc.type, 'ProcessOrder');
    assert.equal(desc.taskQueue, 'orders');
    assert.equal(desc.status.name, 'RUNNING');
    assert.deepEqual(startArgs(await historyEvents(e.client, workflowId)), [
      { orderId: 'A-17', amount: 42, qty: '3' },
    ]);

    const decisions = await waitForDecisions(e, 'orders-start', 'event', 2);
    assert.equal(decisions[1]!.duplicate, true, 'the redelivered event is recognised as a duplicate');
    assert.equal((await waitForDecisions(e, 'orders-start', 'fired')).length, 1);

    // A retried attempt of the very fire the Sensor scheduled, as Temporal runs it after a lost
    // answer: it finds the workflow instead of starting another.
    const retried = await retryRecordedFire('orders-start', 2);
    assert.equal(retried.attempt, 2);
    assert.deepEqual(retried.detail, { workflowId, runId: desc.runId });
    await oneExecution(workflowId);
    assert.equal((await handle.describe()).runId, desc.runId);
  });

  test('signalName signal-with-starts the workflow named by a trigger parameter; the payload is the signal', async () => {
    await fireOrders(
      'orders-signal',
      order('s-1', { id: 'B-1', customer: 'c9' }),
      order('s-2', { id: 'B-2', customer: 'c9' }),
    );

    const desc = await e.client.workflow.getHandle('customer-c9').describe();
    assert.equal(desc.type, 'CustomerOrders');
    assert.equal(desc.taskQueue, 'orders');
    const events = await historyEvents(e.client, 'customer-c9');
    assert.deepEqual(startArgs(events), [], 'with signalName the payload is not a workflow argument');
    assert.deepEqual(signalsReceived(events), [
      { name: 'orderPlaced', args: [{ orderId: 'B-1' }] },
      { name: 'orderPlaced', args: [{ orderId: 'B-2' }] },
    ]);
    await oneExecution('customer-c9');
  });

  test('an explicit workflowId from a parameter: a second fire for the same id reuses the running workflow', async () => {
    await fireOrders('orders-explicit-id', order('x-1', { id: 'C-5' }), order('x-2', { id: 'C-5' }));
    const desc = await e.client.workflow.getHandle('order-C-5').describe();
    assert.equal(desc.type, 'ProcessOrder');
    // Without payload or args the workflow gets no arguments.
    assert.deepEqual(startArgs(await historyEvents(e.client, 'order-C-5')), []);
    await oneExecution('order-C-5');
  });

  test('a retry after the started workflow has already finished does not start it again', async () => {
    await fireOrders('orders-finished', order('f-1', { id: 'D-1', amount: 1, qty: 1 }));
    const [fired] = await waitForDecisions(e, 'orders-finished', 'fired');
    const workflowId = `eventide-${fired!.idempotencyKey}`;
    const handle = e.client.workflow.getHandle(workflowId);
    const first = (await handle.describe()).runId;
    // ProcessOrder ends (no worker runs it here, so it is ended by hand) before Temporal retries
    // the trigger whose first answer was lost.
    await handle.terminate('ProcessOrder finished');
    await retryRecordedFire('orders-finished', 2);
    assert.equal((await handle.describe()).runId, first, 'the retry started a second ProcessOrder run');
  });
});
