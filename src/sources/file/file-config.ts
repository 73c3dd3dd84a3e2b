// Argo's `file` EventSource config (watchPathConfig, eventType, polling, metadata), read into a
// plain-JSON plan for the file listener. Pure: validation and the listener share it.
import { compileGoRegexp } from '../../lang/goregexp/index.js';
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { readMetadata } from '../calendar/calendar-config.js';
import { boolAt, objectAt, oneOf, stringAt, type Obj } from '../../vocabulary/shape-checks.js';

/** fsnotify's operations, in the bit order Argo's fsevent.Op uses. */
export const FILE_OPS = ['CREATE', 'WRITE', 'REMOVE', 'RENAME', 'CHMOD'] as const;
export type FileOp = (typeof FILE_OPS)[number];

export interface FilePlan {
  /** absolute directory, as written (Argo strips it from event names to get the relative path) */
  directory: string;
  path?: string;
  pathRegexp?: string;
  eventType: FileOp;
  polling: boolean;
  metadata?: Record<string, string>;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Go's path.IsAbs: slash-separated paths only, as Argo checks them. */
const isAbsolute = (p: string): boolean => p.startsWith('/');

/** Argo's WatchPathConfig (file, sftp, and hdfs, which writes the same fields inline). */
export type WatchPath = Pick<FilePlan, 'directory' | 'path' | 'pathRegexp'>;

export function readWatchPath(p: Problems, raw: unknown, path: PathSegment[], plan: Partial<WatchPath>): void {
  const w = objectAt(p, raw, path, true);
  if (!w) return;
  const directory = stringAt(p, w.directory, [...path, 'directory'], true);
  if (directory !== undefined) {
    if (isAbsolute(directory)) plan.directory = directory;
    else p.add([...path, 'directory'], `must be an absolute path, got ${JSON.stringify(directory)}`);
  }
  const file = stringAt(p, w.path, [...path, 'path'], false);
  const regexp = stringAt(p, w.pathRegexp, [...path, 'pathRegexp'], false);
  if (file === undefined && regexp === undefined) {
    p.add(path, 'either path or pathRegexp must be specified');
    return;
  }
  if (file !== undefined && regexp !== undefined) {
    p.add(path, 'path and pathRegexp cannot be specified together');
    return;
  }
  if (file !== undefined) {
    if (isAbsolute(file))
      p.add([...path, 'path'], `must be relative to directory, got ${JSON.stringify(file)}`);
    else plan.path = file;
  }
  if (regexp !== undefined) {
    try {
      compileGoRegexp(regexp);
      plan.pathRegexp = regexp;
    } catch (e) {
      p.add([...path, 'pathRegexp'], `invalid regular expression: ${message(e)}`);
    }
  }
}

/** Reads one file event config, recording problems; the plan is undefined if any were found. */
export function readFileConfig(p: Problems, cfg: Obj, path: PathSegment[]): FilePlan | undefined {
  const before = p.list.length;
  const plan: Partial<FilePlan> = {};
  readWatchPath(p, cfg.watchPathConfig, [...path, 'watchPathConfig'], plan);
  if (cfg.eventType === undefined || cfg.eventType === null || cfg.eventType === '') {
    p.add([...path, 'eventType'], `required: one of ${FILE_OPS.join(', ')}`);
  } else {
    const op = oneOf(p, cfg.eventType, [...path, 'eventType'], FILE_OPS);
    if (op) plan.eventType = op;
  }
  plan.polling = boolAt(p, cfg.polling, [...path, 'polling']) ?? false;
  const metadata = readMetadata(p, cfg, path);
  if (metadata) plan.metadata = metadata;
  if (p.list.length > before) return undefined;
  return plan as FilePlan;
}

/** Whether an entry (its name relative to the directory) is one this event watches. */
export function watchesEntry(plan: FilePlan, relative: string): boolean {
  if (plan.path !== undefined) return plan.path === relative;
  return plan.pathRegexp !== undefined && compileGoRegexp(plan.pathRegexp).test(relative);
}
