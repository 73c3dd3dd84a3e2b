// Compiled paths by source text. Sensors reuse a handful of paths, so a small bounded map keeps
// compile cost off the hot path without growing without limit.

import type { GetPath } from './ast.js';
import { compilePath } from './parse-path.js';

const MAX_ENTRIES = 1024;
const cache = new Map<string, GetPath>();

export function compiledPath(path: string): GetPath {
  let p = cache.get(path);
  if (p === undefined) {
    p = compilePath(path);
    // Drop the oldest entry (Map keeps insertion order) once full.
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
    cache.set(path, p);
  }
  return p;
}
