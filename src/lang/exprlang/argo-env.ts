// The environment Argo Events gives an EventSource filter expression (pkg/eventsources's
// filterEvent and pkg/shared/expr): the JSON payload's top-level keys with '-' replaced by '_',
// keys containing '.' expanded into nested maps (a less specific key loses to a more specific
// one), plus the helper functions asInt, asFloat and toJson. Argo also offers `sprig` (a map of
// sprig functions) and `jsonpath`; pass implementations in `extra` to provide them.

import { BUILTINS } from './builtins.js';
import { ExprLangError } from './errors.js';
import { goJsonMarshal } from './go-json.js';
import { compileExprLang } from './program.js';
import { formatGoValue } from '../go/format-value.js';

class HelperFailure extends Error {}

const fail = (message: string): never => {
  throw new HelperFailure(message);
};

export function argoEventSourceEnv(
  payload: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const renamed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) renamed[key.replace(/-/g, '_')] = value;
  const env = expandDottedKeys(removeShadowedParents(renamed));
  env['asInt'] = (v: unknown) => BUILTINS['int']!([v], fail);
  env['asFloat'] = (v: unknown) => BUILTINS['float']!([v], fail);
  env['toJson'] = (v: unknown) => {
    try {
      return goJsonMarshal(v);
    } catch {
      return '';
    }
  };
  return Object.assign(env, extra);
}

/** {"a.b": 1, "a": 2}: the parent "a" is dropped, as Argo's removeConflicts does. */
function removeShadowedParents(m: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(m).sort();
  const out = { ...m };
  for (let i = 0; i + 1 < keys.length; i++) {
    if (keys[i + 1]!.startsWith(`${keys[i]}.`)) delete out[keys[i]!];
  }
  return out;
}

/** bellows.Expand: {"a.b.c": 1} becomes {"a": {"b": {"c": 1}}}. */
function expandDottedKeys(m: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const p = prefix === '' ? '' : `${prefix}.`;
  for (const [k, v] of Object.entries(m)) {
    if (!k.startsWith(p)) continue;
    let key = k.slice(p.length);
    const dot = key.indexOf('.');
    if (dot >= 0) key = key.slice(0, dot);
    if (Object.hasOwn(out, key)) continue;
    out[key] = dot < 0 ? v : expandDottedKeys(m, k.slice(0, p.length + key.length));
  }
  return out;
}

/**
 * Argo's EventSource filter: evaluate `expression` over the event payload and demand a bool.
 * Throws ExprLangError when the expression fails or does not produce a bool.
 */
export function evalArgoEventSourceFilter(
  expression: string,
  payload: Record<string, unknown>,
  extra?: Record<string, unknown>,
): boolean {
  const result = compileExprLang(expression).evaluate(argoEventSourceEnv(payload, extra));
  if (typeof result !== 'boolean') {
    throw new ExprLangError(
      `unable to cast expression result '${formatGoValue(result)}' to bool`,
      expression,
      -1,
    );
  }
  return result;
}
