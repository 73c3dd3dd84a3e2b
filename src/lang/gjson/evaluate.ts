// Walks a compiled path over a JS value. Returns the value found or MISSING.

import { MISSING, type Component, type GetPath, type KeyComponent, type QueryComponent } from './ast.js';
import { applyModifier } from './modifiers.js';
import { isJsonObject, ownValue, setOwn, type JsonObject } from './own-key.js';
import { queryMatches } from './query-match.js';
import { matchWildcard } from './wildcard.js';

/**
 * A component matched but the path after it found nothing. gjson stops looking at that point
 * (a first-match query does not try the next match; a wildcard key does not try the next key).
 */
const FOUND_EMPTY: unique symbol = Symbol('gjson.foundEmpty');

export function evaluate(v: unknown, p: GetPath): unknown {
  if (v === MISSING || v === undefined) return MISSING;
  switch (p.k) {
    case 'chain': {
      let r = evalComponent(v, p.head);
      if (r === FOUND_EMPTY) r = MISSING;
      return p.pipe && r !== MISSING ? evaluate(r, p.pipe) : r;
    }
    case 'modifier': {
      const r = applyModifier(p, v, evaluate);
      return p.then ? evaluate(r, p.then) : r;
    }
    case 'literal':
      return p.then ? evaluate(p.value, p.then) : p.value;
    case 'multi': {
      if (p.object) {
        const out: JsonObject = {};
        for (const sel of p.selectors) {
          const r = evaluate(v, sel.path);
          if (r !== MISSING) setOwn(out, sel.name, r);
        }
        return p.then ? evaluate(out, p.then) : out;
      }
      const out: unknown[] = [];
      for (const sel of p.selectors) {
        const r = evaluate(v, sel.path);
        if (r !== MISSING) out.push(r);
      }
      return p.then ? evaluate(out, p.then) : out;
    }
  }
}

/** Into a child: only objects and arrays have anything below them. */
function descend(child: unknown, next: Component): unknown {
  return typeof child === 'object' && child !== null ? evalComponent(child, next) : MISSING;
}

function evalComponent(v: unknown, c: Component): unknown {
  switch (c.k) {
    case 'key':
      return evalKey(v, c);
    case 'count':
      if (Array.isArray(v)) return v.length;
      // On an object `#` is an ordinary key.
      return isJsonObject(v) ? (ownValue(v, '#') ?? MISSING) : MISSING;
    case 'each': {
      if (Array.isArray(v)) {
        const out: unknown[] = [];
        for (const el of v) {
          const r = evaluate(el, c.sub);
          if (r !== MISSING) out.push(r);
        }
        return out;
      }
      if (!isJsonObject(v)) return MISSING;
      const child = ownValue(v, '#');
      return child === undefined ? MISSING : evaluate(child, c.sub);
    }
    case 'query':
      return Array.isArray(v) ? evalQuery(v, c) : MISSING;
  }
}

function evalKey(v: unknown, c: KeyComponent): unknown {
  if (Array.isArray(v)) {
    if (c.index < 0 || c.index >= v.length) return MISSING;
    const child: unknown = v[c.index];
    if (child === undefined) return MISSING;
    return c.next ? descend(child, c.next) : child;
  }
  if (!isJsonObject(v)) return MISSING;
  if (!c.pattern) {
    const child = ownValue(v, c.part);
    if (child === undefined) return MISSING;
    return c.next ? descend(child, c.next) : child;
  }
  // Wildcard: keys in order; with more path to go, the first key under which it is found wins.
  for (const key of Object.keys(v)) {
    if (!matchWildcard(key, c.pattern)) continue;
    const child = v[key];
    if (child === undefined) continue;
    if (!c.next) return child;
    const r = descend(child, c.next);
    if (r !== MISSING) return r;
  }
  return MISSING;
}

/** What a query compares: its path evaluated on the element (scalars only answer the empty path). */
export function queryTarget(el: unknown, c: QueryComponent): unknown {
  if (typeof el === 'object' && el !== null) return evaluate(el, c.query.path);
  return c.query.pathText === '' ? el : undefined;
}

function evalQuery(arr: readonly unknown[], c: QueryComponent): unknown {
  const all: unknown[] | null = c.all ? [] : null;
  for (const el of arr) {
    if (el === undefined) continue;
    const target = queryTarget(el, c);
    if (target === undefined || !queryMatches(c.query, target)) continue;
    const r = c.more ? evaluate(el, c.more) : el;
    if (!all) return r === MISSING ? FOUND_EMPTY : r;
    if (r !== MISSING) all.push(r);
  }
  return all ?? MISSING;
}
