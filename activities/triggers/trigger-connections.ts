// The open connections of trigger types, by type and key; closed together on worker shutdown.
import type { TriggerRequest } from '../trigger-context.js';
import type { TriggerTypeDescriptor } from './trigger-type.js';

interface Open {
  conn: Promise<unknown>;
  close(conn: unknown): Promise<void>;
}

const open = new Map<string, Open>();

/** The descriptor's connection for this fire, opened on first use; undefined when it has none. */
export function connectionFor<Conn>(
  d: TriggerTypeDescriptor<Conn>,
  req: TriggerRequest,
): Promise<Conn> | undefined {
  const lifecycle = d.connection;
  if (!lifecycle) return undefined;
  const key = `${d.type}\u0000${lifecycle.key(req)}`;
  const existing = open.get(key);
  if (existing) return existing.conn as Promise<Conn>;
  const conn = lifecycle.open(req);
  // A failed open is not cached: the next fire (a retry) opens again.
  conn.catch(() => {
    if (open.get(key)?.conn === conn) open.delete(key);
  });
  open.set(key, { conn, close: (c) => lifecycle.close(c as Conn) });
  return conn;
}

/** Closes every open trigger connection (worker shutdown); a failing close does not stop the others. */
export async function closeTriggerConnections(): Promise<void> {
  const all = [...open.values()];
  open.clear();
  await Promise.allSettled(all.map(async (o) => o.close(await o.conn)));
}

export function openTriggerConnectionCount(): number {
  return open.size;
}
