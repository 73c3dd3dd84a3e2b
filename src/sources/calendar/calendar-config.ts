// Argo's `calendar` EventSource config, read into a plain-JSON plan the EventSource workflow can
// schedule from. One reader serves validation (problems with field paths) and the workflow
// (which throws on a config that validation would have rejected). Pure: runs in the sandbox.
import { parseCron } from '../../lang/cron/index.js';
import { parseGoDuration } from '../../lang/duration/index.js';
import { loadLocation, UTC } from '../../lang/gotemplate/time/go-time.js';
import { parseTime } from '../../lang/gotemplate/time/layout.js';
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { boolAt, listAt, objectAt, stringAt, type Obj } from '../../vocabulary/shape-checks.js';

export interface CalendarPlan {
  /** 5-field cron expression (robfig syntax, optional CRON_TZ= prefix) */
  schedule?: string;
  /** fixed delay between ticks, ms (whole seconds or more) */
  intervalMs?: number;
  /** IANA zone the schedule and the exclusion dates are read in; "UTC" when unset */
  timeZone: string;
  /** days on which no tick fires, "YYYY-MM-DD" (the UTC date of each EXDATE entry, as Argo compares) */
  exclusionDays: string[];
  metadata?: Record<string, string>;
  catchup: { enabled: boolean; maxDurationMs?: number };
}

const EXDATE_PREFIX = 'EXDATE:';
/** Go layout of an EXDATE value (RFC 5545 UTC date-time), as Argo's ParseExclusionDates uses. */
const EXDATE_LAYOUT = '20060102T150405Z';
const MIN_INTERVAL_MS = 1000;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** "EXDATE:20190102T150405Z,20190602T160210Z" → the UTC days it names; throws on a bad date. */
export function parseExclusionEntry(entry: string): string[] {
  return entry
    .slice(EXDATE_PREFIX.length)
    .split(',')
    .map((value) => {
      const c = parseTime(EXDATE_LAYOUT, value, UTC, UTC).civil();
      return `${pad(c.year, 4)}-${pad(c.month, 2)}-${pad(c.day, 2)}`;
    });
}

function readSchedule(p: Problems, cfg: Obj, path: PathSegment[], plan: Partial<CalendarPlan>): void {
  const before = p.list.length;
  const schedule = stringAt(p, cfg.schedule, [...path, 'schedule'], false);
  const interval = stringAt(p, cfg.interval, [...path, 'interval'], false);
  if (schedule === undefined && interval === undefined) {
    // A wrongly typed field was reported already; otherwise both are missing or empty.
    if (p.list.length === before)
      p.add(
        path,
        'must have either schedule (a 5-field cron expression) or interval (a duration such as 10s)',
      );
    return;
  }
  if (schedule !== undefined && interval !== undefined) {
    p.add(
      path,
      'set either schedule or interval, not both (Argo silently ignores interval when both are set)',
    );
    return;
  }
  if (schedule !== undefined) {
    try {
      parseCron(schedule);
      plan.schedule = schedule;
    } catch (e) {
      p.add([...path, 'schedule'], message(e));
    }
    return;
  }
  try {
    const ms = parseGoDuration(interval!);
    if (ms < MIN_INTERVAL_MS) {
      p.add([...path, 'interval'], `must be at least 1s, got ${JSON.stringify(interval)}`);
      return;
    }
    plan.intervalMs = Math.floor(ms);
  } catch (e) {
    p.add([...path, 'interval'], message(e));
  }
}

function readTimeZone(p: Problems, cfg: Obj, path: PathSegment[]): string {
  const tz = stringAt(p, cfg.timezone, [...path, 'timezone'], false);
  if (tz === undefined) return 'UTC';
  // Go's LoadLocation also takes "UTC" and "Local"; Eventide's Local is UTC, as in Argo's pods.
  const loc = loadLocation(tz);
  if (!loc) {
    p.add(
      [...path, 'timezone'],
      `unknown time zone ${JSON.stringify(tz)}: use an IANA name such as "America/New_York" or "UTC"`,
    );
    return 'UTC';
  }
  return loc.name === 'Local' ? 'UTC' : loc.name;
}

function readExclusions(p: Problems, cfg: Obj, path: PathSegment[]): string[] {
  const days: string[] = [];
  const list = listAt(p, cfg.exclusionDates, [...path, 'exclusionDates'], false) ?? [];
  list.forEach((raw, i) => {
    const at = [...path, 'exclusionDates', i];
    const entry = stringAt(p, raw, at, true);
    if (entry === undefined) return;
    if (!entry.startsWith(EXDATE_PREFIX)) {
      p.add(
        at,
        `must start with "${EXDATE_PREFIX}", as in "EXDATE:20190102T150405Z" (Argo ignores entries without it)`,
      );
      return;
    }
    try {
      days.push(...parseExclusionEntry(entry));
    } catch (e) {
      p.add(at, `${message(e)}: write UTC date-times as YYYYMMDDTHHMMSSZ, comma-separated`);
    }
  });
  return [...new Set(days)].sort();
}

function readCatchup(p: Problems, cfg: Obj, path: PathSegment[]): CalendarPlan['catchup'] {
  const persistence = objectAt(p, cfg.persistence, [...path, 'persistence'], false);
  if (!persistence) return { enabled: false };
  const cmPath = [...path, 'persistence', 'configMap'];
  const cm = objectAt(p, persistence.configMap, cmPath, false);
  if (cm) {
    // Accepted for compatibility; Temporal's history is the persistence.
    stringAt(p, cm.name, [...cmPath, 'name'], false);
    boolAt(p, cm.createIfNotExist, [...cmPath, 'createIfNotExist']);
  }
  const cuPath = [...path, 'persistence', 'catchup'];
  const catchup = objectAt(p, persistence.catchup, cuPath, false);
  if (!catchup) return { enabled: false };
  const enabled = boolAt(p, catchup.enabled, [...cuPath, 'enabled']) ?? false;
  const max = stringAt(p, catchup.maxDuration, [...cuPath, 'maxDuration'], false);
  if (max === undefined) return { enabled };
  try {
    const ms = parseGoDuration(max);
    if (ms < 0) {
      p.add([...cuPath, 'maxDuration'], `must not be negative, got ${JSON.stringify(max)}`);
      return { enabled };
    }
    return { enabled, maxDurationMs: Math.floor(ms) };
  } catch (e) {
    p.add([...cuPath, 'maxDuration'], message(e));
    return { enabled };
  }
}

/** `metadata`: a map of strings passed along with every event (calendar and file alike). */
export function readMetadata(p: Problems, cfg: Obj, path: PathSegment[]): Record<string, string> | undefined {
  const md = objectAt(p, cfg.metadata, [...path, 'metadata'], false);
  if (!md) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(md)) {
    const s = stringAt(p, v, [...path, 'metadata', k], true);
    if (s !== undefined) out[k] = s;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Reads one calendar event config, recording problems; the plan is undefined if any were found. */
export function readCalendarConfig(p: Problems, cfg: Obj, path: PathSegment[]): CalendarPlan | undefined {
  const before = p.list.length;
  const plan: Partial<CalendarPlan> = {};
  readSchedule(p, cfg, path, plan);
  plan.timeZone = readTimeZone(p, cfg, path);
  plan.exclusionDays = readExclusions(p, cfg, path);
  const metadata = readMetadata(p, cfg, path);
  if (metadata) plan.metadata = metadata;
  plan.catchup = readCatchup(p, cfg, path);
  if (p.list.length > before) return undefined;
  return plan as CalendarPlan;
}

/** What decides when ticks fall: a change re-anchors the schedule at the time of the change. */
export function scheduleKeyOf(plan: CalendarPlan): string {
  return JSON.stringify([plan.schedule ?? null, plan.intervalMs ?? null, plan.timeZone, plan.exclusionDays]);
}
