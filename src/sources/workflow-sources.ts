// Source types run by the EventSource workflow (timers, listener activities), by validator, and
// reading a validated config into a plan. Pure.
import { formatFieldPath, type PathSegment } from '../manifest/field-path.js';
import { Problems } from '../manifest/problems.js';
import type { Obj } from '../manifest/shape-checks.js';
import { checkSourceFilter } from './source-filter.js';
import { readCalendarConfig } from './calendar-config.js';
import { readFileConfig } from './file-config.js';
import type { SourceValidator } from './source-type.js';

type ConfigReader<T> = (p: Problems, cfg: Obj, path: PathSegment[]) => T | undefined;

function validatorOf<T>(read: ConfigReader<T>): SourceValidator {
  return (p, cfg, path) => {
    read(p, cfg, path);
    checkSourceFilter(p, cfg.filter, [...path, 'filter']);
  };
}

export const WORKFLOW_SOURCE_VALIDATORS: Record<string, SourceValidator> = {
  calendar: validatorOf(readCalendarConfig),
  file: validatorOf(readFileConfig),
};

/** The plan of a config validation accepted; throws naming the first problem otherwise. */
export function planOrThrow<T>(read: ConfigReader<T>, cfg: Obj): T {
  const p = new Problems();
  const plan = read(p, cfg, []);
  if (plan === undefined) {
    const first = p.list[0];
    throw new Error(first ? `${formatFieldPath(first.path)}: ${first.message}` : 'invalid config');
  }
  return plan;
}

export { filterExpressionOf, sourceFilterVerdict } from './source-filter.js';
