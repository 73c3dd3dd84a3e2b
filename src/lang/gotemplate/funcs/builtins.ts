// text/template's predefined functions (and, or, not, len, index, print*, html, js, urlquery,
// eq, ne, lt, le, gt, ge, call). `and`, `or` and `call` are handled by the executor itself.

import { compareGoStrings } from '../../go/compare-strings.js';
import { FuncError } from '../errors.js';
import { formatV, sprint, sprintf, sprintln } from '../fmt/print.js';
import { isPrint } from '../../go/quote.js';
import { GoTime } from '../time/go-time.js';
import { utf8Encode, utf8Length, byteSlice } from '../../go/utf8.js';
import { GoInt, goTypeName, isGoMap, mapGet, mapHas, mapType, type GoValue } from '../values.js';
import { fn, type FuncMap } from './types.js';

const enum Kind {
  Invalid,
  Bool,
  Int,
  Float,
  String,
  Uint,
}

function basicKind(v: GoValue): Kind {
  switch (typeof v) {
    case 'boolean':
      return Kind.Bool;
    case 'number':
      return Kind.Float;
    case 'string':
      return Kind.String;
  }
  if (v instanceof GoInt) return v.type === 'uint8' ? Kind.Uint : Kind.Int;
  return Kind.Invalid;
}

/** indirectInterface: a nil interface{} is no value at all. */
function ind(v: GoValue): GoValue {
  return v === null ? undefined : v;
}

function reflectKind(v: GoValue): string {
  if (v === undefined) return 'invalid';
  if (Array.isArray(v)) return 'slice';
  if (v instanceof GoTime) return 'struct';
  if (v !== null && isGoMap(v)) return 'map';
  return 'other';
}

function comparable(v: GoValue): boolean {
  return !Array.isArray(v) && !(v !== null && v !== undefined && isGoMap(v));
}

function goEq(arg1: GoValue, rest: GoValue[]): boolean {
  const a1 = ind(arg1);
  if (rest.length === 0) throw new FuncError('missing argument for comparison');
  const k1 = basicKind(a1);
  for (const arg of rest) {
    const a = ind(arg);
    const k2 = basicKind(a);
    let truth = false;
    if (k1 !== k2) {
      if (k1 === Kind.Int && k2 === Kind.Uint) truth = (a1 as GoInt).v === (a as GoInt).v;
      else if (k1 === Kind.Uint && k2 === Kind.Int) truth = (a1 as GoInt).v === (a as GoInt).v;
      else if (a1 !== undefined && a !== undefined) {
        throw new FuncError(`incompatible types for comparison: ${goTypeName(a1)} and ${goTypeName(a)}`);
      }
    } else {
      switch (k1) {
        case Kind.Bool:
        case Kind.Float:
        case Kind.String:
          truth = a1 === a;
          break;
        case Kind.Int:
        case Kind.Uint:
          truth = (a1 as GoInt).v === (a as GoInt).v;
          break;
        default: {
          const r1 = reflectKind(a1);
          const r2 = reflectKind(a);
          if (r1 !== r2 && r1 !== 'invalid' && r2 !== 'invalid') {
            throw new FuncError(
              `non-comparable types ${sprintf('%s', [a1 ?? null])}: ${goTypeName(a1)}, ${goTypeName(a)}: ${formatV(a)}`,
            );
          }
          if (a1 === undefined || a === undefined) truth = a1 === a;
          else {
            if (!comparable(a))
              throw new FuncError(`non-comparable type ${sprintf('%s', [a])}: ${goTypeName(a)}`);
            truth =
              a1 instanceof GoTime && a instanceof GoTime
                ? a1.sec === a.sec && a1.nsec === a.nsec && a1.loc === a.loc
                : a1 === a;
          }
        }
      }
    }
    if (truth) return true;
  }
  return false;
}

function goLt(arg1: GoValue, arg2: GoValue): boolean {
  const a1 = ind(arg1);
  const k1 = basicKind(a1);
  if (k1 === Kind.Invalid) throw new FuncError('invalid type for comparison');
  const a2 = ind(arg2);
  const k2 = basicKind(a2);
  if (k2 === Kind.Invalid) throw new FuncError('invalid type for comparison');
  if (k1 !== k2) {
    if ((k1 === Kind.Int && k2 === Kind.Uint) || (k1 === Kind.Uint && k2 === Kind.Int)) {
      return (a1 as GoInt).v < (a2 as GoInt).v;
    }
    throw new FuncError(`incompatible types for comparison: ${goTypeName(a1)} and ${goTypeName(a2)}`);
  }
  switch (k1) {
    case Kind.Bool:
      throw new FuncError('invalid type for comparison');
    case Kind.String:
      return compareGoStrings(a1 as string, a2 as string) < 0;
    case Kind.Float:
      return (a1 as number) < (a2 as number);
    default:
      return (a1 as GoInt).v < (a2 as GoInt).v;
  }
}

function goLe(a: GoValue, b: GoValue): boolean {
  return goLt(a, b) || goEq(a, [b]);
}

function indexArg(index: GoValue, cap: number): number {
  let x: number;
  if (index instanceof GoInt) x = index.v;
  else if (index === undefined) throw new FuncError('cannot index slice/array with nil');
  else throw new FuncError(`cannot index slice/array with type ${goTypeName(index)}`);
  if (x < 0 || x > cap) throw new FuncError(`index out of range: ${x}`);
  return x;
}

function goIndex(item0: GoValue, indexes: GoValue[]): GoValue {
  let item = ind(item0);
  if (item === undefined) throw new FuncError('index of untyped nil');
  for (const index0 of indexes) {
    const index = ind(index0);
    if (item === null) throw new FuncError('index of nil pointer');
    if (typeof item === 'string') {
      const bytes = utf8Encode(item);
      const x = indexArg(index, bytes.length);
      if (x === bytes.length) throw new FuncError(`reflect: string index out of range`);
      item = new GoInt(bytes[x]!, 'uint8');
    } else if (Array.isArray(item)) {
      const x = indexArg(index, item.length);
      if (x === item.length) throw new FuncError(`reflect: slice index out of range`);
      item = item[x];
    } else if (item !== undefined && isGoMap(item)) {
      if (index === undefined) throw new FuncError('value is nil; should be of type string');
      if (typeof index !== 'string')
        throw new FuncError(`value has type ${goTypeName(index)}; should be string`);
      const typed = mapType(item) !== 'map[string]interface {}';
      item = mapHas(item, index) ? mapGet(item, index) : typed ? '' : null;
    } else {
      throw new FuncError(`can't index item of type ${goTypeName(item)}`);
    }
  }
  return item;
}

function goLen(item: GoValue): GoInt {
  if (item === null) throw new FuncError('len of nil pointer');
  if (item === undefined) throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
  if (typeof item === 'string') return new GoInt(utf8Length(item), 'int');
  if (Array.isArray(item)) return new GoInt(item.length, 'int');
  if (isGoMap(item)) return new GoInt(Object.keys(item).length, 'int');
  throw new FuncError(`len of type ${goTypeName(item)}`);
}

/** text/template's builtin slice (sprig's `slice` replaces it in Argo, kept for completeness). */
function goSlice(item0: GoValue, indexes: GoValue[]): GoValue {
  const item = ind(item0);
  if (item === undefined) throw new FuncError('slice of untyped nil');
  if (indexes.length > 3) throw new FuncError(`too many slice indexes: ${indexes.length}`);
  let len: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new FuncError('cannot 3-index slice a string');
    len = utf8Length(item);
  } else if (Array.isArray(item)) len = item.length;
  else throw new FuncError(`can't slice item of type ${goTypeName(item)}`);
  const idx = [0, len, len];
  indexes.forEach((ix, i) => (idx[i] = indexArg(ind(ix), len)));
  if (idx[0]! > idx[1]!) throw new FuncError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!)
    throw new FuncError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  return typeof item === 'string' ? byteSlice(item, idx[0]!, idx[1]!) : item.slice(idx[0], idx[1]);
}

/** evalArgs of html/js/urlquery: a lone string as is, otherwise Sprint with <no value> for nils. */
function evalArgs(args: GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === null || a === undefined ? '<no value>' : a)));
}

function htmlEscape(s: string): string {
  return s.replace(/['"&<>\0]/g, (c) => {
    switch (c) {
      case '"':
        return '&#34;';
      case "'":
        return '&#39;';
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      default:
        return '\uFFFD';
    }
  });
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '\\':
        out += '\\\\';
        continue;
      case "'":
        out += "\\'";
        continue;
      case '"':
        out += '\\"';
        continue;
      case '<':
        out += '\\u003C';
        continue;
      case '>':
        out += '\\u003E';
        continue;
      case '&':
        out += '\\u0026';
        continue;
      case '=':
        out += '\\u003D';
        continue;
    }
    if (c < 0x20) out += '\\u00' + c.toString(16).toUpperCase().padStart(2, '0');
    else if (c >= 0x80 && !isPrint(c)) out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    else out += ch;
  }
  return out;
}

/** url.QueryEscape. */
function queryEscape(s: string): string {
  let out = '';
  for (const b of utf8Encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

export const BUILTINS: FuncMap = {
  and: fn(['reflect'], () => undefined, 'reflect'),
  or: fn(['reflect'], () => undefined, 'reflect'),
  call: fn(['reflect'], () => undefined, 'reflect'),
  not: fn(['reflect'], ([v]) => {
    const x = ind(v);
    if (x === undefined) return true;
    switch (typeof x) {
      case 'boolean':
        return !x;
      case 'number':
        return x === 0;
      case 'string':
        return x.length === 0;
    }
    if (x instanceof GoInt) return x.v === 0;
    if (x instanceof GoTime) return false;
    if (Array.isArray(x)) return x.length === 0;
    return Object.keys(x as object).length === 0;
  }),
  len: fn(['reflect'], ([v]) => goLen(v)),
  index: fn(['reflect'], ([item, ...ixs]) => goIndex(item, ixs), 'reflect'),
  slice: fn(['reflect'], ([item, ...ixs]) => goSlice(item, ixs), 'reflect'),
  print: fn([], (args) => sprint(args), 'any'),
  printf: fn(['string'], ([f, ...args]) => sprintf(f as string, args), 'any'),
  println: fn([], (args) => sprintln(args), 'any'),
  html: fn([], (args) => htmlEscape(evalArgs(args)), 'any'),
  js: fn([], (args) => jsEscape(evalArgs(args)), 'any'),
  urlquery: fn([], (args) => queryEscape(evalArgs(args)), 'any'),
  eq: fn(['reflect'], ([a, ...rest]) => goEq(a, rest), 'reflect'),
  ne: fn(['reflect', 'reflect'], ([a, b]) => !goEq(a, [b])),
  lt: fn(['reflect', 'reflect'], ([a, b]) => goLt(a, b)),
  le: fn(['reflect', 'reflect'], ([a, b]) => goLe(a, b)),
  gt: fn(['reflect', 'reflect'], ([a, b]) => !goLe(a, b)),
  ge: fn(['reflect', 'reflect'], ([a, b]) => !goLt(a, b)),
};
