// Applying a changed Sensor spec to live state. Held events survive for dependencies whose
// definition did not change and that the trigger still uses; the rest are dropped, and the
// decision says which and why (Argo drops the state of changed dependencies silently).
import type { SensorSpec } from '../vocabulary/manifest-types.js';
import { compileSensor } from './compile-sensor.js';
import { canonicalJson } from './stable-json.js';
import { newTriggerState } from './state.js';
import type { Decision, EngineState } from './types.js';

export function applySpecUpdate(state: EngineState, spec: SensorSpec, now: number): Decision {
  const before = compileSensor(state.spec);
  const after = compileSensor(spec);
  const changedDependencies: string[] = [];
  for (const [name, hash] of before.dependencyHashes) {
    if (after.dependencyHashes.get(name) !== hash) changedDependencies.push(name);
  }
  const dropped: { trigger: string; dependency: string; eventId: string; why: string }[] = [];
  const triggers: EngineState['triggers'] = {};
  for (const t of after.triggers) {
    const old = state.triggers[t.name];
    if (!old) {
      triggers[t.name] = newTriggerState(t, now);
      continue;
    }
    const oldTrigger = before.triggers.find((x) => x.name === t.name);
    for (const [dep, h] of Object.entries(old.held)) {
      let why: string | undefined;
      if (changedDependencies.includes(dep))
        why = after.dependencyHashes.has(dep) ? 'dependency changed' : 'dependency removed';
      else if (!t.dependencies.includes(dep)) why = 'no longer in the trigger conditions';
      else if (!t.requiresAnd) why = 'trigger conditions no longer hold events';
      if (why) {
        dropped.push({ trigger: t.name, dependency: dep, eventId: h.event.context.id, why });
        delete old.held[dep];
      } else if (t.windowMs !== undefined) {
        h.expiresAt = h.heldAt + t.windowMs;
      } else {
        delete h.expiresAt;
      }
    }
    const resetsChanged =
      canonicalJson(oldTrigger?.trigger.template?.conditionsReset ?? []) !==
      canonicalJson(t.trigger.template?.conditionsReset ?? []);
    if (resetsChanged) old.resetAt = t.resets.map((r) => r.cron.next(now, r.timezone));
    if (t.rate && !old.rate) old.rate = { slots: [], queue: [] };
    triggers[t.name] = old;
  }
  for (const [name, old] of Object.entries(state.triggers)) {
    if (triggers[name]) continue;
    for (const [dep, h] of Object.entries(old.held)) {
      dropped.push({ trigger: name, dependency: dep, eventId: h.event.context.id, why: 'trigger removed' });
    }
    // A removed trigger's queued fires are dropped with it; the decision lists their events.
    for (const q of old.rate?.queue ?? []) {
      for (const [dep, v] of Object.entries(q.events)) {
        dropped.push({
          trigger: name,
          dependency: dep,
          eventId: v.context.id,
          why: 'trigger removed while rate limited',
        });
      }
    }
  }
  state.triggers = triggers;
  state.spec = spec;
  state.specHash = after.hash;
  return { kind: 'spec-updated', at: now, changedDependencies, dropped };
}
