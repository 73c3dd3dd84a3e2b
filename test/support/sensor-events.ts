// Talking to a running Sensor in integration tests without an ingress: events sent as the
// `event` signal (what `temporal workflow signal` does by hand), and waiting for its decisions.
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import type { CloudEvent } from '../../src/engine/cloudevent.js';
import type { Decision } from '../../src/engine/types.js';
import { sensorWorkflowId } from '../../src/vocabulary/sensor-api.js';
import { sensorDecisions } from './eventide.js';
import { waitFor } from './wait-for.js';

export async function sendEvent(
  e: RunningEventide,
  sensorName: string,
  event: { id: string; source: string; subject: string; data?: unknown },
): Promise<void> {
  const ce: CloudEvent = { specversion: '1.0', type: 'test', ...event };
  await e.client.workflow.getHandle(sensorWorkflowId('default', sensorName)).signal('event', ce);
}

export type DecisionOf<K extends Decision['kind']> = Extract<Decision, { kind: K }>;

/** The Sensor's decisions of one kind, once there are at least `count` of them. */
export async function waitForDecisions<K extends Decision['kind']>(
  e: RunningEventide,
  sensorName: string,
  kind: K,
  count = 1,
): Promise<DecisionOf<K>[]> {
  return waitFor(
    async () => {
      const found = (await sensorDecisions(e, sensorName)).filter((d): d is DecisionOf<K> => d.kind === kind);
      return found.length >= count && found;
    },
    { what: `${count} "${kind}" decision(s) of Sensor ${sensorName}`, timeoutMs: 15_000 },
  );
}
