// The merge Argo's k8s trigger uses for `operation: update` (mergo.Merge with WithOverride):
// maps merge key by key, and a value from the new object replaces the live one unless it is
// empty (null, "", 0, false, an empty list or map). Lists are replaced, not merged.
import { isPlainObject } from '../../src/kubernetes/kube-object.js';

function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  return isPlainObject(v) && Object.keys(v).length === 0;
}

/** Returns a new object: `live` with `update` merged over it. */
export function mergeOverride(live: unknown, update: unknown): unknown {
  if (!isPlainObject(live) || !isPlainObject(update)) return isEmpty(update) ? live : update;
  const out: Record<string, unknown> = { ...live };
  for (const [k, v] of Object.entries(update)) {
    const current = out[k];
    if (!(k in out) || isEmpty(current)) out[k] = v;
    else if (isPlainObject(current) && isPlainObject(v)) out[k] = mergeOverride(current, v);
    else if (!isEmpty(v)) out[k] = v;
  }
  return out;
}
