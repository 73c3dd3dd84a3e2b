// What the dashboard shows of payloads, templates and answers. The ingress already masks
// Authorization and secret-carrying headers in events (src/sources/push-common/request-headers.ts)
// and trigger answers are secret-free summaries; this is the second line: any string under a
// key that names a secret is masked the same way before it reaches a page. Secret *references*
// ({name, key} selectors) are objects and stay visible: they say where a secret lives, not what it is.
import { MASKED_AUTH } from '../sources/push-common/request-headers.js';

const SECRET_KEY =
  /(authorization|password|passwd|secret|token|api[-_]?key|private[-_]?key|credential|cookie)/i;
const MASKED = '*** Masked Secret ***';

export function redactForDisplay(value: unknown, depth = 0): unknown {
  if (depth > 64) return '…';
  if (Array.isArray(value)) return value.map((v) => redactForDisplay(v, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (SECRET_KEY.test(k) && isSecretValue(v)) out[k] = maskOf(v);
    else out[k] = redactForDisplay(v, depth + 1);
  }
  return out;
}

function isSecretValue(v: unknown): boolean {
  return typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
}

function maskOf(v: unknown): unknown {
  const one = (s: string) => (s === '' || s === MASKED_AUTH || s.startsWith('*** Masked') ? s : MASKED);
  return Array.isArray(v) ? v.map((s: string) => one(s)) : one(v as string);
}

/** Pretty JSON of a redacted value, for <pre> blocks (escaped by the caller's html``). */
export function displayJson(value: unknown): string {
  if (value === undefined) return '(none)';
  return JSON.stringify(redactForDisplay(value), null, 2) ?? String(value);
}
