// An event's config block read into its typed config: the reader validation runs (adding
// problems by field path) is the one the runtime parses with, so what validates is what runs. Pure.
import { formatFieldPath, type PathSegment } from '../vocabulary/field-path.js';
import { Problems } from '../vocabulary/problems.js';
import type { Obj } from '../vocabulary/shape-checks.js';
import { checkSourceFilter } from './source-filter.js';
import type { SourceValidator } from './source-type.js';

/** Reads one event's config block into its typed config, adding problems; undefined when invalid. */
export type ConfigReader<Config> = (p: Problems, cfg: Obj, path: PathSegment[]) => Config | undefined;

/** The validator of a type read by `read`, with the EventSource-level `filter` every event may have. */
export function validatorOf<Config>(read: ConfigReader<Config>): SourceValidator {
  return (p, cfg, path) => {
    read(p, cfg, path);
    checkSourceFilter(p, cfg.filter, [...path, 'filter']);
  };
}

/** The typed config of a block validation accepted; throws naming the first problem otherwise. */
export function planOrThrow<Config>(read: ConfigReader<Config>, cfg: Obj): Config {
  const p = new Problems();
  const plan = read(p, cfg, []);
  if (plan === undefined) {
    const first = p.list[0];
    throw new Error(first ? `${formatFieldPath(first.path)}: ${first.message}` : 'invalid config');
  }
  return plan;
}
