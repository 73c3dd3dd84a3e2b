// sprig's string functions (strings.go plus goutils/xstrings helpers). Several of them work on
// UTF-8 bytes in Go (trunc, substr, abbrev, wrap, initials, nospace); they do here too.

import { FuncError } from '../../errors.js';
import { formatV, sprintf } from '../../fmt/print.js';
import { bytesAsLatin1Runes, isAscii, utf8Decode, utf8Encode, utf8Length } from '../../../go/utf8.js';
import { compareGoStrings } from '../../../go/compare-strings.js';
import { GoInt, mapSet, newMap, typedMap, typedSlice, type GoValue } from '../../values.js';
import { fn, type FuncMap } from '../types.js';
import { toKebabCase, toPascalCase, toSnakeCase } from './case-words.js';
import { strval } from './convert.js';
import { repeat, replaceAll, split, splitN, title, trimCutset, trimSpace } from './go-strings.js';
import { isLower, isSpace, isTitle, isUpper, mapRunes, toLower, toTitle, toUpper } from './unicode.js';

const S = (v: GoValue): string => v as string;
const I = (v: GoValue): number => (v as GoInt).v;

/** Go's s[start:end] on bytes, panicking with Go's runtime messages. */
function sliceBytes(s: string, start: number | undefined, end: number | undefined): string {
  const len = utf8Length(s);
  const lo = start ?? 0;
  const hi = end ?? len;
  if (end !== undefined && (hi > len || hi < 0)) {
    throw new FuncError(`runtime error: slice bounds out of range [:${hi}] with length ${len}`);
  }
  if (lo < 0 || lo > hi) throw new FuncError(`runtime error: slice bounds out of range [${lo}:${hi}]`);
  if (isAscii(s)) return s.slice(lo, hi);
  return utf8Decode(utf8Encode(s), lo, hi);
}

function abbreviateFull(str: string, offset0: number, maxWidth: number): string {
  if (str === '') return '';
  if (maxWidth < 4) return '';
  const len = utf8Length(str);
  if (len <= maxWidth) return str;
  let offset = Math.min(offset0, len);
  if (len - offset < maxWidth - 3) offset = len - (maxWidth - 3);
  const marker = '...';
  if (offset <= 4) return sliceBytes(str, 0, maxWidth - 3) + marker;
  if (maxWidth < 7) return '';
  if (offset + maxWidth - 3 < len)
    return marker + abbreviateFull(sliceBytes(str, offset, undefined), 0, maxWidth - 3);
  return marker + sliceBytes(str, len - (maxWidth - 3), len);
}

/** goutils.WrapCustom on bytes. */
function wrapCustom(str: string, wrapLength0: number, newLine0: string, wrapLongWords: boolean): string {
  if (str === '') return '';
  const newLine = newLine0 === '' ? '\n' : newLine0;
  const wrapLength = wrapLength0 < 1 ? 1 : wrapLength0;
  const b = utf8Encode(str);
  const len = b.length;
  const piece = (a: number, z: number): string => utf8Decode(b, a, z);
  const lastSpace = (a: number, z: number): number => {
    for (let i = Math.min(z, len) - 1; i >= a; i--) if (b[i] === 0x20) return i - a;
    return -1;
  };
  let offset = 0;
  let out = '';
  while (len - offset > wrapLength) {
    if (b[offset] === 0x20) {
      offset++;
      continue;
    }
    const end = wrapLength + offset + 1;
    let spaceToWrapAt = lastSpace(offset, end) + offset;
    if (spaceToWrapAt >= offset) {
      out += piece(offset, spaceToWrapAt) + newLine;
      offset = spaceToWrapAt + 1;
    } else if (wrapLongWords) {
      out += piece(offset, wrapLength + offset) + newLine;
      offset += wrapLength;
    } else {
      const e = wrapLength + offset;
      let index = -1;
      for (let i = e; i < len; i++) {
        if (b[i] === 0x20) {
          index = i - e;
          break;
        }
      }
      if (index === -1) {
        out += piece(offset, len);
        offset = len;
      } else {
        spaceToWrapAt = index + e;
        out += piece(offset, spaceToWrapAt) + newLine;
        offset = spaceToWrapAt + 1;
      }
    }
  }
  return out + piece(offset, len);
}

/** goutils.DeleteWhiteSpace: walks bytes, so non-ASCII text comes out as Latin-1 mojibake. */
function deleteWhiteSpace(str: string): string {
  if (str === '') return str;
  const bytes = bytesAsLatin1Runes(str);
  let out = '';
  for (const c of bytes) if (!isSpace(c.charCodeAt(0))) out += c;
  return out.length === bytes.length ? str : out;
}

/** goutils.Initials, also byte-wise. */
function initials(str: string): string {
  if (str === '') return str;
  let out = '';
  let lastWasGap = true;
  for (const c of bytesAsLatin1Runes(str)) {
    if (isSpace(c.charCodeAt(0))) lastWasGap = true;
    else if (lastWasGap) {
      out += c;
      lastWasGap = false;
    }
  }
  return out;
}

function uncapitalize(str: string): string {
  let next = true;
  return mapRunes(str, (r) => {
    if (isSpace(r)) {
      next = true;
      return r;
    }
    if (next) {
      next = false;
      return toLower(r);
    }
    return r;
  });
}

function swapCase(str: string): string {
  let whitespace = true;
  return mapRunes(str, (r) => {
    if (isUpper(r) || isTitle(r)) {
      whitespace = false;
      return toLower(r);
    }
    if (isLower(r)) {
      if (whitespace) {
        whitespace = false;
        return toTitle(r);
      }
      return toUpper(r);
    }
    whitespace = isSpace(r);
    return r;
  });
}

/** sprig's strslice: a list's non-nil elements as strings, or a single value as one string. */
function strslice(v: GoValue): string[] {
  if (Array.isArray(v)) return v.filter((e) => e !== null && e !== undefined).map(strval);
  if (v === null || v === undefined) return [];
  return [strval(v)];
}

function indexedMap(parts: string[]): GoValue {
  const m = typedMap(newMap(), 'map[string]string');
  parts.forEach((p, i) => mapSet(m, `_${i}`, p));
  return m;
}

function upper(s: string): string {
  return isAscii(s) ? s.toUpperCase() : mapRunes(s, toUpper);
}

function lower(s: string): string {
  return isAscii(s) ? s.toLowerCase() : mapRunes(s, toLower);
}

export const STRING_FUNCS: FuncMap = {
  hello: fn([], () => 'Hello!'),
  abbrev: fn(['int', 'string'], ([w, s]) => (I(w) < 4 ? S(s) : abbreviateFull(S(s), 0, I(w)))),
  abbrevboth: fn(['int', 'int', 'string'], ([l, r, s]) =>
    I(r) < 4 || (I(l) > 0 && I(r) < 7) ? S(s) : abbreviateFull(S(s), I(l), I(r)),
  ),
  trunc: fn(['int', 'string'], ([c, s]) => {
    const n = I(c);
    const len = utf8Length(S(s));
    if (n < 0 && len + n > 0) return sliceBytes(S(s), len + n, undefined);
    if (n >= 0 && len > n) return sliceBytes(S(s), 0, n);
    return S(s);
  }),
  trim: fn(['string'], ([s]) => trimSpace(S(s))),
  upper: fn(['string'], ([s]) => upper(S(s))),
  lower: fn(['string'], ([s]) => lower(S(s))),
  title: fn(['string'], ([s]) => title(S(s))),
  untitle: fn(['string'], ([s]) => uncapitalize(S(s))),
  substr: fn(['int', 'int', 'string'], ([a, b, s]) => {
    const start = I(a);
    const end = I(b);
    if (start < 0) return sliceBytes(S(s), undefined, end);
    if (end < 0 || end > utf8Length(S(s))) return sliceBytes(S(s), start, undefined);
    return sliceBytes(S(s), start, end);
  }),
  repeat: fn(['int', 'string'], ([n, s]) => repeat(S(s), I(n))),
  trimall: fn(['string', 'string'], ([a, b]) => trimCutset(S(b), S(a))),
  trimAll: fn(['string', 'string'], ([a, b]) => trimCutset(S(b), S(a))),
  trimSuffix: fn(['string', 'string'], ([a, b]) =>
    S(b).endsWith(S(a)) ? S(b).slice(0, S(b).length - S(a).length) : S(b),
  ),
  trimPrefix: fn(['string', 'string'], ([a, b]) => (S(b).startsWith(S(a)) ? S(b).slice(S(a).length) : S(b))),
  nospace: fn(['string'], ([s]) => deleteWhiteSpace(S(s))),
  initials: fn(['string'], ([s]) => initials(S(s))),
  swapcase: fn(['string'], ([s]) => swapCase(S(s))),
  snakecase: fn(['string'], ([s]) => toSnakeCase(S(s))),
  camelcase: fn(['string'], ([s]) => toPascalCase(S(s))),
  kebabcase: fn(['string'], ([s]) => toKebabCase(S(s))),
  wrap: fn(['int', 'string'], ([l, s]) => wrapCustom(S(s), I(l), '', false)),
  wrapWith: fn(['int', 'string', 'string'], ([l, sep, s]) => wrapCustom(S(s), I(l), S(sep), true)),
  contains: fn(['string', 'string'], ([sub, s]) => S(s).includes(S(sub))),
  hasPrefix: fn(['string', 'string'], ([p, s]) => S(s).startsWith(S(p))),
  hasSuffix: fn(['string', 'string'], ([p, s]) => S(s).endsWith(S(p))),
  quote: fn(
    [],
    (args) =>
      args
        .filter((a) => a !== null && a !== undefined)
        .map((a) => sprintf('%q', [strval(a)]))
        .join(' '),
    'any',
  ),
  squote: fn(
    [],
    (args) =>
      args
        .filter((a) => a !== null && a !== undefined)
        .map((a) => `'${formatV(a)}'`)
        .join(' '),
    'any',
  ),
  cat: fn(
    [],
    (args) =>
      args
        .filter((a) => a !== null && a !== undefined)
        .map((a) => formatV(a))
        .join(' '),
    'any',
  ),
  indent: fn(['int', 'string'], ([n, v]) => {
    const pad = repeat(' ', I(n));
    return (
      pad +
      S(v)
        .split('\n')
        .join('\n' + pad)
    );
  }),
  nindent: fn(['int', 'string'], ([n, v]) => {
    const pad = repeat(' ', I(n));
    return (
      '\n' +
      pad +
      S(v)
        .split('\n')
        .join('\n' + pad)
    );
  }),
  replace: fn(['string', 'string', 'string'], ([o, n, s]) => replaceAll(S(s), S(o), S(n))),
  plural: fn(['string', 'string', 'int'], ([one, many, c]) => (I(c) === 1 ? S(one) : S(many))),
  toString: fn(['any'], ([v]) => strval(v)),
  split: fn(['string', 'string'], ([sep, s]) => indexedMap(split(S(s), S(sep)))),
  splitList: fn(['string', 'string'], ([sep, s]) => typedSlice(split(S(s), S(sep)), '[]string')),
  splitn: fn(['string', 'int', 'string'], ([sep, n, s]) => indexedMap(splitN(S(s), S(sep), I(n)))),
  toStrings: fn(['any'], ([v]) => typedSlice(strslice(v), '[]string')),
  join: fn(['string', 'any'], ([sep, v]) => strslice(v).join(S(sep))),
  sortAlpha: fn(['any'], ([v]) => {
    if (Array.isArray(v)) return typedSlice(strslice(v).sort(compareGoStrings), '[]string');
    return typedSlice([strval(v)], '[]string');
  }),
};
