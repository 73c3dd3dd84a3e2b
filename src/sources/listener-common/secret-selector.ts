// Reading a `*Secret`-style field ({name, key}) of a listener's config, and resolving it at run
// time. Resolution failures name the field and the reference, never a value.
import type { SecretKeySelector } from '../../vocabulary/manifest-types.js';
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { objectAt, stringAt } from '../../vocabulary/shape-checks.js';
import type { SecretStore } from '../../secrets/secret-store.js';
import { ListenerConfigError } from './listener-source.js';

export function readSecretSelector(
  p: Problems,
  v: unknown,
  path: PathSegment[],
  required: boolean,
): SecretKeySelector | undefined {
  const o = objectAt(p, v, path, required);
  if (!o) return undefined;
  const name = stringAt(p, o.name, [...path, 'name'], true);
  const key = stringAt(p, o.key, [...path, 'key'], true);
  if (name === undefined || key === undefined) return undefined;
  return { name, key, ...(o.optional === true ? { optional: true } : {}) };
}

/**
 * The secret's value. A missing secret is a ListenerConfigError: retrying would not conjure it,
 * and the message says how to provide it.
 */
export function resolveSecret(secrets: SecretStore, ref: SecretKeySelector, field: string): string {
  try {
    return secrets.get(ref);
  } catch (e) {
    throw new ListenerConfigError(`${field}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
