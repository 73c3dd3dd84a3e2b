// Argo's controller decodes Sensors with Go's encoding/json, which matches field names without
// regard to case, so Argo runs a template written `openwhisk:` as an openWhisk trigger (its own
// example does). Eventide's fields are case-sensitive; so that such manifests work unchanged, a
// trigger-type key that differs from a known type only in case is renamed to the type's spelling
// before validation, with a warning saying how to write it.
import { ALL_TRIGGER_TYPES } from '../engine/trigger-types.js';
import type { PathSegment } from '../vocabulary/field-path.js';
import type { Problems } from '../vocabulary/problems.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Renames mis-cased trigger-type keys of a Sensor document in place; warns at the written key. */
export function canonicalTriggerKeys(doc: unknown, warnings: Problems): void {
  if (!isObj(doc) || doc.kind !== 'Sensor' || !isObj(doc.spec) || !Array.isArray(doc.spec.triggers)) return;
  doc.spec.triggers.forEach((trigger: unknown, i) => {
    if (!isObj(trigger) || !isObj(trigger.template)) return;
    const tpl = trigger.template;
    for (const written of Object.keys(tpl)) {
      const type = ALL_TRIGGER_TYPES.find((t) => t !== written && t.toLowerCase() === written.toLowerCase());
      // Both spellings present: validation reports the template as holding two types.
      if (type === undefined || type in tpl) continue;
      tpl[type] = tpl[written];
      delete tpl[written];
      const path: PathSegment[] = ['spec', 'triggers', i, 'template', written];
      warnings.add(
        path,
        `trigger type ${written} is spelled ${type} in Argo's types: Argo accepts any case, so Eventide reads it as ${type}; write ${type}`,
      );
    }
  });
}
