// Whether a request asks the ingress to hold its reply until the Sensors decided
// (`?wait=decision` or `Eventide-Wait: decision`) and for how long (`?waitTimeout=` /
// `Eventide-Wait-Timeout:`, a Go duration such as 5s; default 10 s, at most 60 s).
import { parseGoDuration } from '../lang/duration/index.js';

const DEFAULT_WAIT_MS = 10_000;
const MAX_WAIT_MS = 60_000;

export type WaitRequest = { timeoutMs: number } | { error: string } | undefined;

export function waitRequested(query: URLSearchParams, headers: Record<string, string[]>): WaitRequest {
  const mode = query.get('wait') ?? headers['eventide-wait']?.[0];
  if (mode === undefined) return undefined;
  if (mode !== 'decision') return { error: `wait=${mode} is not known; the only value is wait=decision` };
  const raw = query.get('waitTimeout') ?? headers['eventide-wait-timeout']?.[0];
  if (raw === undefined) return { timeoutMs: DEFAULT_WAIT_MS };
  let ms: number;
  try {
    ms = parseGoDuration(raw);
  } catch {
    return { error: `waitTimeout ${JSON.stringify(raw)} is not a duration; use e.g. 5s or 1500ms` };
  }
  if (ms <= 0) return { error: `waitTimeout must be positive, got ${raw}` };
  return { timeoutMs: Math.min(ms, MAX_WAIT_MS) };
}
