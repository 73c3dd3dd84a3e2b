// The Sensor reducer: step(state, input) → { state, effects, decisions }. Deterministic, no I/O,
// no clock but input.now, so the workflow, `eventide simulate`, `eventide explain` and the tests
// all run the same decisions. The state object is updated in place and returned.
import { cloudEventProblem, toEventView, type EventView } from './cloudevent.js';
import { evaluateConditions } from './conditions.js';
import { compileSensor, routeKey, type CompiledSensor, type CompiledTrigger } from './compile-sensor.js';
import { buildFire } from './build-fire.js';
import { evaluateFilters } from './filters/evaluate-filters.js';
import { messageOf } from './filters/verdict.js';
import { applyTransform } from './transform.js';
import { newTriggerState, remember, seenBefore } from './state.js';
import { applySpecUpdate } from './spec-update.js';
import { DEFAULT_RETRY, retryPolicyOf } from './retry-policy.js';
import type {
  Decision,
  DependencyVerdict,
  EngineInput,
  EngineState,
  Effect,
  FireEffect,
  StepResult,
} from './types.js';

interface Ctx {
  state: EngineState;
  compiled: CompiledSensor;
  effects: Effect[];
  decisions: Decision[];
}

export function step(state: EngineState, input: EngineInput): StepResult {
  const ctx: Ctx = { state, compiled: compileSensor(state.spec), effects: [], decisions: [] };
  switch (input.kind) {
    case 'event':
      runDueTimers(ctx, input.now);
      onEvent(ctx, input.event, input.now);
      break;
    case 'tick':
      runDueTimers(ctx, input.now);
      break;
    case 'result':
      onResult(ctx, input);
      runDueTimers(ctx, input.now);
      break;
    case 'spec':
      runDueTimers(ctx, input.now);
      // Re-applying an unchanged manifest is not an update.
      if (compileSensor(input.spec).hash === state.specHash) break;
      ctx.decisions.push(applySpecUpdate(state, input.spec, input.now));
      ctx.compiled = compileSensor(state.spec);
      releaseQueued(ctx, input.now);
      break;
  }
  return { state, effects: ctx.effects, decisions: ctx.decisions };
}

function eventIds(events: Record<string, EventView>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [dep, v] of Object.entries(events)) out[dep] = v.context.id;
  return out;
}

// ---------- events ----------

function onEvent(ctx: Ctx, raw: unknown, now: number): void {
  const problem = cloudEventProblem(raw);
  const ce = raw as { id?: unknown; source?: unknown; subject?: unknown };
  const base = {
    kind: 'event' as const,
    at: now,
    eventId: typeof ce?.id === 'string' ? ce.id : '',
    source: typeof ce?.source === 'string' ? ce.source : '',
    subject: typeof ce?.subject === 'string' ? ce.subject : '',
  };
  if (problem) {
    ctx.decisions.push({ ...base, problem, dependencies: [] });
    return;
  }
  const event = raw as Parameters<typeof toEventView>[0];
  if (seenBefore(ctx.state, event.id)) {
    ctx.decisions.push({ ...base, duplicate: true, dependencies: [] });
    return;
  }
  remember(ctx.state, event.id);
  const view = toEventView(event, now);
  const deps = ctx.compiled.bySourceAndName.get(routeKey(event.source, event.subject ?? '')) ?? [];
  const verdicts: DependencyVerdict[] = [];
  const accepted: { dep: string; view: EventView }[] = [];
  for (const dep of deps) {
    const t = applyTransform(dep, view, now);
    if (!t.ok) {
      verdicts.push({ name: dep.name, accepted: false, reason: t.reason });
      continue;
    }
    let verdict;
    try {
      verdict = evaluateFilters(dep, t.view, now);
    } catch (e) {
      verdict = { pass: false, reason: `filter error: ${messageOf(e)}` };
    }
    if (verdict.pass) {
      verdicts.push({ name: dep.name, accepted: true });
      accepted.push({ dep: dep.name, view: t.view });
    } else {
      verdicts.push({ name: dep.name, accepted: false, reason: verdict.reason ?? 'filtered out' });
    }
  }
  ctx.decisions.push({ ...base, dependencies: verdicts });
  for (const trigger of ctx.compiled.triggers) {
    for (const a of accepted) {
      if (trigger.dependencies.includes(a.dep)) onAccepted(ctx, trigger, a.dep, a.view, now);
    }
  }
}

function onAccepted(ctx: Ctx, trigger: CompiledTrigger, dep: string, view: EventView, now: number): void {
  const ts = (ctx.state.triggers[trigger.name] ??= newTriggerState(trigger, now));
  if (!trigger.requiresAnd) {
    fire(ctx, trigger, { [dep]: view }, now);
    return;
  }
  const present = (name: string) => name === dep || ts.held[name] !== undefined;
  if (evaluateConditions(trigger.condition, present)) {
    const events: Record<string, EventView> = {};
    for (const name of trigger.dependencies) {
      const h = ts.held[name];
      if (h) events[name] = h.event;
    }
    events[dep] = view;
    ts.held = {};
    fire(ctx, trigger, events, now);
    return;
  }
  const replaced = ts.held[dep]?.event.context.id;
  const held: EngineState['triggers'][string]['held'][string] = { event: view, heldAt: now };
  if (trigger.windowMs !== undefined) held.expiresAt = now + trigger.windowMs;
  ts.held[dep] = held;
  const d: Decision = {
    kind: 'held',
    at: now,
    trigger: trigger.name,
    dependency: dep,
    eventId: view.context.id,
  };
  if (replaced !== undefined) d.replaced = replaced;
  if (held.expiresAt !== undefined) d.expiresAt = held.expiresAt;
  ctx.decisions.push(d);
}

// ---------- firing ----------

function fire(
  ctx: Ctx,
  trigger: CompiledTrigger,
  events: Record<string, EventView>,
  now: number,
  dlqOf?: string,
): void {
  const fireId = `f${ctx.state.seq++}`;
  const spec = dlqOf ? trigger.trigger.dlqTrigger : trigger.trigger;
  if (!spec || trigger.broken) {
    failFire(ctx, trigger, fireId, events, trigger.broken ?? 'no dlqTrigger', now, dlqOf);
    return;
  }
  let effect: FireEffect;
  try {
    effect = buildFire({
      sensor: ctx.state.sensor,
      trigger: spec,
      fireId,
      events,
      retry: dlqOf ? (spec.retryStrategy ? retryPolicyOf(spec.retryStrategy) : DEFAULT_RETRY) : trigger.retry,
      now,
      ...(dlqOf ? { dlqOf } : {}),
    });
  } catch (e) {
    failFire(ctx, trigger, fireId, events, messageOf(e), now, dlqOf);
    return;
  }
  // Fires of the trigger itself are rate limited; its dlqTrigger is not.
  effect.trigger = trigger.name;
  const rate = ctx.state.triggers[trigger.name]?.rate;
  if (trigger.rate && rate && !dlqOf && !hasCapacity(trigger, rate.slots, now)) {
    rate.queue.push(effect);
    ctx.decisions.push({
      kind: 'rate-limited',
      at: now,
      trigger: trigger.name,
      fireId,
      events: eventIds(events),
      queued: rate.queue.length,
    });
    return;
  }
  emit(ctx, trigger, effect, now);
}

function emit(ctx: Ctx, trigger: CompiledTrigger, effect: FireEffect, now: number): void {
  ctx.effects.push(effect);
  const d: Decision = {
    kind: 'fired',
    at: now,
    trigger: trigger.name,
    fireId: effect.fireId,
    events: eventIds(effect.events),
    idempotencyKey: effect.idempotencyKey,
    template: effect.template,
  };
  if (effect.resource !== undefined) d.resource = effect.resource;
  if (effect.payload !== undefined) d.payload = effect.payload;
  if (effect.dlqOf) d.dlqOf = effect.dlqOf;
  ctx.decisions.push(d);
  ctx.state.inflight[effect.fireId] = {
    trigger: trigger.name,
    events: effect.events,
    isDlq: effect.dlqOf !== undefined,
    firedAt: now,
  };
  if (!effect.dlqOf)
    ctx.state.triggers[trigger.name]?.rate?.slots.push({ fireId: effect.fireId, startedAt: now });
}

function failFire(
  ctx: Ctx,
  trigger: CompiledTrigger,
  fireId: string,
  events: Record<string, EventView>,
  error: string,
  now: number,
  dlqOf?: string,
): void {
  const d: Decision = {
    kind: 'fire-failed',
    at: now,
    trigger: trigger.name,
    fireId,
    events: eventIds(events),
    error,
  };
  if (dlqOf) d.dlqOf = dlqOf;
  ctx.decisions.push(d);
  if (!dlqOf && trigger.trigger.dlqTrigger) fire(ctx, trigger, events, now, fireId);
}

// ---------- activity results ----------

function onResult(ctx: Ctx, input: Extract<EngineInput, { kind: 'result' }>): void {
  const rec = ctx.state.inflight[input.fireId];
  if (!rec) return;
  delete ctx.state.inflight[input.fireId];
  const d: Decision = {
    kind: 'result',
    at: input.now,
    trigger: rec.trigger,
    fireId: input.fireId,
    outcome: input.outcome,
  };
  if (input.attempts !== undefined) d.attempts = input.attempts;
  if (input.error !== undefined) d.error = input.error;
  ctx.decisions.push(d);
  const slot = ctx.state.triggers[rec.trigger]?.rate?.slots.find((s) => s.fireId === input.fireId);
  if (slot) slot.endedAt = input.now;
  const trigger = ctx.compiled.triggers.find((t) => t.name === rec.trigger);
  if (input.outcome === 'failed' && !rec.isDlq && trigger?.trigger.dlqTrigger) {
    fire(ctx, trigger, rec.events, input.now, input.fireId);
  }
}

// ---------- rate limiting ----------

/** A slot is in use while its fire runs and for one unit after it ended. */
function hasCapacity(
  trigger: CompiledTrigger,
  slots: { startedAt: number; endedAt?: number }[],
  now: number,
): boolean {
  if (!trigger.rate) return true;
  const { limit, unitMs } = trigger.rate;
  let used = 0;
  for (const s of slots) if (s.endedAt === undefined || s.endedAt > now - unitMs) used++;
  return used < limit;
}

function pruneSlots(trigger: CompiledTrigger, slots: { endedAt?: number }[], now: number): void {
  if (!trigger.rate) return;
  const unitMs = trigger.rate.unitMs;
  for (let i = slots.length - 1; i >= 0; i--) {
    const e = slots[i]!.endedAt;
    if (e !== undefined && e <= now - unitMs) slots.splice(i, 1);
  }
}

function releaseQueued(ctx: Ctx, now: number): void {
  for (const trigger of ctx.compiled.triggers) {
    const rate = ctx.state.triggers[trigger.name]?.rate;
    if (!rate) continue;
    pruneSlots(trigger, rate.slots, now);
    while (rate.queue.length > 0 && hasCapacity(trigger, rate.slots, now)) {
      emit(ctx, trigger, rate.queue.shift()!, now);
    }
  }
  // A trigger that lost its rateLimit in a spec update releases everything it queued.
  for (const [name, ts] of Object.entries(ctx.state.triggers)) {
    const trigger = ctx.compiled.triggers.find((t) => t.name === name);
    if (trigger && !trigger.rate && ts.rate) {
      for (const e of ts.rate.queue) emit(ctx, trigger, e, now);
      delete ts.rate;
    }
  }
}

// ---------- timers ----------

type Due =
  | { at: number; kind: 'expire'; trigger: string; dep: string }
  | { at: number; kind: 'reset'; trigger: CompiledTrigger; index: number }
  | { at: number; kind: 'release' };

/** The earliest instant at which the engine has something to do without new input. */
export function nextWakeAt(state: EngineState): number | undefined {
  const d = earliestDue(state, compileSensor(state.spec));
  return d?.at;
}

function earliestDue(state: EngineState, compiled: CompiledSensor): Due | undefined {
  let best: Due | undefined;
  const consider = (d: Due) => {
    if (!Number.isNaN(d.at) && (best === undefined || d.at < best.at)) best = d;
  };
  for (const trigger of compiled.triggers) {
    const ts = state.triggers[trigger.name];
    if (!ts) continue;
    for (const [dep, h] of Object.entries(ts.held)) {
      if (h.expiresAt !== undefined)
        consider({ at: h.expiresAt, kind: 'expire', trigger: trigger.name, dep });
    }
    ts.resetAt.forEach((at, index) => consider({ at, kind: 'reset', trigger, index }));
    if (ts.rate && ts.rate.queue.length > 0 && trigger.rate) {
      const unitMs = trigger.rate.unitMs;
      const ended = ts.rate.slots.filter((s) => s.endedAt !== undefined).map((s) => s.endedAt! + unitMs);
      if (ended.length > 0) consider({ at: Math.min(...ended), kind: 'release' });
    }
  }
  return best;
}

function runDueTimers(ctx: Ctx, now: number): void {
  // Bounded: each pass removes or reschedules the item it handles.
  for (let guard = 0; guard < 10_000; guard++) {
    const due = earliestDue(ctx.state, ctx.compiled);
    if (!due || due.at > now) return;
    switch (due.kind) {
      case 'expire': {
        const ts = ctx.state.triggers[due.trigger]!;
        const h = ts.held[due.dep]!;
        delete ts.held[due.dep];
        ctx.decisions.push({
          kind: 'expired',
          at: due.at,
          trigger: due.trigger,
          dependency: due.dep,
          eventId: h.event.context.id,
          heldAt: h.heldAt,
        });
        break;
      }
      case 'reset': {
        const ts = ctx.state.triggers[due.trigger.name]!;
        const dropped: { dependency: string; eventId: string }[] = [];
        for (const [dep, h] of Object.entries(ts.held)) {
          if (h.heldAt < due.at) {
            dropped.push({ dependency: dep, eventId: h.event.context.id });
            delete ts.held[dep];
          }
        }
        const r = due.trigger.resets[due.index]!;
        // Ticks missed while nothing ran collapse into this one reset.
        ts.resetAt[due.index] = r.cron.next(Math.max(due.at, now), r.timezone);
        ctx.decisions.push({
          kind: 'reset',
          at: now,
          trigger: due.trigger.name,
          scheduledAt: due.at,
          dropped,
        });
        break;
      }
      case 'release':
        releaseQueued(ctx, now);
        break;
    }
  }
}
