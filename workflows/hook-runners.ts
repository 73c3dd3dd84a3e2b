// Hook management as EventSource runners: while an event with managed hooks exists, its hooks
// are ensured (retried until the provider accepts); when its config changes or it goes away,
// the old hooks are removed first if the old config said deleteHookOnFinish.
import { log, proxyActivities } from '@temporalio/workflow';
import type { EventSourceSpec } from '../src/vocabulary/manifest-types.js';
import { canonicalJson } from '../src/engine/stable-json.js';
import { HOOK_MANAGED_TYPES } from '../src/sources/hook-managed-types.js';
import type { HookActivities } from '../activities/manage-hooks.js';
import type { EventSourceRef } from '../src/vocabulary/eventsource-api.js';
import type { RunnerSpec } from './source-runners.js';

const { manageHooks: ensureHooks } = proxyActivities<HookActivities>({
  startToCloseTimeout: '2m',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '5m' },
});

const { manageHooks: removeHooks } = proxyActivities<HookActivities>({
  startToCloseTimeout: '2m',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumAttempts: 5 },
});

export interface HookedEvent {
  type: string;
  eventName: string;
  config: Record<string, unknown>;
}

function hookedEvents(spec: EventSourceSpec): Map<string, HookedEvent> {
  const out = new Map<string, HookedEvent>();
  for (const type of HOOK_MANAGED_TYPES) {
    const block = spec[type];
    if (typeof block !== 'object' || block === null) continue;
    for (const [eventName, config] of Object.entries(block as Record<string, Record<string, unknown>>)) {
      out.set(`hooks/${type}/${eventName}`, { type, eventName, config });
    }
  }
  return out;
}

export function hookRunners(source: EventSourceRef, spec: EventSourceSpec): RunnerSpec[] {
  return [...hookedEvents(spec)].map(([key, e]) => ({
    key,
    fingerprint: canonicalJson(e.config),
    run: async () => {
      await ensureHooks({ action: 'ensure', source, ...e });
    },
  }));
}

/** Removes the hooks of events that changed or disappeared between two specs (when they asked to). */
export async function removeStaleHooks(
  source: EventSourceRef,
  before: EventSourceSpec,
  after: EventSourceSpec | undefined,
) {
  const next = after ? hookedEvents(after) : new Map<string, HookedEvent>();
  for (const [key, e] of hookedEvents(before)) {
    if (next.get(key) && canonicalJson(next.get(key)!.config) === canonicalJson(e.config)) continue;
    if (e.config.deleteHookOnFinish !== true) continue;
    try {
      await removeHooks({ action: 'remove', source, ...e });
    } catch (err) {
      log.error('could not remove hooks; remove them at the provider', { event: key, error: String(err) });
    }
  }
}
