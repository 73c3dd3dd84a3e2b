// `@name` string formats (and format("name")): @text @json @html @uri @urid @csv @tsv @sh
// @base64 @base64d, with gojq's escaping rules.

import { preview, toJson, typePreview } from './encode.js';
import { tostring } from './convert.js';
import { fail } from './runtime.js';
import { base64Decode, base64Encode, CorruptInputError } from '../go/base64.js';
import { utf8Decode, utf8Encode } from '../go/utf8.js';

type Format = (v: unknown) => string;

function html(v: unknown): string {
  return tostring(v).replace(/[<>&'"]/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === "'" ? '&apos;' : '&quot;',
  );
}

const URI_UNRESERVED = /[A-Za-z0-9\-_.~]/;

function uri(v: unknown): string {
  let out = '';
  for (const ch of tostring(v)) {
    if (URI_UNRESERVED.test(ch)) {
      out += ch;
      continue;
    }
    for (const b of utf8Encode(ch)) out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** Go's url.QueryUnescape after gojq turns '+' into a literal plus. */
function urid(v: unknown): string {
  const s = tostring(v);
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
        fail(
          `@urid cannot be applied to ${preview(v)}: invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`,
        );
      }
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...utf8Encode(s[i]! + (/[\uD800-\uDBFF]/.test(s[i]!) && i + 1 < s.length ? s[++i]! : '')));
    }
  }
  return utf8Decode(bytes);
}

function joinRow(name: string, v: unknown, sep: string, escape: (s: string) => string): string {
  if (!Array.isArray(v)) return fail(`@${name} cannot be applied to: ${typePreview(v)}`);
  return v
    .map((x) => {
      if (typeof x === 'string') return escape(x);
      if (typeof x === 'object' && x !== null)
        return fail(`@${name} cannot format an array including: ${typePreview(x)}`);
      const s = toJson(x);
      return s === 'null' && name !== 'sh' ? '' : s;
    })
    .join(sep);
}

function csv(v: unknown): string {
  return joinRow('csv', v, ',', (s) => '"' + s.replace(/"/g, '""').replace(/\0/g, '\\0') + '"');
}

function tsv(v: unknown): string {
  return joinRow('tsv', v, '\t', (s) =>
    s.replace(/[\t\r\n\\\0]/g, (c) =>
      c === '\t' ? '\\t' : c === '\r' ? '\\r' : c === '\n' ? '\\n' : c === '\\' ? '\\\\' : '\\0',
    ),
  );
}

function sh(v: unknown): string {
  return joinRow(
    'sh',
    Array.isArray(v) ? v : [v],
    ' ',
    (s) => "'" + s.replace(/'/g, "'\\''").replace(/\0/g, '\\0') + "'",
  );
}

function base64(v: unknown): string {
  return base64Encode(utf8Encode(tostring(v)));
}

function base64d(v: unknown): string {
  let s = tostring(v);
  const pad = s.indexOf('=');
  if (pad >= 0) s = s.slice(0, pad);
  // gojq cuts at the first '=' and decodes the rest with RawStdEncoding.
  try {
    return utf8Decode(base64Decode(utf8Encode(s), false));
  } catch (e) {
    if (e instanceof CorruptInputError)
      return fail(`@base64d cannot be applied to ${preview(v)}: ${e.message}`);
    throw e;
  }
}

const FORMATS: Record<string, Format> = {
  text: tostring,
  json: toJson,
  html,
  uri,
  urid,
  csv,
  tsv,
  sh,
  base64,
  base64d,
};

/** The format function for `@name`; unknown names fail when used, as in gojq. */
export function formatByName(name: string): Format {
  const f = Object.prototype.hasOwnProperty.call(FORMATS, name) ? FORMATS[name] : undefined;
  return f ?? (() => fail(`format not defined: @${name}`));
}

export function formatBuiltin(input: unknown, name: unknown): unknown {
  if (typeof name !== 'string') return fail(`format cannot be applied to: ${typePreview(name)}`);
  return formatByName(name)(input);
}
