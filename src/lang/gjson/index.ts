// gjson "get" (github.com/tidwall/gjson v1.19 semantics) over already-parsed JSON values.

import { evaluate } from './evaluate.js';
import { compiledPath } from './compiled-cache.js';
import { gjsonResultOf, setResultGetter, type GjsonResult } from './result.js';

export type { GjsonResult } from './result.js';
export { gjsonResultOf, missingResult } from './result.js';
export { GjsonError } from './errors.js';
/** gjson.Get(json, path) where `doc` is the parsed JSON (e.g. from JSON.parse). */
export function gjsonGet(doc: unknown, path: string): GjsonResult {
  return gjsonResultOf(evaluate(doc, compiledPath(path)));
}

setResultGetter(gjsonGet);
