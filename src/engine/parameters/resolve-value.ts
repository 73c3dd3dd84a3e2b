// One parameter source → its value, following Argo's ResolveParamValue: template first, then key,
// then the `value` default; a dependency that did not fire yields its default or nothing.
import type { TriggerParameterSource } from '../../vocabulary/manifest-types.js';
import { getPath } from '../../lang/paths/index.js';
import { compileGoTemplate } from '../../lang/gotemplate/index.js';
import type { EventView } from '../cloudevent.js';
import { messageOf } from '../filters/verdict.js';

/** gjson's type names: they decide whether `useRawData` may set a raw JSON value. */
type ValueType = 'String' | 'Number' | 'True' | 'False' | 'Null' | 'JSON';

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

/**
 * The data a dataKey/dataTemplate reads (Argo's renderEventDataAsJSON): only the content types
 * Argo's event sources write are readable, and the data must be JSON.
 */
function dataPayload(view: EventView): unknown {
  const ct = view.context.datacontenttype;
  if (ct !== 'application/json' && ct !== 'application/yaml') {
    throw new ParameterError(
      `unsupported event content type: ${JSON.stringify(ct)} (only application/json and application/yaml data can be read)`,
    );
  }
  if (view.data === undefined || !view.dataIsJson) {
    throw new ParameterError(
      ct === 'application/json'
        ? 'event data is not valid JSON'
        : 'event data is YAML text, which Eventide cannot read',
    );
  }
  return view.data;
}

/**
 * Returns undefined when the parameter is to be skipped (no event, no default); throws only
 * ParameterError.
 */
export function resolveParameterValue(
  src: TriggerParameterSource,
  events: Record<string, EventView>,
  now: number,
): ResolvedValue | undefined {
  try {
    return resolve(src, events, now);
  } catch (e) {
    if (e instanceof ParameterError) throw e;
    throw new ParameterError(
      `unable to resolve a parameter from dependency ${src.dependencyName}: ${messageOf(e)}`,
    );
  }
}

function resolve(
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
  // The data side wins when both are given: Argo reads key and template from it alone.
  const fromData = !!(src.dataKey || src.dataTemplate);
  const part = fromData ? 'data' : 'context';
  const key = (fromData ? src.dataKey : src.contextKey) ?? '';
  const template = (fromData ? src.dataTemplate : src.contextTemplate) ?? '';
  let payload: unknown = event.context;
  if (fromData) {
    try {
      payload = dataPayload(event);
    } catch (e) {
      if (hasDefault) return { value: String(src.value), type: 'String' };
      throw new ParameterError(`dependency ${src.dependencyName}: ${messageOf(e)}`);
    }
  }
  const problems: string[] = [];
  if (template) {
    try {
      const out = compileGoTemplate(template).render({ Input: payload }, { now });
      if (out !== '' && out !== '<no value>') return { value: out, type: 'String' };
      problems.push(`${part}Template ${JSON.stringify(template)} evaluated to an empty string or <no value>`);
    } catch (e) {
      problems.push(`${part}Template ${JSON.stringify(template)}: ${messageOf(e)}`);
    }
  }
  if (key) {
    try {
      const r = getPath(payload, key);
      if (r.exists) {
        // Objects, arrays and null keep their JSON text, so useRawData can set them raw.
        if (r.type === 'JSON' || r.type === 'Null') return { value: r.raw, type: r.type };
        return { value: r.str, type: r.type };
      }
      problems.push(`${part}Key ${JSON.stringify(key)} does not exist in the event ${part}`);
    } catch (e) {
      problems.push(`${part}Key ${JSON.stringify(key)}: ${messageOf(e)}`);
    }
  }
  if (hasDefault) return { value: String(src.value), type: 'String' };
  throw new ParameterError(
    `unable to resolve a parameter from dependency ${src.dependencyName}: ${problems.join('; ')} (set src.value for a default)`,
  );
}
