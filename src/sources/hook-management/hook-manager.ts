// Hook management: registering Eventide's URL with a Git host (or StorageGRID, Stripe) when an
// EventSource is applied, and removing it when the EventSource is deleted. Runs outside the
// ingress (an activity of the EventSource workflow), one event config at a time, and is
// idempotent: every call lists what exists first, so a retry never creates a second hook.
import type { SecretStore } from '../../secrets/secret-store.js';
import { isObject } from '../../vocabulary/shape-checks.js';
import type { FetchFn } from '../git-hosts/host-api.js';

type HookAction = 'created' | 'updated' | 'unchanged' | 'deleted' | 'absent' | 'failed';

/** What happened to one hook target (a repository, organization, project, group, bucket). */
export interface HookOutcome {
  target: string;
  action: HookAction;
  hookId?: string;
  /** why it failed; names the call and the status, never a secret */
  error?: string;
}

export interface HookCallContext {
  secrets: SecretStore;
  fetch: FetchFn;
  /** the event's name in the EventSource (StorageGRID names its endpoint and notification after it) */
  eventName?: string;
  /** the EventSource the event belongs to */
  source?: { namespace: string; name: string };
}

export interface HookManager {
  type: string;
  /** true when this event config asks Eventide to manage hooks (credentials and webhook.url set) */
  manages(cfg: Record<string, unknown>): boolean;
  /** create hooks that are missing, update those that differ */
  ensure(cfg: Record<string, unknown>, ctx: HookCallContext): Promise<HookOutcome[]>;
  /** delete the hooks, when the config says deleteHookOnFinish (else nothing) */
  remove(cfg: Record<string, unknown>, ctx: HookCallContext): Promise<HookOutcome[]>;
}

/** Argo's FormattedURL: the public URL plus the endpoint, one slash between them. */
export function hookUrl(cfg: Record<string, unknown>): string {
  const endpoint = webhookField(cfg, 'endpoint');
  return `${webhookField(cfg, 'url').replace(/\/+$/, '')}${endpoint.startsWith('/') ? endpoint : `/${endpoint}`}`;
}

export function hasHookUrl(cfg: Record<string, unknown>): boolean {
  return webhookField(cfg, 'url') !== '';
}

/** A string field of the event's `webhook:` context; '' when absent. */
function webhookField(cfg: Record<string, unknown>, field: 'url' | 'endpoint'): string {
  const v = isObject(cfg.webhook) ? cfg.webhook[field] : undefined;
  return typeof v === 'string' ? v : '';
}

/**
 * Runs `prepare` once (credentials, the desired hook, perhaps the targets), then one step per
 * target. A failing target is reported and the others still run (as Argo does). When `prepare`
 * fails, every target fails with its reason (or, when the targets come from `prepare`, one outcome
 * labelled `scope` does).
 */
export async function forEachTarget<T, P>(
  targets: T[] | ((prepared: P) => T[]),
  label: (t: T) => string,
  prepare: () => P | Promise<P>,
  step: (t: T, prepared: P) => Promise<Omit<HookOutcome, 'target'>>,
  scope = 'every target',
): Promise<HookOutcome[]> {
  let prepared: P;
  try {
    prepared = await prepare();
  } catch (e) {
    const error = (e as Error).message;
    return Array.isArray(targets)
      ? targets.map((t) => ({ target: label(t), action: 'failed', error }))
      : [{ target: scope, action: 'failed', error }];
  }
  const out: HookOutcome[] = [];
  for (const t of Array.isArray(targets) ? targets : targets(prepared)) {
    try {
      out.push({ target: label(t), ...(await step(t, prepared)) });
    } catch (e) {
      out.push({ target: label(t), action: 'failed', error: (e as Error).message });
    }
  }
  return out;
}

/** Same members, any order (Argo's ElementsMatch). */
export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

/**
 * A host whose hooks are a list per target, each hook identified by the URL it calls (GitHub,
 * GitLab, Bitbucket Cloud and Server): how to list, create, update and delete them.
 */
export interface UrlHookApi<T, P, H> {
  targets: T[] | ((prepared: P) => T[]);
  label(t: T): string;
  /** what a failure of `prepare` is reported against when the targets come from it */
  scope?: string;
  prepare(): P | Promise<P>;
  list(t: T, p: P): Promise<H[]>;
  urlOf(h: H): string | undefined;
  idOf(h: H): string | number;
  /** creates the hook; its id */
  create(t: T, p: P): Promise<string | number>;
  upToDate(h: H, p: P): boolean;
  update(t: T, h: H, p: P): Promise<unknown>;
  remove(t: T, h: H, p: P): Promise<unknown>;
  /** which of several hooks calling our URL to keep (default: the first) */
  pick?(ours: H[], p: P): H | undefined;
}

/** Per target: `step` with the target's hooks that call `url`. */
function forEachUrlHookTarget<T, P, H>(
  url: string,
  api: UrlHookApi<T, P, H>,
  step: (ours: H[], t: T, p: P) => Promise<Omit<HookOutcome, 'target'>>,
): Promise<HookOutcome[]> {
  return forEachTarget(
    api.targets,
    api.label,
    api.prepare,
    async (t, p) => {
      const ours = (await api.list(t, p)).filter((h) => api.urlOf(h) === url);
      return step(ours, t, p);
    },
    api.scope,
  );
}

/** Per target: create the hook calling `url` when none does, else update it unless up to date. */
function ensureUrlHooks<T, P, H>(url: string, api: UrlHookApi<T, P, H>): Promise<HookOutcome[]> {
  return forEachUrlHookTarget(url, api, async (ours, t, p) => {
    const existing = api.pick ? api.pick(ours, p) : ours[0];
    if (!existing) return { action: 'created', hookId: String(await api.create(t, p)) };
    const hookId = String(api.idOf(existing));
    if (api.upToDate(existing, p)) return { action: 'unchanged', hookId };
    await api.update(t, existing, p);
    return { action: 'updated', hookId };
  });
}

/** Per target: delete every hook calling `url`; 'absent' when there is none. */
function removeUrlHooks<T, P, H>(url: string, api: UrlHookApi<T, P, H>): Promise<HookOutcome[]> {
  return forEachUrlHookTarget(url, api, async (ours, t, p) => {
    for (const h of ours) await api.remove(t, h, p);
    return ours.length > 0
      ? { action: 'deleted', hookId: ours.map((h) => api.idOf(h)).join(',') }
      : { action: 'absent' };
  });
}

/**
 * The hook manager of a UrlHookApi host. It manages hooks when the config has what the host
 * needs (`configured`: credentials, targets) and a webhook.url; it removes them only when the
 * config also says deleteHookOnFinish.
 */
export function urlHookManager<T, P, H>(
  type: string,
  configured: (cfg: Record<string, unknown>) => boolean,
  api: (cfg: Record<string, unknown>, ctx: HookCallContext) => UrlHookApi<T, P, H>,
): HookManager {
  const manages = (cfg: Record<string, unknown>) => configured(cfg) && hasHookUrl(cfg);
  return {
    type,
    manages,
    ensure: async (cfg, ctx) => (manages(cfg) ? ensureUrlHooks(hookUrl(cfg), api(cfg, ctx)) : []),
    remove: async (cfg, ctx) =>
      manages(cfg) && cfg.deleteHookOnFinish === true ? removeUrlHooks(hookUrl(cfg), api(cfg, ctx)) : [],
  };
}
