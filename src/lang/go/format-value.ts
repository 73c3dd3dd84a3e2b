// Go's fmt "%v" rendering of JSON-like values. Both govaluate (string `+` concatenation, error
// messages) and expr-lang (`string()`) print values this way, and users see the result.
// (text/template's fmt, over its richer Go value model, is gotemplate/fmt/print.ts.)

import { compareGoStrings } from './compare-strings.js';
import { formatFloatV } from './format-float.js';

/** Values a Go library would hold as interface{}: JSON values, plus bigint for Go ints. */
export function formatGoValue(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return formatFloatV(v);
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return '<nil>';
    case 'function':
      return '<func>';
    case 'object': {
      if (v === null) return '<nil>';
      if (Array.isArray(v)) return `[${v.map(formatGoValue).join(' ')}]`;
      if (v instanceof RegExp) return v.source;
      const record = v as Record<string, unknown>;
      // fmt prints map entries sorted by key.
      const keys = Object.keys(record).sort(compareGoStrings);
      return `map[${keys.map((k) => `${k}:${formatGoValue(record[k])}`).join(' ')}]`;
    }
    default:
      return String(v);
  }
}
