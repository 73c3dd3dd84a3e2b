// The Secrets of a few Kubernetes namespaces, held in memory so lookups stay synchronous (the
// ingress and the triggers resolve secrets on every request). Loaded before Eventide serves,
// then re-listed periodically; a failed listing keeps the last good copy of that namespace.
// Logs and hints name namespaces, Secrets and keys, never values.
import type { KubeClient } from '../kubernetes/kube-client.js';
import type { SecretKeySelector } from '../vocabulary/manifest-types.js';
import type { SecretSource } from './secret-store.js';

export type SecretsLog = (msg: string, fields?: Record<string, unknown>) => void;

export interface KubernetesSecretCacheOptions {
  client: Pick<KubeClient, 'request' | 'path'>;
  /** searched in order; the first holding the Secret and key answers */
  namespaces: string[];
  /** how often to re-list, ms (default 30 s) */
  refreshMs?: number;
  /** items per list request; larger namespaces are read in pages */
  pageSize?: number;
  log?: SecretsLog;
}

interface SecretList {
  metadata?: { continue?: string };
  items?: { metadata?: { name?: string }; data?: Record<string, string> | null }[];
}

/** Secret name → key → decoded value. */
type NamespaceSecrets = Map<string, Map<string, string>>;

const SECRET = { apiVersion: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true };
export const DEFAULT_SECRETS_REFRESH_MS = 30_000;
const MAX_KEYS_SHOWN = 10;

export class KubernetesSecretCache implements SecretSource {
  private readonly loaded = new Map<string, NamespaceSecrets>();
  /** the last listing error per namespace; cleared by a successful listing */
  private readonly failing = new Map<string, string>();
  private refreshing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly o: KubernetesSecretCacheOptions) {}

  /** Loads every namespace once (failures are logged, not thrown), then refreshes periodically. */
  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.o.refreshMs ?? DEFAULT_SECRETS_REFRESH_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.refreshing;
  }

  /** Re-lists every namespace now. Concurrent calls share one run; never rejects. */
  refresh(): Promise<void> {
    this.refreshing ??= Promise.all(this.o.namespaces.map((ns) => this.refreshNamespace(ns))).then(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  tryGet(ref: SecretKeySelector): string | undefined {
    for (const ns of this.o.namespaces) {
      const value = this.loaded.get(ns)?.get(ref.name)?.get(ref.key);
      if (value !== undefined) return value;
    }
    return undefined;
  }

  missingHints(ref: SecretKeySelector): string[] {
    return this.o.namespaces.map((ns) => {
      const failure = this.failing.get(ns);
      const secrets = this.loaded.get(ns);
      if (!secrets)
        return `make the Secrets of Kubernetes namespace ${ns} readable (listing them failed: ${failure})`;
      const stale = failure ? ` (re-reading namespace ${ns} currently fails: ${failure})` : '';
      const keys = secrets.get(ref.name);
      if (!keys) return `create the Kubernetes Secret ${ns}/${ref.name} with the key ${ref.key}${stale}`;
      const names = [...keys.keys()].sort();
      const shown =
        names.length === 0
          ? 'it has no keys'
          : `its keys: ${names.slice(0, MAX_KEYS_SHOWN).join(', ')}${names.length > MAX_KEYS_SHOWN ? ', …' : ''}`;
      return `add the key ${ref.key} to the Kubernetes Secret ${ns}/${ref.name} (${shown})${stale}`;
    });
  }

  private async refreshNamespace(ns: string): Promise<void> {
    const log = this.o.log ?? (() => undefined);
    try {
      const secrets = await this.list(ns);
      const recovered = !this.loaded.has(ns) || this.failing.has(ns);
      this.loaded.set(ns, secrets);
      this.failing.delete(ns);
      if (recovered) log('kubernetes secrets loaded', { namespace: ns, secrets: secrets.size });
    } catch (e) {
      const error = (e as Error).message;
      // Logged when the problem starts or changes, not on every tick of a lasting outage.
      if (this.failing.get(ns) !== error) {
        log('kubernetes secrets refresh failed; keeping the last ones read', {
          namespace: ns,
          error,
          cached: this.loaded.get(ns)?.size ?? 0,
        });
      }
      this.failing.set(ns, error);
    }
  }

  private async list(ns: string): Promise<NamespaceSecrets> {
    const out: NamespaceSecrets = new Map();
    let next: string | undefined;
    do {
      const page = await this.o.client.request<SecretList>({
        method: 'GET',
        path: this.o.client.path(SECRET, ns),
        query: { limit: String(this.o.pageSize ?? 500), ...(next ? { continue: next } : {}) },
      });
      if (!Array.isArray(page?.items))
        throw new Error(`the answer to listing Secrets in ${ns} is not a SecretList`);
      for (const item of page.items) {
        const name = item.metadata?.name;
        if (!name) continue;
        const data = new Map<string, string>();
        // The API serves `data` base64-encoded (`stringData` is write-only).
        for (const [k, v] of Object.entries(item.data ?? {}))
          data.set(k, Buffer.from(v, 'base64').toString('utf8'));
        out.set(name, data);
      }
      next = page.metadata?.continue || undefined;
    } while (next);
    return out;
  }
}
