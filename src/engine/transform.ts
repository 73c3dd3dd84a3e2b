// dependencies[].transform: jq or Lua over the event data, run before filters; the result
// replaces the data that filters and parameters read, and the content type becomes
// application/json, as in Argo's ApplyTransform:
// - the data must be a JSON object (or null, read as an empty object): Argo decodes it into a map;
// - jq: only the first output counts and it must be an object; Lua: the script must return a
//   table (an object, or an array when it has integer keys);
// - the result is what Go's json.Marshal writes, so object keys come out sorted and NaN or an
//   infinity is an error.
// Never throws: any failure is { ok: false, reason } and the event is dropped for this dependency.
import type { EventDependency } from '../vocabulary/manifest-types.js';
import { MAX_VALUE_DEPTH } from '../lang/budget/index.js';
import { compareGoStrings } from '../lang/go/compare-strings.js';
import { compileJq } from '../lang/jq/index.js';
import { runLuaTransform } from '../lang/lua/index.js';
import type { EventView } from './cloudevent.js';
import { messageOf } from './filters/verdict.js';

export type TransformOutcome = { ok: true; view: EventView } | { ok: false; reason: string };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function kindOf(v: unknown): string {
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  return `a ${typeof v}`;
}

class NotJsonError extends Error {}

/** The value as Go's encoding/json would write it and read it back: keys sorted, no NaN/Inf. */
function asMarshalled(v: unknown, path: string, depth: number): unknown {
  if (depth > MAX_VALUE_DEPTH) {
    throw new NotJsonError(
      `the result is nested more deeply than its budget of ${MAX_VALUE_DEPTH} levels at ${path.slice(0, 200)}…`,
    );
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v))
      throw new NotJsonError(
        `json: unsupported value: ${v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN'} at ${path}`,
      );
    return v;
  }
  if (typeof v !== 'object' || v === null) return v === undefined ? null : v;
  if (Array.isArray(v)) return v.map((item, i) => asMarshalled(item, `${path}[${i}]`, depth + 1));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v).sort(compareGoStrings)) {
    out[key] = asMarshalled((v as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
  }
  return out;
}

function runJq(
  program: string,
  data: unknown,
  now: number,
): { ok: true; out: unknown } | { ok: false; reason: string } {
  // A JSON null decodes into a nil map, which jq sees as an empty object; `.` on it stays null.
  const input = data === null ? {} : data;
  let results: unknown[];
  try {
    results = compileJq(program).run(input, { maxOutputs: 1, now });
  } catch (e) {
    return { ok: false, reason: `transform.jq: ${messageOf(e)}` };
  }
  if (results.length === 0) {
    return { ok: false, reason: 'transform.jq: no output available from the jq command execution' };
  }
  const out = results[0];
  if (data === null && out === input) return { ok: true, out: null };
  if (!isPlainObject(out)) {
    return {
      ok: false,
      reason: `transform.jq: jq transformation output must be a JSON object, got ${kindOf(out)}`,
    };
  }
  try {
    return { ok: true, out: asMarshalled(out, 'result', 0) };
  } catch (e) {
    return { ok: false, reason: `transform.jq: ${messageOf(e)}` };
  }
}

function runLua(script: string, data: unknown): { ok: true; out: unknown } | { ok: false; reason: string } {
  try {
    const out = runLuaTransform(script, data);
    if (typeof out !== 'object' || out === null) {
      return { ok: false, reason: 'transform.script: transformation script output type is not of lua table' };
    }
    return { ok: true, out };
  } catch (e) {
    return { ok: false, reason: `transform.script: ${messageOf(e)}` };
  }
}

/**
 * Applies the dependency's transform. `now` is what jq's `now` returns (the engine passes the
 * step's clock; without it, the event's time), so replays decide the same.
 */
export function applyTransform(
  dep: EventDependency,
  view: EventView,
  now: number = view.timeMs,
): TransformOutcome {
  const t = dep.transform;
  if (!t || (!t.jq && !t.script)) return { ok: true, view };
  if (view.data === undefined) return { ok: true, view };
  const which = t.jq ? 'transform.jq' : 'transform.script';
  if (!view.dataIsJson) return { ok: false, reason: `${which}: the event data is not valid JSON` };
  if (view.data !== null && !isPlainObject(view.data)) {
    return {
      ok: false,
      reason: `${which}: the event data must be a JSON object to be transformed, got ${kindOf(view.data)}`,
    };
  }
  let r: { ok: true; out: unknown } | { ok: false; reason: string };
  try {
    r = t.jq ? runJq(t.jq, view.data, now) : runLua(t.script!, view.data);
  } catch (e) {
    r = { ok: false, reason: `${which}: ${messageOf(e)}` };
  }
  if (!r.ok) return r;
  return {
    ok: true,
    view: {
      ...view,
      data: r.out,
      dataIsJson: true,
      context: { ...view.context, datacontenttype: 'application/json' },
    },
  };
}
