// encoding/json Marshal / MarshalIndent output: sorted map keys, <, > and & escaped as \u003c
// \u003e \u0026, ints printed as ints. JS number formatting already matches Go's float encoding.

import { compareGoStrings } from '../govaluate/go-format.js';

export class JsonMarshalError extends Error {}

function quote(s: string): string {
  return JSON.stringify(s).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function goJsonMarshal(v: unknown, indent = ''): string {
  return write(v, indent, '');
}

function write(v: unknown, indent: string, prefix: string): string {
  switch (typeof v) {
    case 'string':
      return quote(v);
    case 'bigint':
      return v.toString();
    case 'number':
      if (!Number.isFinite(v)) throw new JsonMarshalError(`json: unsupported value: ${v}`);
      return JSON.stringify(v);
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
        open('{') + keys.map((k) => quote(k) + colon + write(record[k], indent, inner)).join(sep) + close('}')
      );
    }
    default:
      throw new JsonMarshalError(`json: unsupported type: ${typeof v}`);
  }
}
