// Sensor decisions (the worker's audit sink, live decisions only, never replays) as metrics.
import type { Decision } from '../engine/types.js';
import { dlqFires, eventsHeld, firesRateLimited, heldExpired, sensorDecisions } from './eventide-metrics.js';

/** `sensor:<namespace>/<name>` → labels */
function sensorLabels(workflowId: string): { namespace: string; sensor_name: string } {
  const ref = workflowId.replace(/^sensor:/, '');
  const slash = ref.indexOf('/');
  return slash < 0
    ? { namespace: '', sensor_name: ref }
    : { namespace: ref.slice(0, slash), sensor_name: ref.slice(slash + 1) };
}

export function recordDecision(workflowId: string, decision: unknown): void {
  if (typeof decision !== 'object' || decision === null) return;
  const d = decision as Decision;
  const s = sensorLabels(workflowId);
  sensorDecisions.inc({ ...s, kind: String(d.kind) });
  const t = (trigger: string) => ({ ...s, trigger_name: trigger });
  switch (d.kind) {
    case 'held':
      eventsHeld.inc(t(d.trigger));
      break;
    case 'expired':
      heldExpired.inc(t(d.trigger));
      break;
    case 'reset':
      if (d.dropped.length > 0) heldExpired.inc(t(d.trigger), d.dropped.length);
      break;
    case 'rate-limited':
      firesRateLimited.inc(t(d.trigger));
      break;
    case 'fired':
      if (d.dlqOf) dlqFires.inc(t(d.trigger));
      break;
    default:
      break;
  }
}
