// A Sensor spec prepared for fast, repeated evaluation: dependencies indexed by
// (eventSourceName, eventName), trigger conditions parsed, windows, resets and limits read.
import type { EventDependency, SensorSpec, Trigger } from '../vocabulary/manifest-types.js';
import { parseGoDuration } from '../lang/duration/index.js';
import { parseCron, type CronSchedule } from '../lang/cron/index.js';
import { allOf, conditionNames, hasAnd, parseConditions, type ConditionNode } from './conditions.js';
import { retryPolicyOf } from './retry-policy.js';
import { canonicalJson, hash128 } from './stable-json.js';
import { triggerTypesOf } from './trigger-types.js';
import type { RetryPolicySpec } from './types.js';
import { messageOf } from './filters/verdict.js';

interface CompiledReset {
  cron: CronSchedule;
  timezone: string;
}

export interface CompiledTrigger {
  name: string;
  trigger: Trigger;
  type: string;
  condition: ConditionNode;
  /** dependency names the conditions mention */
  dependencies: string[];
  /** without an && anywhere, each accepted event fires on its own and nothing is held */
  requiresAnd: boolean;
  windowMs?: number;
  resets: CompiledReset[];
  rate?: { limit: number; unitMs: number };
  retry: RetryPolicySpec;
  /** set when the trigger cannot work (a spec that bypassed validation); fires fail with it */
  broken?: string;
}

export interface CompiledSensor {
  spec: SensorSpec;
  hash: string;
  dependencies: EventDependency[];
  bySourceAndName: Map<string, EventDependency[]>;
  dependencyHashes: Map<string, string>;
  triggers: CompiledTrigger[];
}

export function routeKey(eventSourceName: string, eventName: string): string {
  return `${eventSourceName}\u0000${eventName}`;
}

const UNIT_MS: Record<string, number> = { Second: 1000, Minute: 60_000, Hour: 3_600_000 };

function compileTrigger(t: Trigger, depNames: string[]): CompiledTrigger {
  const template = (t.template ?? { name: '' }) as Record<string, unknown> & { name: string };
  const base: CompiledTrigger = {
    name: template.name,
    trigger: t,
    type: triggerTypesOf(template)[0] ?? 'unknown',
    condition: { op: 'dep', name: depNames[0] ?? '' },
    dependencies: [],
    requiresAnd: false,
    resets: [],
    retry: retryPolicyOf(t.retryStrategy),
  };
  try {
    const condition =
      typeof template.conditions === 'string' && template.conditions.trim() !== ''
        ? parseConditions(template.conditions)
        : allOf(depNames);
    base.condition = condition;
    base.dependencies = conditionNames(condition);
    base.requiresAnd = hasAnd(condition);
    const unknown = base.dependencies.filter((d) => !depNames.includes(d));
    if (unknown.length > 0) throw new Error(`conditions name unknown dependencies: ${unknown.join(', ')}`);
    if (typeof template.correlationWindow === 'string' && template.correlationWindow !== '') {
      base.windowMs = parseGoDuration(template.correlationWindow);
    }
    for (const r of t.template?.conditionsReset ?? []) {
      if (!r.byTime?.cron) continue;
      base.resets.push({ cron: parseCron(r.byTime.cron), timezone: r.byTime.timezone || 'UTC' });
    }
    if (t.rateLimit && (t.rateLimit.requestsPerUnit ?? 0) > 0) {
      base.rate = {
        limit: t.rateLimit.requestsPerUnit!,
        unitMs: UNIT_MS[t.rateLimit.unit ?? 'Second'] ?? 1000,
      };
    }
  } catch (e) {
    base.broken = messageOf(e);
  }
  return base;
}

const cache = new Map<string, CompiledSensor>();
// step() asks for the same spec object on every input: skip hashing it each time.
const bySpecObject = new WeakMap<SensorSpec, CompiledSensor>();

export function compileSensor(spec: SensorSpec): CompiledSensor {
  const known = bySpecObject.get(spec);
  if (known) return known;
  const hash = hash128(canonicalJson(spec));
  const hit = cache.get(hash);
  if (hit) {
    bySpecObject.set(spec, hit);
    return hit;
  }
  const dependencies = spec.dependencies ?? [];
  const bySourceAndName = new Map<string, EventDependency[]>();
  const dependencyHashes = new Map<string, string>();
  for (const d of dependencies) {
    const key = routeKey(d.eventSourceName, d.eventName);
    const list = bySourceAndName.get(key) ?? [];
    list.push(d);
    bySourceAndName.set(key, list);
    dependencyHashes.set(d.name, hash128(canonicalJson(d)));
  }
  const depNames = dependencies.map((d) => d.name);
  const compiled: CompiledSensor = {
    spec,
    hash,
    dependencies,
    bySourceAndName,
    dependencyHashes,
    triggers: (spec.triggers ?? []).map((t) => compileTrigger(t, depNames)),
  };
  if (cache.size > 200) cache.clear();
  cache.set(hash, compiled);
  bySpecObject.set(spec, compiled);
  return compiled;
}
