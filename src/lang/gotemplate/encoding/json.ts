// encoding/json as sprig uses it: Marshal (sorted keys, HTML-safe escaping unless raw,
// Go's float format), MarshalIndent, and Unmarshal into interface{} values.

import { formatFloat } from '../../go/format-float.js';
import { goJsonNumber, goJsonQuote } from '../../go/json-text.js';
import { goJsonSyntaxError } from './json-syntax.js';
import { GoTime } from '../time/go-time.js';
import { formatTime } from '../time/layout.js';
import { GoInt, isGoMap, isNilSlice, mapGet, sortedKeys, type GoValue } from '../values.js';

export class JsonError extends Error {}

/** json.Marshal; `indent` gives MarshalIndent(v, "", indent). */
export function marshalJson(v: GoValue, escapeHTML: boolean, indent = ''): string {
  const enc = (x: GoValue, prefix: string): string => {
    if (x === undefined || x === null) return 'null';
    switch (typeof x) {
      case 'string':
        return goJsonQuote(x, escapeHTML);
      case 'number':
        if (!Number.isFinite(x)) throw new JsonError(`json: unsupported value: ${formatFloat(x, 'g', -1)}`);
        return goJsonNumber(x);
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
      return goJsonQuote(formatTime(x, '2006-01-02T15:04:05.999999999Z07:00'), escapeHTML);
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
        keys.map((k) => inner + goJsonQuote(k, escapeHTML) + sep + enc(mapGet(x, k), inner)).join(',' + nl) +
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
