// Argo's `hdfs` EventSource config (directory/path/pathRegexp inline, as Argo's WatchPathConfig,
// `type`, `checkInterval`, `addresses`, `hdfsUser`, Kerberos fields, `metadata`), read into the
// plan the WebHDFS poller runs. Pure: validation and the listener share it.
import { compileGoRegexp } from '../../lang/goregexp/index.js';
import { parseGoDuration } from '../../lang/duration/parse-go-duration.js';
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { listAt, stringAt, type Obj } from '../../vocabulary/shape-checks.js';
import { readMetadata } from '../calendar/calendar-config.js';
import { readWatchPath } from '../file/file-config.js';

/** fsnotify's operations, in the bit order of Argo's fsevent.Op. */
export const HDFS_OPS = ['CREATE', 'WRITE', 'REMOVE', 'RENAME', 'CHMOD'] as const;
export type HdfsOp = (typeof HDFS_OPS)[number];

export interface HdfsPlan {
  /** absolute directory, as written: event names keep it, relative paths strip it as a prefix */
  directory: string;
  path?: string;
  pathRegexp?: string;
  /** the bit mask of `type` ("CREATE", or "CREATE|WRITE" as Argo's fsevent.NewOp reads it) */
  ops: number;
  checkIntervalMs: number;
  /** NameNode HTTP (WebHDFS) addresses, host:port or a full http(s) URL, tried in order */
  addresses: string[];
  hdfsUser: string;
  metadata?: Record<string, string>;
}

/** Argo's default checkInterval. */
const DEFAULT_INTERVAL_MS = 60_000;
/** Polling faster than this would only load the NameNode. */
const MIN_INTERVAL_MS = 100;

const KERBEROS_FIELDS = [
  'krbCCacheSecret',
  'krbKeytabSecret',
  'krbUsername',
  'krbRealm',
  'krbConfigConfigMap',
  'krbServicePrincipalName',
] as const;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Argo's fsevent.NewOp: "|"-separated names; unknown names add nothing. */
export function opsMask(type: string): number {
  let mask = 0;
  for (const name of type.split('|')) {
    const i = HDFS_OPS.indexOf(name as HdfsOp);
    if (i >= 0) mask |= 1 << i;
  }
  return mask;
}

function readAddresses(p: Problems, cfg: Obj, path: PathSegment[]): string[] | undefined {
  const list = listAt(p, cfg.addresses, [...path, 'addresses'], true);
  if (!list) return undefined;
  if (list.length === 0)
    p.add([...path, 'addresses'], 'required: at least one NameNode HTTP (WebHDFS) address');
  const out: string[] = [];
  list.forEach((v, i) => {
    const s = stringAt(p, v, [...path, 'addresses', i], true);
    if (s === undefined) return;
    if (/^https?:\/\/[^/]/.test(s) || /^[^/:\s]+(:\d+)?$/.test(s) || /^\[[0-9a-fA-F:]+\](:\d+)?$/.test(s))
      out.push(s);
    else p.add([...path, 'addresses', i], `must be host:port or an http(s) URL, got ${JSON.stringify(s)}`);
  });
  return out;
}

/** Reads one hdfs event config, recording problems; the plan is undefined if any were found. */
export function readHdfsConfig(p: Problems, cfg: Obj, path: PathSegment[]): HdfsPlan | undefined {
  const before = p.list.length;
  const plan: Partial<HdfsPlan> = {};
  // Argo's HDFS config embeds WatchPathConfig, so its fields sit on the event itself.
  readWatchPath(p, cfg, path, plan);
  const type = stringAt(p, cfg.type, [...path, 'type'], true);
  if (type !== undefined) {
    const ops = opsMask(type);
    if (ops === 0)
      p.add(
        [...path, 'type'],
        `must name at least one of ${HDFS_OPS.join(', ')} (joined with "|"), got ${JSON.stringify(type)}`,
      );
    else plan.ops = ops;
  }
  plan.checkIntervalMs = DEFAULT_INTERVAL_MS;
  const interval = stringAt(p, cfg.checkInterval, [...path, 'checkInterval'], false);
  if (interval !== undefined) {
    try {
      const ms = parseGoDuration(interval);
      if (ms < MIN_INTERVAL_MS)
        p.add([...path, 'checkInterval'], `must be at least 100ms, got ${JSON.stringify(interval)}`);
      else plan.checkIntervalMs = ms;
    } catch (e) {
      p.add([...path, 'checkInterval'], `invalid duration: ${message(e)}`);
    }
  }
  const addresses = readAddresses(p, cfg, path);
  if (addresses) plan.addresses = addresses;
  // WebHDFS with Kerberos needs SPNEGO, which Eventide does not do: refuse rather than run unauthenticated.
  for (const field of KERBEROS_FIELDS) {
    if (cfg[field] !== undefined && cfg[field] !== null && cfg[field] !== '')
      p.add(
        [...path, field],
        'Kerberos is not supported: Eventide polls WebHDFS, whose Kerberos login (SPNEGO) it does not implement; use hdfsUser on a cluster with simple authentication',
      );
  }
  const user = stringAt(p, cfg.hdfsUser, [...path, 'hdfsUser'], false);
  if (user === undefined && !KERBEROS_FIELDS.some((f) => cfg[f] !== undefined))
    p.add([...path, 'hdfsUser'], 'required');
  if (user !== undefined) plan.hdfsUser = user;
  const metadata = readMetadata(p, cfg, path);
  if (metadata) plan.metadata = metadata;
  if (p.list.length > before) return undefined;
  return plan as HdfsPlan;
}

/** Argo's match: the event name with the directory string stripped, compared or matched. */
export function watchesPath(plan: HdfsPlan, fullPath: string): boolean {
  const relative = fullPath.startsWith(plan.directory) ? fullPath.slice(plan.directory.length) : fullPath;
  if (plan.path !== undefined) return plan.path === relative;
  return plan.pathRegexp !== undefined && compileGoRegexp(plan.pathRegexp).test(relative);
}
