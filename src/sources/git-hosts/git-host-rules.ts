// Validation shared by the Git-host sources (and StorageGRID): string lists, URLs and TLS
// settings, each reported at its field path.
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { boolAt, describe, listAt, objectAt, stringAt } from '../../vocabulary/shape-checks.js';
import { isHttpUrl, optionalSecret } from '../push-common/webhook-context-rules.js';

/** A list of non-empty strings; undefined when absent (or reported). */
export function stringListAt(
  p: Problems,
  v: unknown,
  path: PathSegment[],
  required: boolean,
): string[] | undefined {
  const list = listAt(p, v, path, required);
  if (!list) return undefined;
  let ok = true;
  list.forEach((item, i) => {
    if (typeof item !== 'string' || item === '') {
      p.add([...path, i], `must be a non-empty string, got ${describe(item)}`);
      ok = false;
    }
  });
  return ok ? (list as string[]) : undefined;
}

export function httpUrlAt(
  p: Problems,
  v: unknown,
  path: PathSegment[],
  required: boolean,
): string | undefined {
  const s = stringAt(p, v, path, required);
  if (s !== undefined && !isHttpUrl(s)) {
    p.add(path, `must be an http:// or https:// URL, got ${JSON.stringify(s)}`);
    return undefined;
  }
  return s;
}

/** Argo's TLSConfig: secret selectors for a CA, client cert and key, and insecureSkipVerify. */
export function checkTlsConfig(p: Problems, v: unknown, path: PathSegment[]): void {
  const tls = objectAt(p, v, path, false);
  if (!tls) return;
  for (const field of ['caCertSecret', 'clientCertSecret', 'clientKeySecret']) {
    optionalSecret(p, tls[field], [...path, field]);
  }
  boolAt(p, tls.insecureSkipVerify, [...path, 'insecureSkipVerify']);
}
