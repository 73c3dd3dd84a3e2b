// gjson's built-in modifiers applied to JS values. Output whitespace is not modelled (Raw is
// always compact here), so @pretty and @ugly leave the value as it is.

import { MISSING, type ModifierPath } from './ast.js';
import { isJsonObject, setOwn, type JsonObject } from './own-key.js';
import { gjsonResultOf } from './result.js';

/** Evaluates a sub-path (injected by evaluate.ts, which imports this module). */
export type SubPathEvaluator = (value: unknown, path: NonNullable<ModifierPath['argPath']>) => unknown;

/** gjson reads options like {"deep":true} through Result.Bool(). */
function option(arg: unknown, key: string): boolean {
  if (!isJsonObject(arg) || !Object.prototype.hasOwnProperty.call(arg, key)) return false;
  return gjsonResultOf(arg[key]).bool;
}

function reverse(v: unknown): unknown {
  if (Array.isArray(v)) return v.slice().reverse();
  if (isJsonObject(v)) {
    const out: JsonObject = {};
    for (const key of Object.keys(v).reverse()) setOwn(out, key, v[key]);
    return out;
  }
  return v;
}

function flatten(v: unknown, deep: boolean): unknown {
  if (!Array.isArray(v)) return v;
  const out: unknown[] = [];
  for (const el of v) {
    if (Array.isArray(el)) {
      for (const inner of deep ? (flatten(el, true) as unknown[]) : el) out.push(inner);
    } else {
      out.push(el);
    }
  }
  return out;
}

/** Later objects override earlier keys; key order is first appearance (gjson's non-preserving join). */
function join(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  const out: JsonObject = {};
  for (const el of v) {
    if (!isJsonObject(el)) continue;
    for (const key of Object.keys(el)) setOwn(out, key, el[key]);
  }
  return out;
}

function keys(v: unknown): unknown {
  if (isJsonObject(v)) return Object.keys(v);
  if (Array.isArray(v)) return v.map(() => null);
  return [null];
}

function values(v: unknown): unknown {
  if (isJsonObject(v)) return Object.values(v);
  if (Array.isArray(v)) return v;
  return [v];
}

function fromStr(v: unknown): unknown {
  if (v === null) return MISSING;
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return MISSING;
  }
}

/** {"a":[1,2],"b":[3,4]} -> [{"a":1,"b":3},{"a":2,"b":4}] */
function group(v: unknown): unknown {
  if (!isJsonObject(v)) return MISSING;
  const rows: JsonObject[] = [];
  for (const key of Object.keys(v)) {
    const column = v[key];
    if (!Array.isArray(column)) continue;
    column.forEach((cell, i) => {
      const row = rows[i] ?? (rows[i] = {});
      setOwn(row, key, cell);
    });
  }
  return rows;
}

/** Every value, at any depth (the value itself first), where `path` exists. */
function dig(v: unknown, m: ModifierPath, evaluate: SubPathEvaluator): unknown {
  const found: unknown[] = [];
  const visit = (node: unknown): void => {
    const r = evaluate(node, m.argPath!);
    if (r !== MISSING) found.push(r);
    if (Array.isArray(node)) node.forEach(visit);
    else if (isJsonObject(node)) Object.values(node).forEach(visit);
  };
  visit(v);
  return found;
}

export function applyModifier(m: ModifierPath, v: unknown, evaluate: SubPathEvaluator): unknown {
  switch (m.name) {
    case 'this':
    case 'pretty':
    case 'ugly':
    case 'valid':
      return v;
    case 'reverse':
      return reverse(v);
    case 'flatten':
      return flatten(v, option(m.argJson, 'deep'));
    case 'join':
      return join(v);
    case 'keys':
      return keys(v);
    case 'values':
      return values(v);
    case 'tostr':
      return JSON.stringify(v);
    case 'fromstr':
      return fromStr(v);
    case 'group':
      return group(v);
    case 'dig':
      return dig(v, m, evaluate);
  }
}
