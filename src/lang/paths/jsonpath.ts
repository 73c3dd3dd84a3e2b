// JSONPath ($-paths) through jsonpath-plus. Filter scripts run in its "safe" evaluator (a jsep
// interpreter: no eval/Function, no prototype access), which is also the one its browser build
// uses, so workflow bundles and Node give the same answers.

import { JSONPath } from 'jsonpath-plus';
import { gjsonResultOf, missingResult, type GjsonResult } from '../gjson/index.js';
import { PathsError } from './errors.js';

/** `$`, `$.x`, `$[..]`, `$..x`: a bare `$name` stays a gjson key (e.g. "$schema"). */
export function isJsonPath(path: string): boolean {
  return path === '$' || path.startsWith('$.') || path.startsWith('$[');
}

/**
 * All JSONPath matches, as a gjson-shaped result: none -> missing, one -> that value,
 * several -> an array of them (in document order).
 */
export function jsonPathGet(doc: unknown, path: string): GjsonResult {
  if (doc === undefined) return missingResult();
  let matches: unknown;
  try {
    matches = JSONPath({ path, json: doc as object, wrap: true, eval: 'safe' });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new PathsError(
      `${reason}; check the JSONPath syntax (filters look like $.items[?(@.price < 10)])`,
      path,
    );
  }
  if (!Array.isArray(matches) || matches.length === 0) return missingResult();
  return gjsonResultOf(matches.length === 1 ? matches[0] : matches);
}
