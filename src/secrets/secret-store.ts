// Resolves Argo-style secret references ({name, key}) without Kubernetes: from environment
// variables or from files laid out like a mounted Secret volume (<dir>/<name>/<key>).
// Values never appear in errors or logs: only the reference does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretKeySelector } from '../manifest/types.js';

export class SecretNotFoundError extends Error {
  constructor(
    readonly ref: SecretKeySelector,
    tried: string[],
  ) {
    super(`secret ${ref.name}/${ref.key} not found; set ${tried.join(' or ')} ` + '(see README "Secrets")');
    this.name = 'SecretNotFoundError';
  }
}

export interface SecretStore {
  get(ref: SecretKeySelector): string;
  /** undefined when absent and optional */
  tryGet(ref: SecretKeySelector): string | undefined;
}

/** EVENTIDE_SECRET_<NAME>_<KEY>, upper-cased, every other character an underscore. */
export function secretEnvName(ref: SecretKeySelector): string {
  const norm = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  return `EVENTIDE_SECRET_${norm(ref.name)}_${norm(ref.key)}`;
}

export function createSecretStore(opts: { dir?: string; env?: NodeJS.ProcessEnv } = {}): SecretStore {
  const env = opts.env ?? process.env;
  const dir = opts.dir ?? env.EVENTIDE_SECRETS_DIR ?? 'secrets';
  const tryGet = (ref: SecretKeySelector): string | undefined => {
    const fromEnv = env[secretEnvName(ref)];
    if (fromEnv !== undefined) return fromEnv;
    if (ref.name.includes('..') || ref.key.includes('..') || ref.name.includes('/') || ref.key.includes('/'))
      return undefined;
    try {
      return readFileSync(join(dir, ref.name, ref.key), 'utf8').replace(/\r?\n$/, '');
    } catch {
      return undefined;
    }
  };
  return {
    tryGet,
    get(ref) {
      const v = tryGet(ref);
      if (v === undefined)
        throw new SecretNotFoundError(ref, [secretEnvName(ref), join(dir, ref.name, ref.key)]);
      return v;
    },
  };
}
