// Parameters written into a JSON document (a trigger template, a resource) or a new payload,
// following Argo's ApplyParams / ConstructPayload:
// - values are strings, unless useRawData keeps a number, bool, null, object or array raw
//   (a template's output and a default `value` are always strings);
// - operation append writes existing + new, prepend new + existing (both as text), overwrite
//   (or none) replaces; any other operation is an error;
// - dest is an sjson path: `a.b`, `list.0`, `list.-1` appends; in a payload an empty dest makes
//   the value the whole body;
// - a dependency that did not fire (with ||) and has no default is skipped.
// Only ParameterError escapes: whatever else fails (a path, a deep value) is wrapped in one.
import type { TriggerParameter } from '../../vocabulary/manifest-types.js';
import { getPath, setPath } from '../../lang/paths/index.js';
import type { EventView } from '../cloudevent.js';
import { messageOf, quoted } from '../filters/verdict.js';
import { ParameterError, resolveParameterValue, type ResolvedValue } from './resolve-value.js';

function valueToSet(param: TriggerParameter, r: ResolvedValue): unknown {
  if (r.type !== 'String' && param.src?.useRawData) {
    try {
      return JSON.parse(r.value);
    } catch {
      throw new ParameterError(`parameter dest ${quoted(param.dest)}: raw value is not valid JSON`);
    }
  }
  return r.value;
}

function setAt(doc: unknown, param: TriggerParameter, value: unknown): unknown {
  try {
    return setPath(doc, param.dest, value);
  } catch (e) {
    throw new ParameterError(`parameter dest ${quoted(param.dest)}: ${messageOf(e)}`);
  }
}

/** Runs `fn`, turning anything but a ParameterError into one. */
function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ParameterError) throw e;
    throw new ParameterError(`parameters could not be applied: ${messageOf(e)}`);
  }
}

function withOperation(out: unknown, param: TriggerParameter, r: ResolvedValue): ResolvedValue {
  const op = param.operation ?? '';
  if (op === 'append' || op === 'prepend') {
    const current = getPath(out, param.dest);
    if (!current.exists) return r;
    // The result is text, even when both sides were raw values.
    return { type: 'String', value: op === 'append' ? current.str + r.value : r.value + current.str };
  }
  if (op !== 'overwrite' && op !== '') {
    throw new ParameterError(
      `unsupported trigger parameter operation: ${quoted(op)} (use overwrite, append or prepend)`,
    );
  }
  return r;
}

/** Argo's ApplyParams: each parameter resolved and written into `doc` at its dest, in order. */
export function applyParameters(
  doc: unknown,
  params: readonly TriggerParameter[] | undefined,
  events: Record<string, EventView>,
  now: number,
): unknown {
  if (!params) return doc;
  return guarded(() => {
    let out = doc;
    for (const param of params) {
      if (!param.src) continue;
      const r = resolveParameterValue(param.src, events, now);
      if (r === undefined) continue;
      out = setAt(out, param, valueToSet(param, withOperation(out, param, r)));
    }
    return out;
  });
}

/** The body built from `payload` parameters; a parameter with an empty dest is the whole body (text). */
export function constructPayload(
  params: readonly TriggerParameter[],
  events: Record<string, EventView>,
  now: number,
): unknown {
  return guarded(() => {
    let payload: unknown = undefined;
    for (const param of params) {
      if (!param.src) continue;
      const r = resolveParameterValue(param.src, events, now);
      if (!param.dest) {
        if (r !== undefined) return r.value;
        continue;
      }
      // A dependency that did not fire and has no default is skipped (Argo dereferences nil here).
      if (r === undefined) continue;
      payload = setAt(payload ?? {}, param, valueToSet(param, r));
    }
    return payload;
  });
}
