// Splits a `#(path op value)` query the way gjson's parseQuery does: the operator starts at the
// first `! = < > %` outside nested brackets and strings; `==` means `=`; a quoted value loses its
// quotes (and its escapes are resolved).

import type { QueryOp } from './ast.js';
import { stringEnd, trimControl, unescapeJsonText } from './scan.js';

export interface ParsedQuery {
  pathText: string;
  op: QueryOp;
  value: string;
  /** offset just past the closing bracket */
  end: number;
}

function splitOperator(text: string): { op: QueryOp; rest: string } {
  const two = text.slice(0, 2);
  if (text.length === 1) return { op: text as QueryOp, rest: '' };
  if (two === '!=' || two === '!%' || two === '<=' || two === '>=') {
    return { op: two, rest: text.slice(2) };
  }
  if (two === '==') return { op: '=', rest: text.slice(2) };
  const one = text[0];
  if (one === '<' || one === '>' || one === '=' || one === '%') return { op: one, rest: text.slice(1) };
  // `!` followed by anything else: gjson reads no operator at all (an existence test).
  return { op: '', rest: text };
}

/** `s[pos]` is `#` and `s[pos + 1]` is `(` or `[`. Returns null for an unbalanced query. */
export function parseQueryAt(s: string, pos: number): ParsedQuery | null {
  let depth = 1;
  let opStart = -1;
  let escapedString = false;
  let i = pos + 2;
  for (; i < s.length; i++) {
    const c = s[i];
    if (depth === 1 && opStart < 0 && (c === '!' || c === '=' || c === '<' || c === '>' || c === '%')) {
      opStart = i;
      continue;
    }
    if (c === '\\') {
      i++;
    } else if (c === '(' || c === '[') {
      depth++;
    } else if (c === ')' || c === ']') {
      if (--depth === 0) break;
    } else if (c === '"') {
      const end = stringEnd(s, i);
      if (s.slice(i, end).includes('\\')) escapedString = true;
      i = end - 1;
    }
  }
  if (depth > 0) return null;
  if (opStart < 0) {
    return { pathText: trimControl(s.slice(pos + 2, i)), op: '', value: '', end: i + 1 };
  }
  const { op, rest } = splitOperator(trimControl(s.slice(opStart, i)));
  let value = trimControl(rest);
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    value = value.slice(1, -1);
    if (escapedString) value = unescapeJsonText(value);
  }
  return { pathText: trimControl(s.slice(pos + 2, opStart)), op, value, end: i + 1 };
}
