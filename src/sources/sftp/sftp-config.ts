// Argo's `sftp` EventSource config (eventType, watchPathConfig, username, password, sshKeySecret,
// address, pollIntervalDuration, metadata), read into the plan the SFTP poller runs. Pure:
// validation and the listener share it.
import { compileGoRegexp } from '../../lang/goregexp/index.js';
import { parseGoDuration } from '../../lang/duration/parse-go-duration.js';
import type { SecretKeySelector } from '../../vocabulary/manifest-types.js';
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { oneOf, stringAt, type Obj } from '../../vocabulary/shape-checks.js';
import { readMetadata } from '../calendar/calendar-config.js';
import { readWatchPath, type FilePlan } from '../file/file-config.js';
import { readSecretSelector } from '../listener-common/secret-selector.js';

/** What Argo's sftp poller can report: a new or changed file is CREATE, a vanished one REMOVE. */
const SFTP_OPS = ['CREATE', 'REMOVE'] as const;
export type SftpOp = (typeof SFTP_OPS)[number];

export interface SftpPlan {
  eventType: SftpOp;
  directory: string;
  path?: string;
  pathRegexp?: string;
  /** secrets, as Argo: the address too ("host:port") */
  address: SecretKeySelector;
  username: SecretKeySelector;
  password?: SecretKeySelector;
  sshKeySecret?: SecretKeySelector;
  pollIntervalMs: number;
  metadata?: Record<string, string>;
}

/** Argo's default poll interval. */
const DEFAULT_POLL_MS = 10_000;
const MIN_POLL_MS = 100;

function readPollInterval(p: Problems, v: unknown, path: PathSegment[]): number {
  const s = stringAt(p, v, path, false);
  if (s === undefined || s === '') return DEFAULT_POLL_MS;
  try {
    const ms = parseGoDuration(s);
    if (ms < MIN_POLL_MS) p.add(path, `must be at least ${MIN_POLL_MS}ms, got ${JSON.stringify(s)}`);
    return ms;
  } catch (e) {
    p.add(path, `${e instanceof Error ? e.message : String(e)} (a Go duration such as "10s")`);
    return DEFAULT_POLL_MS;
  }
}

export function readSftpConfig(p: Problems, cfg: Obj, path: PathSegment[]): SftpPlan | undefined {
  const before = p.list.length;
  let eventType: SftpOp | undefined;
  if (cfg.eventType === undefined || cfg.eventType === null || cfg.eventType === '')
    p.add([...path, 'eventType'], `type must be specified: one of ${SFTP_OPS.join(', ')}`);
  else eventType = oneOf(p, cfg.eventType, [...path, 'eventType'], SFTP_OPS);
  const watch: Partial<FilePlan> = {};
  readWatchPath(p, cfg.watchPathConfig, [...path, 'watchPathConfig'], watch);
  const address = readSecretSelector(p, cfg.address, [...path, 'address'], true);
  const username = readSecretSelector(p, cfg.username, [...path, 'username'], true);
  const password = readSecretSelector(p, cfg.password, [...path, 'password'], false);
  const sshKeySecret = readSecretSelector(p, cfg.sshKeySecret, [...path, 'sshKeySecret'], false);
  if (cfg.password === undefined && cfg.sshKeySecret === undefined)
    p.add(path, 'either password or sshKeySecret must be specified');
  const pollIntervalMs = readPollInterval(p, cfg.pollIntervalDuration, [...path, 'pollIntervalDuration']);
  const metadata = readMetadata(p, cfg, path);
  if (p.list.length > before || !eventType || !watch.directory || !address || !username) return undefined;
  return {
    eventType,
    directory: watch.directory,
    ...(watch.path !== undefined ? { path: watch.path } : {}),
    ...(watch.pathRegexp !== undefined ? { pathRegexp: watch.pathRegexp } : {}),
    address,
    username,
    ...(password ? { password } : {}),
    ...(sshKeySecret ? { sshKeySecret } : {}),
    pollIntervalMs,
    ...(metadata ? { metadata } : {}),
  };
}

/** Whether a file (its name relative to the directory) is one this event watches, as Argo matches it. */
export function watchesFile(plan: SftpPlan, relative: string): boolean {
  if (plan.path !== undefined) return plan.path === relative;
  return plan.pathRegexp !== undefined && compileGoRegexp(plan.pathRegexp).test(relative);
}
