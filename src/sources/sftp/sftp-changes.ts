// What changed in a polled SFTP directory, the way Argo's sftp source sees it: a file that
// appeared, or whose size or modification time changed, is CREATE; one that vanished is REMOVE
// (directories are ignored). Turned into Argo's fsevent payload with an id derived from the
// file's name and version, so a change reported twice (a restart) is deduplicated. Pure.
import { canonicalJson, hash128 } from '../../engine/stable-json.js';
import { opBit } from '../file/file-changes.js';
import type { SftpOp, SftpPlan } from './sftp-config.js';

/** One state of a file: what the SFTP listing says of it. */
interface FileVersion {
  size: number;
  /** modification time in ms (SFTP v3 carries whole seconds) */
  mtimeMs: number;
}

/** File name (in the watched directory) → its version. */
export type Listing = Record<string, FileVersion>;

export interface SftpChange {
  op: SftpOp;
  name: string;
  /** the version the change is about: the last one seen for REMOVE */
  version: FileVersion;
}

/** Removals first, then creations, each in name order (Argo dispatches removed before new). */
export function diffListings(before: Listing, after: Listing): SftpChange[] {
  const removed: SftpChange[] = [];
  const created: SftpChange[] = [];
  for (const name of Object.keys(before).sort()) {
    if (after[name] === undefined) removed.push({ op: 'REMOVE', name, version: before[name]! });
  }
  for (const name of Object.keys(after).sort()) {
    const old = before[name];
    const now = after[name]!;
    if (!old || old.size !== now.size || old.mtimeMs !== now.mtimeMs) created.push({ op: 'CREATE', name, version: now });
  }
  return [...removed, ...created];
}

/** Argo's fsevent.Event: the file's name as the SFTP listing gives it, the fsnotify op bit, metadata. */
export interface SftpEventData {
  name: string;
  op: number;
  metadata: Record<string, string> | null;
}

export function sftpEventData(plan: SftpPlan, change: SftpChange): SftpEventData {
  return { name: change.name, op: opBit(change.op), metadata: plan.metadata ?? null };
}

/** The same change to the same version of the same file always gets the same id. */
export function sftpEventId(source: { namespace: string; name: string }, eventName: string, change: SftpChange): string {
  const key = canonicalJson([source.namespace, source.name, eventName, change.op, change.name, change.version.size, change.version.mtimeMs]);
  return `sftp:${change.op.toLowerCase()}:${hash128(key)}`;
}
