// What changed between two listings of an HDFS tree, as Argo's naive watcher reports it: entries
// are known by their id, so a new id is CREATE, a vanished one REMOVE, and a known one is RENAME
// (other path), WRITE (other modification time or length) and/or CHMOD (other permission), the
// bits combined in one event. Pure: the listener feeds it WebHDFS listings, unit tests by hand.
import { canonicalJson, hash128 } from '../../engine/stable-json.js';
import { HDFS_OPS, watchesPath, type HdfsOp, type HdfsPlan } from './hdfs-config.js';

/** One entry of a listing (numbers as WebHDFS gives them). */
export interface HdfsEntry {
  path: string;
  modificationTime: number;
  length: number;
  permission: string;
  type: string;
}

/** Entry id (the HDFS fileId, as a string) → its state; plain JSON, so it can be a checkpoint. */
export type HdfsSnapshot = Record<string, HdfsEntry>;

export interface HdfsChange {
  /** the operation bits, as Argo's fsevent.Op */
  op: number;
  /** the full path: the new one for RENAME, the last known one for REMOVE */
  path: string;
  id: string;
  entry: HdfsEntry;
}

const opBit = (op: HdfsOp): number => 1 << HDFS_OPS.indexOf(op);

/**
 * The changes from `before` to `after`: entries of `after` in listing order (the walk's order,
 * which the listener keeps), then removals in path order.
 */
export function diffListings(before: HdfsSnapshot, after: HdfsSnapshot): HdfsChange[] {
  const changes: HdfsChange[] = [];
  for (const [id, now] of Object.entries(after)) {
    const old = before[id];
    if (!old) {
      changes.push({ op: opBit('CREATE'), path: now.path, id, entry: now });
      continue;
    }
    let op = 0;
    if (old.path !== now.path) op |= opBit('RENAME');
    if (old.modificationTime !== now.modificationTime || old.length !== now.length) op |= opBit('WRITE');
    if (old.permission !== now.permission) op |= opBit('CHMOD');
    if (op !== 0) changes.push({ op, path: now.path, id, entry: now });
  }
  const removed = Object.entries(before)
    .filter(([id]) => after[id] === undefined)
    .sort(([, a], [, b]) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const [id, old] of removed) changes.push({ op: opBit('REMOVE'), path: old.path, id, entry: old });
  return changes;
}

/** Argo's fsevent.Event: {name, op, metadata}. */
export interface HdfsEventData {
  name: string;
  op: number;
  metadata: Record<string, string> | null;
}

/** Whether the event asks for this change: a watched path and an operation bit in `type`. */
export function wanted(plan: HdfsPlan, change: HdfsChange): boolean {
  return (plan.ops & change.op) !== 0 && watchesPath(plan, change.path);
}

export function hdfsEventData(plan: HdfsPlan, change: HdfsChange): HdfsEventData {
  return { name: change.path, op: change.op, metadata: plan.metadata ?? null };
}

/** The same change of the same entry state always gets the same id, so a re-report dedupes. */
export function hdfsEventId(
  source: { namespace: string; name: string },
  eventName: string,
  change: HdfsChange,
): string {
  const key = canonicalJson([source.namespace, source.name, eventName, change.op, change.id, change.entry]);
  return `hdfs:${hash128(key)}`;
}
