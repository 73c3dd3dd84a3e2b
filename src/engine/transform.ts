// dependencies[].transform: jq or Lua over the event data, run before filters; the result
// (a JSON object) replaces the data that filters and parameters read, as in Argo.
import type { EventDependency } from '../manifest/types.js';
import { compileJq } from '../lang/jq/index.js';
import { runLuaTransform } from '../lang/lua/index.js';
import type { EventView } from './cloudevent.js';
import { messageOf } from './filters/verdict.js';

export type TransformOutcome = { ok: true; view: EventView } | { ok: false; reason: string };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function applyTransform(dep: EventDependency, view: EventView): TransformOutcome {
  const t = dep.transform;
  if (!t || (!t.jq && !t.script)) return { ok: true, view };
  if (view.data === undefined) return { ok: true, view };
  if (!view.dataIsJson) return { ok: false, reason: 'transform: event data is not valid JSON' };
  let out: unknown;
  if (t.jq) {
    try {
      // Argo reads only the first output; gojq never evaluates past it.
      const results = compileJq(t.jq).run(view.data, { maxOutputs: 1 });
      if (results.length === 0)
        return { ok: false, reason: 'transform.jq: no output available from the jq command execution' };
      out = results[0];
    } catch (e) {
      return { ok: false, reason: `transform.jq: ${messageOf(e)}` };
    }
    if (!isPlainObject(out))
      return { ok: false, reason: 'transform.jq: jq transformation output must be a JSON object' };
  } else {
    try {
      out = runLuaTransform(t.script!, view.data);
    } catch (e) {
      return { ok: false, reason: `transform.script: ${messageOf(e)}` };
    }
    if (typeof out !== 'object' || out === null)
      return { ok: false, reason: 'transform.script: transformation script output type is not of lua table' };
  }
  return {
    ok: true,
    view: {
      ...view,
      data: out,
      dataIsJson: true,
      context: { ...view.context, datacontenttype: 'application/json' },
    },
  };
}
