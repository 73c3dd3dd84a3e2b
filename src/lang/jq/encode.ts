// gojq's JSON encoding (tojson, tostring, string interpolation, error previews): sorted object
// keys, NaN as null, infinities clamped to ±MaxFloat64, "\u007f" escaped, `<>&` left alone.
// With `escapeHtml` it instead matches Go's encoding/json Marshal, which Argo applies to the
// transform result (it escapes <, >, & and U+2028/U+2029).

import { goJsonNumber, goJsonQuote } from '../go/json-text.js';
import { utf8Length } from '../go/utf8.js';
import { MAX_NESTING, nestingError } from './errors.js';
import { isObject, sortedKeys, type JqObject } from './values.js';

const MAX_FLOAT64 = 1.7976931348623157e308;

function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'null';
  if (n > MAX_FLOAT64) n = MAX_FLOAT64;
  else if (n < -MAX_FLOAT64) n = -MAX_FLOAT64;
  return goJsonNumber(n);
}

const HEX = '0123456789abcdef';

// Characters gojq escapes; most strings have none and skip the loop.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NEEDS_ESCAPE = new RegExp('[\\u0000-\\u001f"\\\\\\u007f\\ud800-\\udfff]');

function encodeString(s: string, escapeHtml = false): string {
  if (escapeHtml) return goJsonQuote(s, true);
  if (!NEEDS_ESCAPE.test(s)) return '"' + s + '"';
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | null = null;
    if (c < 0x20 || c === 0x22 || c === 0x5c || c === 0x7f) {
      switch (c) {
        case 0x22:
          rep = '\\"';
          break;
        case 0x5c:
          rep = '\\\\';
          break;
        case 0x08:
          rep = '\\b';
          break;
        case 0x0c:
          rep = '\\f';
          break;
        case 0x0a:
          rep = '\\n';
          break;
        case 0x0d:
          rep = '\\r';
          break;
        case 0x09:
          rep = '\\t';
          break;
        default:
          // gojq escapes DEL, which Go's encoding/json leaves raw.
          rep = '\\u00' + HEX[c >> 4]! + HEX[c & 0xf]!;
      }
    } else if (c >= 0xd800 && c <= 0xdfff) {
      // Lone surrogates cannot come from Go strings; encode them as Go would encode bad UTF-8.
      const pair = c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (pair) {
        i++;
        continue;
      }
      rep = '\\ufffd';
    }
    if (rep !== null) {
      out += s.slice(start, i) + rep;
      start = i + 1;
    }
  }
  return out + s.slice(start) + '"';
}

export interface EncodeOptions {
  /** Match Go's json.Marshal (what Argo uses for the final event payload) instead of gojq's tojson. */
  escapeHtml?: boolean;
}

/** Compact JSON text with gojq's formatting rules. */
export function toJson(v: unknown, opts: EncodeOptions = {}): string {
  return write(v, opts.escapeHtml === true, 0);
}

function write(v: unknown, html: boolean, depth: number): string {
  if (depth > MAX_NESTING) throw nestingError();
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return formatNumber(v);
    case 'string':
      return encodeString(v, html);
    default:
      break;
  }
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i > 0 ? ',' : '') + write(v[i], html, depth + 1);
    return out + ']';
  }
  if (!isObject(v)) return 'null';
  const keys = sortedKeys(v as JqObject);
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    out += (i > 0 ? ',' : '') + encodeString(k, html) + ':' + write((v as JqObject)[k], html, depth + 1);
  }
  return out + '}';
}

/** Like write, but stops descending once `budget` characters exist (for previews of huge values). */
function writeLimited(v: unknown, budget: number): string {
  if (typeof v !== 'object' || v === null) return write(v, false, 0);
  const open = Array.isArray(v) ? '[' : '{';
  let out = open;
  const entries: [string | null, unknown][] = Array.isArray(v)
    ? v.map((x) => [null, x])
    : sortedKeys(v as JqObject).map((k) => [k, (v as JqObject)[k]]);
  for (let i = 0; i < entries.length && out.length < budget; i++) {
    const [k, x] = entries[i]!;
    out +=
      (i > 0 ? ',' : '') + (k === null ? '' : encodeString(k) + ':') + writeLimited(x, budget - out.length);
  }
  return out + (open === '[' ? ']' : '}');
}

/** gojq's Preview: the JSON text cut to 30 UTF-8 bytes with a type-specific trailer. */
export function preview(v: unknown): string {
  let text = writeLimited(v, 64);
  if (utf8Length(text) <= 30) return text;
  text = text.slice(0, 40);
  const trailer =
    typeof v === 'string' ? ' ..."' : Array.isArray(v) ? ' ...]' : isObject(v) ? ' ...}' : ' ...';
  const limit = 30 - trailer.length;
  // Trim whole code points until the UTF-8 length fits.
  const cps = Array.from(text);
  while (cps.length > 0 && utf8Length(cps.join('')) > limit) cps.pop();
  text = cps.join('');
  return text + trailer;
}

/** gojq's typeErrorPreview: `number (1)`, `string ("a")`, or just `null`. */
export function typePreview(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  const t =
    typeof v === 'boolean'
      ? 'boolean'
      : typeof v === 'number'
        ? 'number'
        : typeof v === 'string'
          ? 'string'
          : Array.isArray(v)
            ? 'array'
            : 'object';
  return `${t} (${preview(v)})`;
}
