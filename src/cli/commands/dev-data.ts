// Where `eventide dev` keeps the embedded Temporal server's state, so applied Sensors and
// EventSources (and their history) are still there after a restart. One SQLite file per gRPC
// port, so two dev servers on different ports never share a file.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** $EVENTIDE_DATA_DIR, else $XDG_DATA_HOME/eventide, else ~/.local/share/eventide. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.EVENTIDE_DATA_DIR) return env.EVENTIDE_DATA_DIR;
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'eventide');
}

export interface DevStateOptions {
  ephemeral?: boolean;
  dataDir?: string;
  dbFilename?: string;
}

/** The SQLite file of the dev server (created directory and all), or undefined for --ephemeral. */
export function devStateFile(
  opts: DevStateOptions,
  port: number,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (opts.ephemeral) return undefined;
  const file = opts.dbFilename ?? join(opts.dataDir ?? defaultDataDir(env), `dev-${port}.sqlite`);
  mkdirSync(join(file, '..'), { recursive: true });
  return file;
}
