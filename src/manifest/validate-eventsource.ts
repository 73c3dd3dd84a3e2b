// EventSource validation: each event-source type block is a map of event name → config; a type
// Eventide cannot run is named in the error.
import {
  ARGO_SOURCE_TYPES,
  sourceTypesOf,
  sourceValidator,
  supportedSourceTypes,
} from '../sources/registry.js';
import type { Problems } from '../vocabulary/problems.js';
import { objectAt } from '../vocabulary/shape-checks.js';

export function validateEventSourceSpec(p: Problems, raw: unknown): void {
  const spec = objectAt(p, raw, ['spec'], true);
  if (!spec) return;
  const types = sourceTypesOf(spec);
  if (types.length === 0) {
    p.add(['spec'], `no event source defined: add one of ${supportedSourceTypes().join(', ')}`);
    return;
  }
  for (const type of types) {
    const validate = sourceValidator(type);
    if (!validate) {
      const known = (ARGO_SOURCE_TYPES as readonly string[]).includes(type);
      p.add(
        ['spec', type],
        `unsupported event source type: ${type}${known ? ' (an Argo Events source Eventide does not run yet)' : ''}`,
      );
      continue;
    }
    const block = objectAt(p, spec[type], ['spec', type], true);
    if (!block) continue;
    if (Object.keys(block).length === 0) p.add(['spec', type], 'defines no events');
    for (const [eventName, cfg] of Object.entries(block)) {
      const path = ['spec', type, eventName];
      const c = objectAt(p, cfg, path, true);
      if (c) validate(p, c, path);
    }
  }
}
