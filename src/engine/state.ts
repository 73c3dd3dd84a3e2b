// Creating engine state for a Sensor, and the bounded memory of recent event ids used to dedupe.
import type { SensorSpec } from '../vocabulary/manifest-types.js';
import { compileSensor, type CompiledTrigger } from './compile-sensor.js';
import type { EngineState, SensorRef, TriggerState } from './types.js';
import { ENGINE_VERSION } from './types.js';

/** How many recent event ids a Sensor remembers to drop redeliveries. */
const DEDUPE_WINDOW = 4096;

export function newTriggerState(t: CompiledTrigger, now: number): TriggerState {
  const ts: TriggerState = { held: {}, resetAt: t.resets.map((r) => r.cron.next(now, r.timezone)) };
  if (t.rate) ts.rate = { slots: [], queue: [] };
  return ts;
}

export function initialState(sensor: SensorRef, spec: SensorSpec, now: number): EngineState {
  const compiled = compileSensor(spec);
  const triggers: Record<string, TriggerState> = {};
  for (const t of compiled.triggers) triggers[t.name] = newTriggerState(t, now);
  return {
    engineVersion: ENGINE_VERSION,
    sensor,
    spec,
    specHash: compiled.hash,
    recentIds: [],
    triggers,
    inflight: {},
    seq: 1,
  };
}

// A Set mirror of state.recentIds, keyed by the array so it survives until the state is replaced.
const idSets = new WeakMap<string[], Set<string>>();

function idSet(state: EngineState): Set<string> {
  let s = idSets.get(state.recentIds);
  if (!s) {
    s = new Set(state.recentIds);
    idSets.set(state.recentIds, s);
  }
  return s;
}

export function seenBefore(state: EngineState, id: string): boolean {
  return idSet(state).has(id);
}

export function remember(state: EngineState, id: string): void {
  const s = idSet(state);
  if (s.has(id)) return;
  state.recentIds.push(id);
  s.add(id);
  while (state.recentIds.length > DEDUPE_WINDOW) s.delete(state.recentIds.shift()!);
}
