// Listing an HDFS tree through WebHDFS, the NameNode's REST API (GET …/webhdfs/v1<path>?op=LISTSTATUS),
// with Node's fetch: no Node client speaks HDFS's own RPC protocol. The listing is recursive and
// in Argo's walk order (an entry, then what it contains, names sorted). With several addresses
// (an HA pair) the first that answers is used; a standby NameNode refuses and the next is tried.
import type { HdfsEntry, HdfsSnapshot } from './hdfs-changes.js';

interface FileStatus {
  pathSuffix: string;
  type: string;
  fileId?: number;
  modificationTime: number;
  length: number;
  permission: string;
}

const REQUEST_TIMEOUT_MS = 30_000;

class WebHdfsError extends Error {
  override name = 'WebHdfsError';
  constructor(
    message: string,
    /** the path does not exist (a config problem the user can fix without restarting anything) */
    readonly notFound = false,
  ) {
    super(message);
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function baseUrl(address: string): string {
  return (/^https?:\/\//.test(address) ? address : `http://${address}`).replace(/\/+$/, '');
}

/** Go's path.Join for a child of a listed directory. */
function childPath(dir: string, name: string): string {
  const d = dir.replace(/\/+$/, '');
  return `${d}/${name}`;
}

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

export class WebHdfs {
  private preferred = 0;

  constructor(
    private readonly addresses: string[],
    private readonly user: string,
  ) {}

  private async listOnce(base: string, path: string, signal: AbortSignal): Promise<FileStatus[]> {
    const url = `${base}/webhdfs/v1${encodePath(path)}?op=LISTSTATUS&user.name=${encodeURIComponent(this.user)}`;
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]) });
    } catch (e) {
      if (signal.aborted) throw e;
      throw new WebHdfsError(
        `${base}: ${message((e as { cause?: unknown }).cause ?? e)} (addresses must be the NameNode's HTTP (WebHDFS) port, 9870 by default, not its RPC port 8020)`,
      );
    }
    const text = await res.text();
    let body: {
      FileStatuses?: { FileStatus?: FileStatus[] };
      RemoteException?: { exception?: string; message?: string };
    };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new WebHdfsError(
        `${base}: HTTP ${res.status}, not a WebHDFS answer (is WebHDFS enabled, dfs.webhdfs.enabled?)`,
      );
    }
    const remote = body.RemoteException;
    if (remote) {
      const what = `${remote.exception ?? 'error'}: ${remote.message ?? ''}`;
      throw new WebHdfsError(`${base}: ${path}: ${what}`, remote.exception === 'FileNotFoundException');
    }
    if (!res.ok || !body.FileStatuses) throw new WebHdfsError(`${base}: HTTP ${res.status} listing ${path}`);
    return body.FileStatuses.FileStatus ?? [];
  }

  /** The directory's listing from the first address that answers (starting with the last good one). */
  private async list(path: string, signal: AbortSignal): Promise<FileStatus[]> {
    const errors: string[] = [];
    for (let i = 0; i < this.addresses.length; i++) {
      const at = (this.preferred + i) % this.addresses.length;
      try {
        const out = await this.listOnce(baseUrl(this.addresses[at]!), path, signal);
        this.preferred = at;
        return out;
      } catch (e) {
        if (signal.aborted || (e instanceof WebHdfsError && e.notFound)) throw e;
        errors.push(message(e));
      }
    }
    throw new WebHdfsError(errors.join('; '));
  }

  /** Every entry under `directory` (not the directory itself), keyed by fileId, in walk order. */
  async walk(directory: string, signal: AbortSignal): Promise<HdfsSnapshot> {
    const out: HdfsSnapshot = {};
    const visit = async (dir: string): Promise<void> => {
      const children = (await this.list(dir, signal)).sort((a, b) =>
        a.pathSuffix < b.pathSuffix ? -1 : a.pathSuffix > b.pathSuffix ? 1 : 0,
      );
      for (const s of children) {
        const path = childPath(dir, s.pathSuffix);
        const entry: HdfsEntry = {
          path,
          modificationTime: s.modificationTime,
          length: s.length,
          permission: s.permission,
          type: s.type,
        };
        // Not bare numbers: integer-like keys would lose the walk order in a JS object.
        out[s.fileId !== undefined ? `id:${s.fileId}` : `path:${path}`] = entry;
        if (s.type === 'DIRECTORY') {
          try {
            await visit(path);
          } catch (e) {
            // Removed between its parent's listing and its own: the next round sees it gone.
            if (!(e instanceof WebHdfsError && e.notFound)) throw e;
          }
        }
      }
    };
    await visit(directory);
    return out;
  }
}
