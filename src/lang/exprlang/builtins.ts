// expr's builtin functions other than the closure-taking ones (all, map, filter... live in the
// compiler). Each receives evaluated arguments and a `fail` that reports a runtime error at the
// call. Behaviour follows Go: strings are UTF-8 (indexOf counts bytes), ints are bigints.

import { compareGoStrings } from '../go/compare-strings.js';
import { formatGoValue } from '../go/format-value.js';
import { base64Decode, base64Encode, CorruptInputError } from '../go/base64.js';
import { parseGoFloat, parseGoInt } from '../go/parse-number.js';
import { utf8Decode, utf8Encode, utf8OffsetOf } from '../go/utf8.js';
import { goJsonMarshal, JsonMarshalError } from './go-json.js';
import { asString, compare, fetch, floatToInt, goType, isMap, isNil, type Fail, toInt } from './values.js';

export type Builtin = (args: unknown[], fail: Fail) => unknown;

const MAX_REPEAT = 1e6;

const isGoSpace = (c: string): boolean => /^\p{White_Space}$/u.test(c);

/** Go's simple (one rune to one rune) case mapping: multi-rune results leave the rune as is. */
function mapRunes(s: string, f: (c: string) => string): string {
  let out = '';
  for (const c of s) {
    const m = f(c);
    out += Array.from(m).length === 1 ? m : c;
  }
  return out;
}

function trimRunes(s: string, drop: (c: string) => boolean, left: boolean, right: boolean): string {
  const chars = Array.from(s);
  let a = 0;
  let b = chars.length;
  while (left && a < b && drop(chars[a]!)) a++;
  while (right && b > a && drop(chars[b - 1]!)) b--;
  return chars.slice(a, b).join('');
}

/** strings.SplitN / SplitAfterN: n < 0 all pieces, n == 0 none, n > 0 at most n. */
function splitGo(s: string, sep: string, n: number, keepSep: boolean): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const chars = Array.from(s);
    if (n < 0 || n >= chars.length) return chars;
    return [...chars.slice(0, n - 1), chars.slice(n - 1).join('')];
  }
  const out: string[] = [];
  let rest = s;
  while (n < 0 || out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i + (keepSep ? sep.length : 0)));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

/** strings.Replace: n < 0 replaces all; an empty `old` matches before every rune and at the end. */
function replaceGo(s: string, old: string, replacement: string, n: number): string {
  if (n === 0 || old === replacement) return s;
  if (old === '') {
    const chars = Array.from(s);
    let out = '';
    let count = 0;
    for (let i = 0; i <= chars.length; i++) {
      if (n < 0 || count < n) {
        out += replacement;
        count++;
      }
      if (i < chars.length) out += chars[i];
    }
    return out;
  }
  if (n < 0) return s.split(old).join(replacement);
  let out = '';
  let rest = s;
  for (let count = 0; count < n; count++) {
    const i = rest.indexOf(old);
    if (i < 0) break;
    out += rest.slice(0, i) + replacement;
    rest = rest.slice(i + old.length);
  }
  return out + rest;
}

function goRound(f: number): number {
  // math.Round: halves away from zero (Math.round rounds them up).
  return f < 0 ? -Math.round(-f) : Math.round(f);
}

function needArray(v: unknown, fail: Fail, what: string): unknown[] {
  if (Array.isArray(v)) return v;
  return fail(`cannot ${what} ${isNil(v) ? 'invalid' : goKind(v)}`);
}

/** reflect.Kind names, which some builtin errors print. */
function goKind(v: unknown): string {
  const t = goType(v);
  return t.startsWith('[]') ? 'slice' : t.startsWith('map[') ? 'map' : t;
}

function numericFold(
  values: unknown[],
  fail: Fail,
  what: string,
): { ints: bigint; floats: number; sawFloat: boolean } {
  let ints = 0n;
  let floats = 0;
  let sawFloat = false;
  for (const v of values) {
    if (typeof v === 'bigint') ints += v;
    else if (typeof v === 'number') {
      floats += v;
      sawFloat = true;
    } else fail(`cannot ${what} ${isNil(v) ? 'invalid' : goKind(v)}`);
  }
  return { ints, floats, sawFloat };
}

function sortDirection(arg: unknown, fail: Fail): boolean {
  if (typeof arg !== 'string') return fail(`invalid argument for sort (expected string, got ${goType(arg)})`);
  if (arg === 'desc') return true;
  if (arg === 'asc') return false;
  return fail(`invalid argument for sort (expected "asc" or "desc", got ${JSON.stringify(arg)})`);
}

function sortValues(items: unknown[], keys: unknown[], desc: boolean, fail: Fail): unknown[] {
  const kinds = new Set(keys.map(goType));
  if (kinds.size > 1) {
    const [a, b] = [...kinds];
    return fail(`cannot sort array of different types (${b} and ${a})`);
  }
  const kind = [...kinds][0];
  if (kind !== undefined && kind !== 'int' && kind !== 'float64' && kind !== 'string') {
    return fail(`sort: unsupported type ${kind}`);
  }
  const order = items.map((_, i) => i);
  // Stable, so ties keep their input order (Go's sort.Sort may order ties differently).
  order.sort((i, j) => {
    const a = keys[i];
    const b = keys[j];
    const c = typeof a === 'string' ? compareGoStrings(a, b as string) : a! < b! ? -1 : a! > b! ? 1 : 0;
    return desc ? -c : c;
  });
  return order.map((i) => items[i]);
}

function mapEntries(v: unknown, fail: Fail, message: string): [string, unknown][] {
  if (!isMap(v)) return fail(`${message} ${isNil(v) ? 'invalid' : goKind(v)}`);
  // Go iterates maps in random order; sorted keys keep results deterministic.
  return Object.keys(v)
    .sort(compareGoStrings)
    .map((k) => [k, v[k]]);
}

export const BUILTINS: Record<string, Builtin> = {
  type: ([v]) => {
    if (isNil(v)) return 'nil';
    const t = goType(v);
    return t === 'float64'
      ? 'float'
      : t.startsWith('[]')
        ? 'array'
        : t.startsWith('map[')
          ? 'map'
          : t.startsWith('func')
            ? 'func'
            : t;
  },
  abs: ([v], fail) => {
    if (typeof v === 'bigint') return v < 0n ? -v : v;
    if (typeof v === 'number') return v < 0 ? -v : v;
    return fail(`invalid argument for abs (type ${goType(v)})`);
  },
  ceil: ([v], fail) => roundWith(v, Math.ceil, 'ceil', fail),
  floor: ([v], fail) => roundWith(v, Math.floor, 'floor', fail),
  round: ([v], fail) => roundWith(v, goRound, 'round', fail),
  int: ([v], fail) => {
    if (typeof v === 'bigint') return v;
    if (typeof v === 'number') return floatToInt(v);
    if (typeof v === 'string') {
      // strconv.Atoi: base 10, no underscores, within int64.
      const r = parseGoInt(v, 10);
      return r.ok ? r.value : fail(`invalid operation: int(${v})`);
    }
    return fail(`invalid operation: int(${goType(v)})`);
  },
  float: ([v], fail) => {
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'string') {
      const r = parseGoFloat(v);
      return r.ok ? r.value : fail(`invalid operation: float(${v})`);
    }
    return fail(`invalid operation: float(${goType(v)})`);
  },
  string: ([v]) => formatGoValue(v),
  trim: (args, fail) => {
    const s = asString(args[0], fail);
    if (args.length === 1) return trimRunes(s, isGoSpace, true, true);
    const cutset = Array.from(asString(args[1], fail));
    return trimRunes(s, (c) => cutset.includes(c), true, true);
  },
  trimPrefix: (args, fail) => {
    const s = asString(args[0], fail);
    const p = args.length === 2 ? asString(args[1], fail) : ' ';
    return s.startsWith(p) ? s.slice(p.length) : s;
  },
  trimSuffix: (args, fail) => {
    const s = asString(args[0], fail);
    const p = args.length === 2 ? asString(args[1], fail) : ' ';
    return p !== '' && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
  },
  upper: ([v], fail) => mapRunes(asString(v, fail), (c) => c.toUpperCase()),
  lower: ([v], fail) => mapRunes(asString(v, fail), (c) => c.toLowerCase()),
  split: (args, fail) =>
    splitGo(
      asString(args[0], fail),
      asString(args[1], fail),
      args.length === 3 ? Number(toInt(args[2], fail)) : -1,
      false,
    ),
  splitAfter: (args, fail) =>
    splitGo(
      asString(args[0], fail),
      asString(args[1], fail),
      args.length === 3 ? Number(toInt(args[2], fail)) : -1,
      true,
    ),
  replace: (args, fail) =>
    replaceGo(
      asString(args[0], fail),
      asString(args[1], fail),
      asString(args[2], fail),
      args.length === 4 ? Number(toInt(args[3], fail)) : -1,
    ),
  repeat: (args, fail) => {
    const s = asString(args[0], fail);
    const n = Number(toInt(args[1], fail));
    if (n > MAX_REPEAT || s.length * n > 64 * MAX_REPEAT) return fail('memory budget exceeded');
    if (n < 0) return fail('strings: negative Repeat count');
    return s.repeat(n);
  },
  join: (args, fail) => {
    const glue = args.length === 2 ? asString(args[1], fail) : '';
    if (!Array.isArray(args[0])) return fail(`invalid argument for join (type ${goType(args[0])})`);
    return args[0].map((x) => asString(x, fail)).join(glue);
  },
  indexOf: (args, fail) => {
    const s = asString(args[0], fail);
    const i = s.indexOf(asString(args[1], fail));
    return BigInt(i < 0 ? -1 : utf8OffsetOf(s, i));
  },
  lastIndexOf: (args, fail) => {
    const s = asString(args[0], fail);
    const i = s.lastIndexOf(asString(args[1], fail));
    return BigInt(i < 0 ? -1 : utf8OffsetOf(s, i));
  },
  hasPrefix: (args, fail) => asString(args[0], fail).startsWith(asString(args[1], fail)),
  hasSuffix: (args, fail) => asString(args[0], fail).endsWith(asString(args[1], fail)),
  max: (args, fail) => {
    let best: unknown = null;
    for (const a of args) if (isNil(best) || compare(best, a, '<', fail) < 0) best = a;
    return best;
  },
  min: (args, fail) => {
    let best: unknown = null;
    for (const a of args) if (isNil(best) || compare(best, a, '>', fail) > 0) best = a;
    return best;
  },
  sum: ([v], fail) => {
    const { ints, floats, sawFloat } = numericFold(needArray(v, fail, 'sum'), fail, 'sum');
    return sawFloat ? Number(ints) + floats : BigInt.asIntN(64, ints);
  },
  mean: ([v], fail) => {
    const items = needArray(v, fail, 'mean');
    if (items.length === 0) return 0;
    const { ints, floats } = numericFold(items, fail, 'mean');
    return (Number(ints) + floats) / items.length;
  },
  median: ([v], fail) => {
    const items = needArray(v, fail, 'median');
    if (items.length === 0) return 0;
    numericFold(items, fail, 'median');
    const s = items.map(Number).sort((a, b) => a - b);
    const mid = s.length >> 1;
    return s.length % 2 === 0 ? (s[mid - 1]! + s[mid]!) / 2 : s[mid]!;
  },
  toJSON: ([v], fail) => {
    try {
      return goJsonMarshal(v, '  ');
    } catch (e) {
      return fail(e instanceof JsonMarshalError ? e.message : String(e));
    }
  },
  fromJSON: ([v], fail) => {
    try {
      return JSON.parse(asString(v, fail)) as unknown;
    } catch (e) {
      return fail(e instanceof Error ? e.message : String(e));
    }
  },
  toBase64: ([v], fail) => base64Encode(utf8Encode(asString(v, fail))),
  fromBase64: ([v], fail) => {
    try {
      return utf8Decode(base64Decode(utf8Encode(asString(v, fail))));
    } catch (e) {
      return fail(e instanceof CorruptInputError ? e.message : String(e));
    }
  },
  // first, last and get answer nil instead of failing.
  first: ([v]) => quietly(() => fetch(v, 0n, panic)),
  last: ([v]) => quietly(() => fetch(v, -1n, panic)),
  get: ([v, key]) => quietly(() => fetch(v, key, panic)),
  take: ([v, n], fail) => {
    const items = needArray(v, fail, 'take from');
    if (typeof n !== 'bigint') return fail(`cannot take ${isNil(n) ? 'invalid' : goKind(n)} elements`);
    if (n > BigInt(items.length)) return items;
    return items.slice(0, Math.max(0, Number(n)));
  },
  keys: ([v], fail) => mapEntries(v, fail, 'cannot get keys from').map(([k]) => k),
  values: ([v], fail) => mapEntries(v, fail, 'cannot get values from').map(([, x]) => x),
  toPairs: ([v], fail) => mapEntries(v, fail, 'cannot transform').map(([k, x]) => [k, x]),
  fromPairs: ([v], fail) => {
    if (!Array.isArray(v)) return fail(`cannot transform ${formatGoValue(v)} from pairs`);
    const out: Record<string, unknown> = {};
    for (const pair of v) {
      if (!Array.isArray(pair)) return fail(`invalid pair ${formatGoValue(pair)}`);
      if (pair.length !== 2) return fail(`invalid pair length ${formatGoValue(pair)}`);
      out[typeof pair[0] === 'string' ? pair[0] : formatGoValue(pair[0])] = pair[1];
    }
    return out;
  },
  sort: (args, fail) => {
    const items = needArray(args[0], fail, 'sort');
    const desc = args.length === 2 ? sortDirection(args[1], fail) : false;
    return sortValues(items, items, desc, fail);
  },
  sortBy: (args, fail) => {
    const items = needArray(args[0], fail, 'sort');
    const field = args[1];
    if (typeof field !== 'string')
      return fail(`invalid argument for sort (expected string, got ${goType(field)})`);
    const desc = args.length === 3 ? sortDirection(args[2], fail) : false;
    const keys = items.map((it) => (isMap(it) ? it[field] : it));
    return sortValues(items, keys, desc, fail);
  },
};

function roundWith(v: unknown, f: (x: number) => number, name: string, fail: Fail): number {
  if (typeof v === 'number') return f(v);
  if (typeof v === 'bigint') return Number(v);
  return fail(`invalid argument for ${name} (type ${goType(v)})`);
}

class QuietFailure extends Error {}

const panic: Fail = () => {
  throw new QuietFailure();
};

function quietly(f: () => unknown): unknown {
  try {
    return f();
  } catch (e) {
    if (e instanceof QuietFailure) return null;
    throw e;
  }
}
