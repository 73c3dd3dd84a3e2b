// Resolves Argo-style secret references ({name, key}) from a chain of sources: environment
// variables, files laid out like a mounted Secret volume (<dir>/<name>/<key>) and, when
// configured, a cache of Kubernetes Secrets (kubernetes-secret-cache.ts). Lookups are
// synchronous: ingress handlers and triggers resolve secrets on every request.
// Values never appear in errors or logs: only the reference does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretKeySelector } from '../vocabulary/manifest-types.js';

export class SecretNotFoundError extends Error {
  constructor(
    readonly ref: SecretKeySelector,
    /** one way to provide the secret per source, e.g. "set the environment variable X" */
    hints: string[],
  ) {
    super(`secret ${ref.name}/${ref.key} not found; ${hints.join(', or ')} (see README "Secrets")`);
    this.name = 'SecretNotFoundError';
  }
}

/** One place secrets can come from. */
export interface SecretSource {
  /** undefined when this source does not have it */
  tryGet(ref: SecretKeySelector): string | undefined;
  /** how a user would provide `ref` through this source (for the not-found message) */
  missingHints(ref: SecretKeySelector): string[];
}

export interface SecretStore {
  get(ref: SecretKeySelector): string;
  /** undefined when absent and optional */
  tryGet(ref: SecretKeySelector): string | undefined;
  /** present on stores built here, so they can be chained further */
  missingHints?(ref: SecretKeySelector): string[];
}

/** EVENTIDE_SECRET_<NAME>_<KEY>, upper-cased, every other character an underscore. */
export function secretEnvName(ref: SecretKeySelector): string {
  const norm = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  return `EVENTIDE_SECRET_${norm(ref.name)}_${norm(ref.key)}`;
}

function envSecretSource(env: NodeJS.ProcessEnv): SecretSource {
  return {
    tryGet: (ref) => env[secretEnvName(ref)],
    missingHints: (ref) => [`set the environment variable ${secretEnvName(ref)}`],
  };
}

function fileSecretSource(dir: string): SecretSource {
  return {
    tryGet(ref) {
      // A reference is a name, never a path: nothing outside <dir> is readable through it.
      if ([ref.name, ref.key].some((s) => s.includes('..') || s.includes('/'))) return undefined;
      try {
        return readFileSync(join(dir, ref.name, ref.key), 'utf8').replace(/\r?\n$/, '');
      } catch {
        return undefined;
      }
    },
    missingHints: (ref) => [`write it to the file ${join(dir, ref.name, ref.key)}`],
  };
}

/** A store asking each source in order; the first that has the secret answers. */
export function chainSecretStores(...sources: (SecretSource | SecretStore)[]): Required<SecretStore> {
  const tryGet = (ref: SecretKeySelector): string | undefined => {
    for (const s of sources) {
      const v = s.tryGet(ref);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const missingHints = (ref: SecretKeySelector) => sources.flatMap((s) => s.missingHints?.(ref) ?? []);
  return {
    tryGet,
    missingHints,
    get(ref) {
      const v = tryGet(ref);
      if (v === undefined) throw new SecretNotFoundError(ref, missingHints(ref));
      return v;
    },
  };
}

/** Environment variables first, then files under `dir` ($EVENTIDE_SECRETS_DIR, default ./secrets). */
export function createSecretStore(
  opts: { dir?: string; env?: NodeJS.ProcessEnv } = {},
): Required<SecretStore> {
  const env = opts.env ?? process.env;
  const dir = opts.dir ?? env.EVENTIDE_SECRETS_DIR ?? 'secrets';
  return chainSecretStores(envSecretSource(env), fileSecretSource(dir));
}
