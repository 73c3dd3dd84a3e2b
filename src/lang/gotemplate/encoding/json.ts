// encoding/json as sprig uses it: Marshal (sorted keys, HTML-safe escaping unless raw,
// Go's float format), MarshalIndent, and Unmarshal into interface{} values.

import { formatFloat } from '../fmt/ftoa.js';
import { goJsonSyntaxError } from './json-syntax.js';
import { GoTime } from '../time/go-time.js';
import { formatTime } from '../time/layout.js';
import { GoInt, isGoMap, isNilSlice, mapGet, sortedKeys, type GoValue } from '../values.js';

export class JsonError extends Error {}

function hex4(c: number): string {
  return '\\u' + c.toString(16).padStart(4, '0');
}

export function jsonQuote(s: string, escapeHTML: boolean): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c < 0x20) {
      switch (c) {
        case 8:
          rep = '\\b';
          break;
        case 9:
          rep = '\\t';
          break;
        case 10:
          rep = '\\n';
          break;
        case 12:
          rep = '\\f';
          break;
        case 13:
          rep = '\\r';
          break;
        default:
          rep = hex4(c);
      }
    } else if (c === 0x22) rep = '\\"';
    else if (c === 0x5c) rep = '\\\\';
    else if (escapeHTML && (c === 0x3c || c === 0x3e || c === 0x26)) rep = hex4(c);
    else if (c === 0x2028 || c === 0x2029) rep = hex4(c);
    else if (c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      rep = '\\ufffd';
    }
    if (rep !== undefined) {
      out += s.slice(start, i) + rep;
      start = i + 1;
    }
  }
  return out + s.slice(start) + '"';
}

function jsonFloat(f: number): string {
  if (!Number.isFinite(f)) throw new JsonError(`json: unsupported value: ${formatFloat(f, 'g', -1)}`);
  const abs = Math.abs(f);
  let fmt = 'f';
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) fmt = 'e';
  let s = formatFloat(f, fmt, -1);
  if (fmt === 'e') s = s.replace(/e-0(\d)$/, 'e-$1');
  return s;
}

/** json.Marshal; `indent` gives MarshalIndent(v, "", indent). */
export function marshalJson(v: GoValue, escapeHTML: boolean, indent = ''): string {
  const enc = (x: GoValue, prefix: string): string => {
    if (x === undefined || x === null) return 'null';
    switch (typeof x) {
      case 'string':
        return jsonQuote(x, escapeHTML);
      case 'number':
        return jsonFloat(x);
      case 'boolean':
        return x ? 'true' : 'false';
    }
    if (x instanceof GoInt) return String(x.v);
    if (x instanceof GoTime) {
      const y = x.civil().year;
      if (y < 0 || y > 9999)
        throw new JsonError(
          'json: error calling MarshalJSON for type time.Time: Time.MarshalJSON: year outside of range [0,9999]',
        );
      return jsonQuote(formatTime(x, '2006-01-02T15:04:05.999999999Z07:00'), escapeHTML);
    }
    const inner = prefix + indent;
    const nl = indent ? '\n' : '';
    if (Array.isArray(x)) {
      if (isNilSlice(x)) return 'null';
      if (x.length === 0) return '[]';
      return '[' + nl + x.map((e) => inner + enc(e, inner)).join(',' + nl) + nl + prefix + ']';
    }
    if (isGoMap(x)) {
      const keys = sortedKeys(x);
      if (keys.length === 0) return '{}';
      const sep = indent ? ': ' : ':';
      return (
        '{' +
        nl +
        keys.map((k) => inner + jsonQuote(k, escapeHTML) + sep + enc(mapGet(x, k), inner)).join(',' + nl) +
        nl +
        prefix +
        '}'
      );
    }
    return 'null';
  };
  return enc(v, '');
}

/** json.Unmarshal into interface{}: numbers become float64, objects map[string]interface{}. */
export function unmarshalJson(s: string): GoValue {
  try {
    return JSON.parse(s) as GoValue;
  } catch {
    throw new JsonError(goJsonSyntaxError(s) || 'invalid JSON');
  }
}
