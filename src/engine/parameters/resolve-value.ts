// One parameter source → its value, following Argo's ResolveParamValue: template first, then key,
// then the `value` default; a dependency that did not fire yields its default or nothing.
import type { TriggerParameterSource } from '../../manifest/types.js';
import { getPath } from '../../lang/paths/index.js';
import { compileGoTemplate } from '../../lang/gotemplate/index.js';
import type { EventView } from '../cloudevent.js';
import { messageOf } from '../filters/verdict.js';

/** gjson's type names: they decide whether `useRawData` may set a raw JSON value. */
export type ValueType = 'String' | 'Number' | 'True' | 'False' | 'Null' | 'JSON';

export interface ResolvedValue {
  value: string;
  type: ValueType;
}

export class ParameterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParameterError';
  }
}

function eventAsArgoJson(view: EventView): string {
  return JSON.stringify({ context: view.context, data: view.data ?? null });
}

function dataPayload(view: EventView): unknown {
  const ct = view.context.datacontenttype;
  if (!view.dataIsJson) throw new ParameterError('event data is not valid JSON');
  if (ct !== '' && !/json|yaml/i.test(ct)) throw new ParameterError(`unsupported event content type: ${ct}`);
  return view.data ?? null;
}

/** Returns undefined when the parameter is to be skipped (no event, no default). */
export function resolveParameterValue(
  src: TriggerParameterSource,
  events: Record<string, EventView>,
  now: number,
): ResolvedValue | undefined {
  const event = events[src.dependencyName];
  const hasDefault = src.value !== undefined && src.value !== null;
  if (!event) {
    return hasDefault ? { value: String(src.value), type: 'String' } : undefined;
  }
  if (!src.contextKey && !src.dataKey && !src.dataTemplate && !src.contextTemplate) {
    return hasDefault
      ? { value: String(src.value), type: 'String' }
      : { value: eventAsArgoJson(event), type: 'String' };
  }
  let payload: unknown;
  let key = '';
  let template = '';
  let loadError: string | undefined;
  if (src.contextKey || src.contextTemplate) {
    key = src.contextKey ?? '';
    template = src.contextTemplate ?? '';
    payload = event.context;
  }
  if (src.dataKey || src.dataTemplate) {
    key = src.dataKey ?? '';
    template = src.dataTemplate ?? '';
    try {
      payload = dataPayload(event);
    } catch (e) {
      loadError = messageOf(e);
    }
  }
  if (loadError !== undefined) {
    if (hasDefault) return { value: String(src.value), type: 'String' };
    throw new ParameterError(`dependency ${src.dependencyName}: ${loadError}`);
  }
  const problems: string[] = [];
  if (template) {
    try {
      const out = compileGoTemplate(template).render({ Input: payload }, { now });
      if (out !== '' && out !== '<no value>') return { value: out, type: 'String' };
      problems.push(`template evaluated to empty string or no value: ${template}`);
    } catch (e) {
      problems.push(`template: ${messageOf(e)}`);
    }
  }
  if (key) {
    const r = getPath(payload, key);
    if (r.exists) {
      if (r.type === 'JSON' || r.type === 'Null') return { value: r.raw, type: r.type };
      return { value: r.str, type: r.type };
    }
    problems.push(
      `key ${key} does not exist in the event ${src.contextKey && !src.dataKey ? 'context' : 'payload'}`,
    );
  }
  if (hasDefault) return { value: String(src.value), type: 'String' };
  throw new ParameterError(
    `unable to resolve parameter from dependency ${src.dependencyName}: ${problems.join('; ')}`,
  );
}
