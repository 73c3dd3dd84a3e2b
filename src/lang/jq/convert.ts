// Conversions between JSON text, strings and numbers, as gojq performs them.

import { preview, toJson, typePreview } from './encode.js';
import { fail } from './runtime.js';

export function tojson(v: unknown): string {
  return toJson(v);
}

export function tostring(v: unknown): string {
  return typeof v === 'string' ? v : toJson(v);
}

// gojq accepts what its lexer reads as a number literal, with an optional sign; no spaces.
const NUMBER_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function tonumber(v: unknown): unknown {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (!NUMBER_TEXT.test(v)) fail(`tonumber cannot be applied to ${preview(v)}: invalid number`);
    return Number(v);
  }
  return fail(`tonumber cannot be applied to: ${typePreview(v)}`);
}

export function toboolean(v: unknown): unknown {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    if (v === 'true') return true;
    if (v === 'false') return false;
    return fail(`toboolean cannot be applied to ${preview(v)}: invalid boolean`);
  }
  return fail(`toboolean cannot be applied to: ${typePreview(v)}`);
}

/** Go's json.Decoder wording for the common failures. */
function fromjsonError(text: string, jsMessage: string): string {
  const trimmed = text.replace(/^[ \t\n\r]+/, '');
  if (trimmed === '') return `fromjson cannot be applied to ${preview(text)}: EOF`;
  // A complete value followed by more text: gojq reports a type error.
  if (/after JSON/.test(jsMessage)) return `fromjson cannot be applied to: ${typePreview(text)}`;
  const first = trimmed[0]!;
  if (!/[{["\-0-9tfn]/.test(first)) {
    return `fromjson cannot be applied to ${preview(text)}: invalid character '${first}' looking for beginning of value`;
  }
  return `fromjson cannot be applied to ${preview(text)}: ${jsMessage.replace(/^Unexpected/, 'unexpected')}`;
}

export function fromjson(v: unknown): unknown {
  if (typeof v !== 'string') return fail(`fromjson cannot be applied to: ${typePreview(v)}`);
  try {
    return JSON.parse(v);
  } catch (e) {
    return fail(fromjsonError(v, (e as Error).message));
  }
}
