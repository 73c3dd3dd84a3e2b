// filters.script: a Lua script that sees the event data as the global `event` and returns a bool.
import { runLuaFilter } from '../../lang/lua/index.js';
import type { EventView } from '../cloudevent.js';
import { errored, fail, messageOf, PASS, type FilterVerdict } from './verdict.js';

export function filterScript(script: string | undefined, view: EventView): FilterVerdict {
  if (!script) return PASS;
  if (view.data === undefined) return PASS;
  if (!view.dataIsJson) return errored('script filter error (event data not valid JSON)');
  try {
    return runLuaFilter(script, view.data) ? PASS : fail('script filter returned false');
  } catch (e) {
    return errored(`script filter error (${messageOf(e)})`);
  }
}
