// filters.script: a Lua script that sees the event data as the global `event`; only a last
// return value of the boolean true passes. Errors (syntax, runtime, the sandbox's limits, data
// that is not a JSON object) reject the event.
import { runLuaFilter } from '../../lang/lua/index.js';
import type { EventView } from '../cloudevent.js';
import { errored, fail, messageOf, PASS, type FilterVerdict } from './verdict.js';

const RETURNED_OTHER = fail("script filter: the script's last return value is not the boolean true");

export function filterScript(script: string | undefined, view: EventView): FilterVerdict {
  if (!script) return PASS;
  if (view.data === undefined) return PASS;
  if (!view.dataIsJson) return errored('script filter error: the event data is not valid JSON');
  try {
    return runLuaFilter(script, view.data) ? PASS : RETURNED_OTHER;
  } catch (e) {
    return errored(`script filter error: ${messageOf(e)}`);
  }
}
