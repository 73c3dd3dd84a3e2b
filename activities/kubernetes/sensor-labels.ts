// The labels Argo puts on objects a Sensor creates (events.argoproj.io/sensor, /trigger,
// /action-timestamp), so tools that select by them keep working. A name that is not a valid
// label value (over 63 characters, spaces) is left out rather than failing the create.
import { isValidLabelValue } from '../../src/kubernetes/kube-object.js';

export function sensorLabels(sensorName: string, triggerName: string, nowMs: number): Record<string, string> {
  const labels: Record<string, string> = {};
  if (isValidLabelValue(sensorName)) labels['events.argoproj.io/sensor'] = sensorName;
  if (isValidLabelValue(triggerName)) labels['events.argoproj.io/trigger'] = triggerName;
  labels['events.argoproj.io/action-timestamp'] = String(nowMs);
  return labels;
}
