// Turning what a directory looked like before and after into fsnotify-style operations, and those
// into Argo's file event payloads with deterministic ids. Pure: the listener activity feeds it
// directory listings; the unit tests feed it by hand.
//
// Two styles, after Argo's two watchers: `inotify` (fsnotify: a rename is RENAME on the old name
// plus CREATE on the new one, names are full paths) and `polling` (radovskyb/watcher: a rename
// is one RENAME event, names are base names).
import { canonicalJson, hash128 } from '../../engine/stable-json.js';
import { FILE_OPS, type FileOp, type FilePlan } from './file-config.js';

/** What identifies one state of a directory entry (numbers as decimal strings: they are 64-bit). */
export interface EntryVersion {
  ino: string;
  mtimeNs: string;
  ctimeNs: string;
  size: string;
  mode: number;
}

/** Entry name (relative to the watched directory) → its version. */
export type Snapshot = Record<string, EntryVersion>;

export interface FileChange {
  op: FileOp;
  /** entry name relative to the directory */
  name: string;
  /** the entry's version the operation is about: the old one for REMOVE and RENAME */
  version: EntryVersion;
}

export type WatchStyle = 'inotify' | 'polling';

const contentChanged = (a: EntryVersion, b: EntryVersion) => a.mtimeNs !== b.mtimeNs || a.size !== b.size;

/** Names under which an inode appears in `snap`. */
function namesByInode(snap: Snapshot): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, v] of Object.entries(snap)) {
    const list = out.get(v.ino) ?? [];
    list.push(name);
    out.set(v.ino, list);
  }
  return out;
}

/**
 * The operations that take a directory from `before` to `after`, removals first, then creations,
 * then modifications, each in name order. `before` may hold only the entries of interest; `after`
 * should be complete, so a renamed entry is recognised wherever it went.
 */
export function diffSnapshots(before: Snapshot, after: Snapshot, style: WatchStyle): FileChange[] {
  const byInode = namesByInode(after);
  const gone: FileChange[] = [];
  const created: FileChange[] = [];
  const changed: FileChange[] = [];
  const renamedTo = new Set<string>();
  for (const name of Object.keys(before).sort()) {
    const old = before[name]!;
    const now = after[name];
    // radovskyb compares by name only, so to it a replaced file is just modified.
    if (now && (now.ino === old.ino || style === 'polling')) {
      if (contentChanged(old, now)) changed.push({ op: 'WRITE', name, version: now });
      if (old.mode !== now.mode) changed.push({ op: 'CHMOD', name, version: now });
      continue;
    }
    const target = (byInode.get(old.ino) ?? []).find((n) => n !== name && before[n]?.ino !== old.ino);
    if (target !== undefined) {
      gone.push({ op: 'RENAME', name, version: old });
      if (style === 'polling') renamedTo.add(target);
    } else if (!now) {
      gone.push({ op: 'REMOVE', name, version: old });
    }
    // inotify: a name now holding another inode was moved onto (IN_MOVED_TO), which is CREATE.
    if (now) created.push({ op: 'CREATE', name, version: now });
  }
  for (const name of Object.keys(after).sort()) {
    if (before[name] === undefined && !renamedTo.has(name))
      created.push({ op: 'CREATE', name, version: after[name]! });
  }
  return [...gone, ...created, ...changed];
}

/**
 * A change notification (inotify IN_MODIFY or IN_ATTRIB, which Node reports alike) for an entry
 * the listener knows: CHMOD when only the mode moved, otherwise WRITE. A write already folded
 * into the known version (created and written before it was looked at) is still a WRITE.
 */
export function classifyChange(name: string, known: EntryVersion, now: EntryVersion): FileChange {
  const chmodOnly = known.mode !== now.mode && !contentChanged(known, now);
  return { op: chmodOnly ? 'CHMOD' : 'WRITE', name, version: now };
}

/** Argo's fsevent.Event: {name, op, metadata}, op being the fsnotify bit mask. */
export interface FileEventData {
  name: string;
  op: number;
  metadata: Record<string, string> | null;
}

export function opBit(op: FileOp): number {
  return 1 << FILE_OPS.indexOf(op);
}

/** Joins like Go's filepath.Join for the cases a watched directory produces. */
function joinPath(directory: string, name: string): string {
  const dir = directory.replace(/\/+$/, '');
  return `${dir === '' ? '' : dir}/${name}`;
}

export function fileEventData(plan: FilePlan, change: FileChange): FileEventData {
  return {
    name: plan.polling ? change.name : joinPath(plan.directory, change.name),
    op: opBit(change.op),
    metadata: plan.metadata ?? null,
  };
}

/** The same operation on the same version of the same entry always gets the same id. */
export function fileEventId(
  source: { namespace: string; name: string },
  eventName: string,
  change: FileChange,
): string {
  const key = canonicalJson([
    source.namespace,
    source.name,
    eventName,
    change.op,
    change.name,
    change.version,
  ]);
  return `file:${change.op.toLowerCase()}:${hash128(key)}`;
}
