// The activity that registers (ensure) or removes an EventSource event's hooks at its provider:
// GitHub repository hooks, Stripe endpoints, … Idempotent: managers list what exists first.
import { ApplicationFailure } from '@temporalio/common';
import type { SecretStore } from '../src/secrets/secret-store.js';
import { HOOK_MANAGERS } from '../src/sources/registry.js';
import type { HookOutcome } from '../src/sources/hook-management/hook-manager.js';

export interface ManageHooksInput {
  action: 'ensure' | 'remove';
  source: { namespace: string; name: string };
  type: string;
  eventName: string;
  config: Record<string, unknown>;
}

export function createHookActivities(secrets: SecretStore) {
  return {
    async manageHooks(input: ManageHooksInput): Promise<HookOutcome[]> {
      const manager = HOOK_MANAGERS.get(input.type);
      if (!manager || !manager.manages(input.config)) return [];
      const ctx = { secrets, fetch, eventName: input.eventName, source: input.source };
      const outcomes =
        input.action === 'ensure'
          ? await manager.ensure(input.config, ctx)
          : await manager.remove(input.config, ctx);
      const failed = outcomes.filter((o) => o.action === 'failed');
      if (failed.length > 0) {
        // Retried with backoff by Temporal; the messages name the call and status, never a secret.
        throw ApplicationFailure.retryable(
          `${input.type} ${input.eventName}: ${failed.map((f) => `${f.target}: ${f.error}`).join('; ')}`,
          'HookManagementFailed',
        );
      }
      return outcomes;
    },
  };
}

export type HookActivities = ReturnType<typeof createHookActivities>;
