// filters.context: exact match on the CloudEvent attributes a user sets (Argo's filterContext).
import type { EventContext } from '../../vocabulary/manifest-types.js';
import type { EventView } from '../cloudevent.js';
import { fail, PASS, type FilterVerdict } from './verdict.js';

const FIELDS = ['type', 'subject', 'source', 'datacontenttype'] as const;

export function filterContext(expected: Partial<EventContext> | undefined, view: EventView): FilterVerdict {
  if (!expected) return PASS;
  for (const field of FIELDS) {
    const want = expected[field];
    if (want !== undefined && want !== '' && want !== view.context[field]) {
      return fail(
        `context filter: ${field} is ${JSON.stringify(view.context[field])}, want ${JSON.stringify(want)}`,
      );
    }
  }
  return PASS;
}
