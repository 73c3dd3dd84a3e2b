// Every EventSource type whose hooks (webhooks registered at the provider) Eventide manages.
import type { HookManager } from './hook-management/hook-manager.js';
import { GIT_HOST_HOOK_MANAGERS } from './git-host-sources.js';
import { stripeHookManager } from './stripe/stripe-hook-manager.js';
import { HOOK_MANAGED_TYPES } from './hook-managed-types.js';

export const HOOK_MANAGERS: ReadonlyMap<string, HookManager> = new Map([
  ...GIT_HOST_HOOK_MANAGERS,
  [stripeHookManager.type, stripeHookManager],
]);

// The workflow decides from the plain list; keep it in step with the managers.
for (const t of HOOK_MANAGERS.keys()) {
  if (!HOOK_MANAGED_TYPES.includes(t)) throw new Error(`hook-managed-types.ts lacks ${t}`);
}
