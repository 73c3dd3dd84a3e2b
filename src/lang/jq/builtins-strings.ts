// String builtins: case mapping, trimming, prefix/suffix tests, split/join, explode/implode.

import { add } from './arith.js';
import { valueFn, type BuiltinTable } from './define.js';
import { preview, toJson, typePreview } from './encode.js';
import { fail } from './runtime.js';
import { explode, runeToString } from './strings.js';
import { isObject, sortedKeys } from './values.js';

const func0 = (name: string, v: unknown): never => fail(`${name} cannot be applied to: ${typePreview(v)}`);

/** Both input and argument must be strings (gojq's func1TypeError otherwise). */
const strings2 = (name: string, f: (s: string, t: string) => unknown) =>
  valueFn((v, x) => {
    if (typeof v !== 'string' || typeof x !== 'string')
      fail(`${name}(${preview(x)}) cannot be applied to: ${typePreview(v)}`);
    return f(v, x);
  });

const string1 = (name: string, f: (s: string) => unknown) =>
  valueFn((v) => (typeof v === 'string' ? f(v) : func0(name, v)));

// Go's unicode.IsSpace: ASCII whitespace, NEL, NBSP and the Unicode White_Space spaces.
function isSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

function trimStart(s: string): string {
  let i = 0;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return s.slice(i);
}

function trimEnd(s: string): string {
  let j = s.length;
  while (j > 0 && isSpace(s.charCodeAt(j - 1))) j--;
  return s.slice(0, j);
}

function split(v: unknown, sep: unknown): unknown {
  if (typeof v !== 'string') return func0('split', v);
  if (typeof sep !== 'string') return func0('split', sep);
  return sep === '' ? Array.from(v) : v.split(sep);
}

function join(v: unknown, sep: unknown): unknown {
  const xs = Array.isArray(v) ? v : isObject(v) ? sortedKeys(v).map((k) => v[k]) : null;
  if (xs === null) return fail(`join(${preview(sep)}) cannot be applied to: ${typePreview(v)}`);
  let acc: unknown = '';
  xs.forEach((x, i) => {
    if (i > 0) acc = add(acc, sep);
    if (x === null) return;
    acc = add(acc, typeof x === 'number' || typeof x === 'boolean' ? toJson(x) : x);
  });
  return acc;
}

function implode(v: unknown): unknown {
  if (!Array.isArray(v)) return func0('implode', v);
  let out = '';
  for (const c of v) {
    if (typeof c !== 'number') return func0('implode', v);
    out += runeToString(Math.trunc(c));
  }
  return out;
}

export const STRING_BUILTINS: BuiltinTable = {
  'ascii_downcase/0': string1('ascii_downcase', (s) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase())),
  'ascii_upcase/0': string1('ascii_upcase', (s) => s.replace(/[a-z]+/g, (m) => m.toUpperCase())),
  'ltrimstr/1': strings2('ltrimstr', (s, t) => (s.startsWith(t) ? s.slice(t.length) : s)),
  'rtrimstr/1': strings2('rtrimstr', (s, t) =>
    t !== '' && s.endsWith(t) ? s.slice(0, s.length - t.length) : s,
  ),
  'trimstr/1': strings2('trimstr', (s, t) => {
    const a = s.startsWith(t) ? s.slice(t.length) : s;
    return t !== '' && a.endsWith(t) ? a.slice(0, a.length - t.length) : a;
  }),
  'startswith/1': strings2('startswith', (s, t) => s.startsWith(t)),
  'endswith/1': strings2('endswith', (s, t) => s.endsWith(t)),
  'trim/0': string1('trim', (s) => trimEnd(trimStart(s))),
  'ltrim/0': string1('ltrim', trimStart),
  'rtrim/0': string1('rtrim', trimEnd),
  'split/1': valueFn(split),
  'join/1': valueFn(join),
  'explode/0': string1('explode', explode),
  'implode/0': valueFn(implode),
};
