// Parameters written into a JSON document (a trigger template, a resource) or a new payload,
// following Argo's ApplyParams / ConstructPayload: values are strings unless useRawData keeps
// a non-string value raw; append/prepend concatenate with what is already at `dest`.
import type { TriggerParameter } from '../../manifest/types.js';
import { getPath, setPath } from '../../lang/paths/index.js';
import type { EventView } from '../cloudevent.js';
import { ParameterError, resolveParameterValue, type ResolvedValue } from './resolve-value.js';

function valueToSet(param: TriggerParameter, r: ResolvedValue): unknown {
  if (r.type !== 'String' && param.src?.useRawData) {
    try {
      return JSON.parse(r.value);
    } catch {
      throw new ParameterError(`parameter for ${param.dest}: raw value is not valid JSON`);
    }
  }
  return r.value;
}

function setAt(doc: unknown, param: TriggerParameter, value: unknown): unknown {
  try {
    return setPath(doc, param.dest, value);
  } catch (e) {
    throw new ParameterError(
      `parameter dest ${JSON.stringify(param.dest)}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

export function applyParameters(
  doc: unknown,
  params: readonly TriggerParameter[] | undefined,
  events: Record<string, EventView>,
  now: number,
): unknown {
  if (!params) return doc;
  let out = doc;
  for (const param of params) {
    if (!param.src) continue;
    let r = resolveParameterValue(param.src, events, now);
    if (r === undefined) continue;
    const op = param.operation ?? '';
    if (op === 'append' || op === 'prepend') {
      const current = getPath(out, param.dest);
      if (current.exists) {
        r = { type: 'String', value: op === 'append' ? current.str + r.value : r.value + current.str };
      }
    } else if (op !== 'overwrite' && op !== '') {
      throw new ParameterError(`unsupported trigger parameter operation: ${op}`);
    }
    out = setAt(out, param, valueToSet(param, r));
  }
  return out;
}

/** The body built from `payload` parameters; a parameter with an empty dest is the whole body (text). */
export function constructPayload(
  params: readonly TriggerParameter[],
  events: Record<string, EventView>,
  now: number,
): unknown {
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
}
