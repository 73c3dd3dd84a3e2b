// Module hooks that print every resolved import as `EVENTIDE_IMPORT <parent> <url>` on stderr, so
// a test can see which packages a command loads and which file imported each one.
import { writeSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (!r.url.startsWith('node:')) writeSync(2, `EVENTIDE_IMPORT ${context.parentURL ?? '-'} ${r.url}\n`);
  return r;
}
