// The `http` trigger: sends the built payload to a URL. A response counts as success when its
// status is in policy.status.allow, or is 2xx when no policy is set (Argo accepts any status).
import type { SecretKeySelector } from '../../../src/vocabulary/manifest-types.js';
import type { TriggerImpl } from '../../trigger-context.js';
import { retryableTriggerError, triggerConfigError } from '../../trigger-errors.js';
import { injectTraceHeaders } from '../../../src/tracing/fire-span.js';

interface HttpSpec {
  url?: string;
  method?: string;
  headers?: Record<string, string>;
  secureHeaders?: { name?: string; valueFrom?: { secretKeyRef?: SecretKeySelector } }[];
  basicAuth?: { username?: SecretKeySelector; password?: SecretKeySelector };
  /** seconds */
  timeout?: number;
}

const IDEMPOTENCY_HEADER = 'Idempotency-Key';

export const httpTrigger: TriggerImpl = async ({ fire, attempt, services }) => {
  const spec = (fire.template.http ?? {}) as HttpSpec;
  if (!spec.url) throw triggerConfigError('http trigger: url is required', attempt);
  let url: URL;
  try {
    url = new URL(spec.url);
  } catch {
    throw triggerConfigError(`http trigger: url ${JSON.stringify(spec.url)} is not a valid URL`, attempt);
  }
  const method = (spec.method ?? 'POST').toUpperCase();
  const headers = new Headers();
  for (const [k, v] of Object.entries(spec.headers ?? {})) headers.set(k, String(v));
  try {
    for (const h of spec.secureHeaders ?? []) {
      if (h.name && h.valueFrom?.secretKeyRef)
        headers.set(h.name, services.secrets.get(h.valueFrom.secretKeyRef));
    }
    if (spec.basicAuth?.username || spec.basicAuth?.password) {
      const user = spec.basicAuth.username ? services.secrets.get(spec.basicAuth.username) : '';
      const pass = spec.basicAuth.password ? services.secrets.get(spec.basicAuth.password) : '';
      headers.set('Authorization', `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`);
    }
  } catch (e) {
    throw triggerConfigError(`http trigger: ${(e as Error).message}`, attempt);
  }
  headers.set(IDEMPOTENCY_HEADER, fire.idempotencyKey);
  injectTraceHeaders(headers);
  let body: string | undefined;
  if (fire.payload !== undefined && method !== 'GET' && method !== 'HEAD') {
    if (typeof fire.payload === 'string') {
      body = fire.payload;
    } else {
      body = JSON.stringify(fire.payload);
      if (!headers.has('content-type')) headers.set('Content-Type', 'application/json');
    }
  }
  const timeoutMs = (spec.timeout && spec.timeout > 0 ? spec.timeout : 60) * 1000;
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    throw retryableTriggerError(
      `http trigger: ${method} ${url.origin}${url.pathname} failed: ${cause ?? (e as Error).message}`,
      attempt,
    );
  }
  // Drain the body so the connection is reused; keep only a short excerpt for the audit.
  const text = await res.text().catch(() => '');
  const allow = (fire.policy?.status as { allow?: number[] } | undefined)?.allow;
  const ok = allow && allow.length > 0 ? allow.includes(res.status) : res.status >= 200 && res.status < 300;
  if (!ok) {
    throw retryableTriggerError(
      `http trigger: ${method} ${url.origin}${url.pathname} answered ${res.status}` +
        (allow ? `, allowed: ${allow.join(', ')}` : ', expected 2xx'),
      attempt,
    );
  }
  return { status: res.status, response: text.slice(0, 200) };
};
