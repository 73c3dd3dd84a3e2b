// encoding/json Marshal / MarshalIndent output: sorted map keys, <, > and & escaped as \u003c
// \u003e \u0026, ints printed as ints.

import { compareGoStrings } from '../go/compare-strings.js';
import { goJsonNumber, goJsonQuote } from '../go/json-text.js';

export class JsonMarshalError extends Error {}

export function goJsonMarshal(v: unknown, indent = ''): string {
  return write(v, indent, '');
}

function write(v: unknown, indent: string, prefix: string): string {
  switch (typeof v) {
    case 'string':
      return goJsonQuote(v, true);
    case 'bigint':
      return v.toString();
    case 'number':
      if (!Number.isFinite(v)) throw new JsonMarshalError(`json: unsupported value: ${v}`);
      return goJsonNumber(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return 'null';
    case 'function':
      throw new JsonMarshalError('json: unsupported type: func()');
    case 'object': {
      if (v === null) return 'null';
      const inner = prefix + indent;
      const sep = indent ? `,\n${inner}` : ',';
      const open = (o: string): string => (indent ? `${o}\n${inner}` : o);
      const close = (c: string): string => (indent ? `\n${prefix}${c}` : c);
      if (Array.isArray(v)) {
        if (v.length === 0) return '[]';
        return open('[') + v.map((x) => write(x, indent, inner)).join(sep) + close(']');
      }
      const record = v as Record<string, unknown>;
      const keys = Object.keys(record).sort(compareGoStrings);
      if (keys.length === 0) return '{}';
      const colon = indent ? ': ' : ':';
      return (
        open('{') +
        keys.map((k) => goJsonQuote(k, true) + colon + write(record[k], indent, inner)).join(sep) +
        close('}')
      );
    }
    default:
      throw new JsonMarshalError(`json: unsupported type: ${typeof v}`);
  }
}
