// Every struct a Sensor or EventSource manifest may contain: Argo's (generated) plus Eventide's
// extensions, and the top level of each kind.
import { COMMON_STRUCTS } from './argo-common.js';
import { EVENTSOURCE_STRUCTS } from './argo-eventsource.js';
import { SENSOR_STRUCTS } from './argo-sensor.js';
import { EVENTIDE_EXTENSIONS } from './eventide-extensions.js';
import type { StructCatalogue } from './field-kind.js';

const TOP_LEVEL = { apiVersion: 'scalar', kind: 'scalar', metadata: 'free', status: 'free' };

function merged(): StructCatalogue {
  const all: StructCatalogue = { ...COMMON_STRUCTS, ...EVENTSOURCE_STRUCTS, ...SENSOR_STRUCTS };
  for (const [name, fields] of Object.entries(EVENTIDE_EXTENSIONS)) all[name] = { ...all[name], ...fields };
  all.SensorManifest = { ...TOP_LEVEL, spec: 'SensorSpec' };
  all.EventSourceManifest = { ...TOP_LEVEL, spec: 'EventSourceSpec' };
  return all;
}

export const KNOWN_STRUCTS: StructCatalogue = merged();

/** The struct a whole manifest of `kind` is, if Eventide reads that kind. */
export function rootStructOf(kind: unknown): string | undefined {
  return kind === 'Sensor' ? 'SensorManifest' : kind === 'EventSource' ? 'EventSourceManifest' : undefined;
}
