// Where in the document a gjson path's result lives, for sjson's "set through a complex path"
// (wildcards and queries). gjson reports positions (Result.Index / Indexes) only for values that
// sit in the document itself; computed values (counts, modifier output, multipaths, anything after
// a pipe) have none, and sjson then changes nothing. This mirrors evaluate.ts with positions.

import { MISSING, type Component, type GetPath, type KeyComponent, type QueryComponent } from './ast.js';
import { compiledPath } from './compiled-cache.js';
import { queryTarget } from './evaluate.js';
import { isJsonObject, ownValue } from './own-key.js';
import { queryMatches } from './query-match.js';
import { matchWildcard } from './wildcard.js';

export interface GjsonLocation {
  /** the object or array holding the value */
  readonly parent: Record<string, unknown> | unknown[];
  readonly key: string | number;
}

/** One located value, several (from `#.` or `#(...)#`), or no position at all. */
type Located =
  | { readonly one: GjsonLocation }
  | { readonly many: GjsonLocation[] }
  | typeof MISSING
  | typeof FOUND_EMPTY
  | typeof COMPUTED;

const FOUND_EMPTY: unique symbol = Symbol('locate.foundEmpty');
const COMPUTED: unique symbol = Symbol('locate.computed');

/**
 * Locations of the values `path` selects in `doc`, or null when gjson would report no position
 * (nothing found, or a computed result).
 */
export function gjsonLocate(doc: unknown, path: string): GjsonLocation[] | null {
  const r = locateGet(doc, compiledPath(path));
  if (typeof r !== 'object') return null;
  return 'one' in r ? [r.one] : r.many;
}

function locateGet(v: unknown, p: GetPath): Located {
  if (p.k !== 'chain' || p.pipe) return COMPUTED;
  const r = locateComponent(v, p.head);
  return r === FOUND_EMPTY ? MISSING : r;
}

function descend(child: unknown, next: Component): Located {
  return typeof child === 'object' && child !== null ? locateComponent(child, next) : MISSING;
}

function locateComponent(v: unknown, c: Component): Located {
  switch (c.k) {
    case 'key':
      return locateKey(v, c);
    case 'count':
      return Array.isArray(v)
        ? COMPUTED
        : isJsonObject(v) && ownValue(v, '#') !== undefined
          ? { one: { parent: v, key: '#' } }
          : MISSING;
    case 'each': {
      if (!Array.isArray(v)) return isJsonObject(v) ? COMPUTED : MISSING;
      const many: GjsonLocation[] = [];
      for (const el of v) {
        const r = el === undefined ? MISSING : locateGet(el, c.sub);
        if (r === MISSING) continue;
        // A nested projection has no single position per element.
        if (typeof r !== 'object' || !('one' in r)) return COMPUTED;
        many.push(r.one);
      }
      return { many };
    }
    case 'query':
      return Array.isArray(v) ? locateQuery(v, c) : MISSING;
  }
}

function locateKey(v: unknown, c: KeyComponent): Located {
  if (Array.isArray(v)) {
    if (c.index < 0 || c.index >= v.length || v[c.index] === undefined) return MISSING;
    return c.next ? descend(v[c.index], c.next) : { one: { parent: v, key: c.index } };
  }
  if (!isJsonObject(v)) return MISSING;
  if (!c.pattern) {
    const child = ownValue(v, c.part);
    if (child === undefined) return MISSING;
    return c.next ? descend(child, c.next) : { one: { parent: v, key: c.part } };
  }
  for (const key of Object.keys(v)) {
    if (!matchWildcard(key, c.pattern) || v[key] === undefined) continue;
    if (!c.next) return { one: { parent: v, key } };
    const r = descend(v[key], c.next);
    if (r !== MISSING) return r;
  }
  return MISSING;
}

function locateQuery(arr: unknown[], c: QueryComponent): Located {
  const many: GjsonLocation[] | null = c.all ? [] : null;
  for (let i = 0; i < arr.length; i++) {
    const el = arr[i];
    if (el === undefined) continue;
    const target = queryTarget(el, c);
    if (target === undefined || !queryMatches(c.query, target)) continue;
    const r: Located = c.more ? locateGet(el, c.more) : { one: { parent: arr, key: i } };
    if (!many) return r === MISSING ? FOUND_EMPTY : r;
    if (r === MISSING) continue;
    if (typeof r !== 'object' || !('one' in r)) return COMPUTED;
    many.push(r.one);
  }
  return many ? { many } : MISSING;
}
