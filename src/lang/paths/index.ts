// One entry point for the path strings in Sensors: JSONPath when the path starts with `$`,
// gjson (Argo's own path language) otherwise; sjson for writing.

import { gjsonGet, type GjsonResult } from '../gjson/index.js';
import { sjsonSet } from '../sjson/index.js';
import { isJsonPath, jsonPathGet } from './jsonpath.js';

export type { GjsonResult } from '../gjson/index.js';
export { sjsonSet } from '../sjson/index.js';
export { PathsError } from './errors.js';
export { isJsonPath } from './jsonpath.js';

export function getPath(doc: unknown, path: string): GjsonResult {
  return isJsonPath(path) ? jsonPathGet(doc, path) : gjsonGet(doc, path);
}

export const setPath = sjsonSet;
