// The `openWhisk` trigger: invokes an action through OpenWhisk's REST API, blocking for its
// result as Argo's client does (POST {host}/api/{version}/namespaces/{namespace}/actions/{action}
// ?blocking=true&result=true, the auth token as HTTP Basic). A host without a scheme is https.
// The idempotency key goes along as an `Idempotency-Key` header (OpenWhisk itself ignores it;
// a gateway or the action's web layer can use it).
import type { SecretKeySelector } from '../../../src/vocabulary/manifest-types.js';
import type { TriggerImpl } from '../../trigger-context.js';
import { retryableTriggerError, triggerConfigError, triggerPermissionError } from '../../trigger-errors.js';

interface OpenWhiskSpec {
  host?: string;
  version?: string;
  namespace?: string;
  actionName?: string;
  authToken?: SecretKeySelector;
}

const LABEL = 'openWhisk trigger';

/** The invocation URL Argo's OpenWhisk client builds for this spec. */
function invocationUrl(spec: OpenWhiskSpec): URL {
  const host = (spec.host ?? '').replace(/\/+$/, '');
  const base = host.includes('://') ? host : `https://${host}`;
  // A qualified action (`package/action`) keeps its slash; each part is escaped.
  const action = (spec.actionName ?? '').split('/').map(encodeURIComponent).join('/');
  const ns = encodeURIComponent(spec.namespace || '_');
  const url = new URL(`${base}/api/${spec.version || 'v1'}/namespaces/${ns}/actions/${action}`);
  url.searchParams.set('blocking', 'true');
  url.searchParams.set('result', 'true');
  return url;
}

export const openWhiskTrigger: TriggerImpl = async ({ fire, attempt, services }) => {
  const spec = (fire.template.openWhisk ?? {}) as OpenWhiskSpec;
  if (!spec.host) throw triggerConfigError(`${LABEL}: host is required`, attempt);
  if (!spec.actionName) throw triggerConfigError(`${LABEL}: actionName is required`, attempt);
  let url: URL;
  try {
    url = invocationUrl(spec);
  } catch {
    throw triggerConfigError(`${LABEL}: host ${JSON.stringify(spec.host)} does not make a valid URL`, attempt);
  }
  const headers = new Headers({ 'Content-Type': 'application/json', 'Idempotency-Key': fire.idempotencyKey });
  if (spec.authToken) {
    let token: string;
    try {
      token = services.secrets.get(spec.authToken);
    } catch (e) {
      throw triggerConfigError(`${LABEL}: authToken: ${(e as Error).message}`, attempt);
    }
    headers.set('Authorization', `Basic ${Buffer.from(token).toString('base64')}`);
  }
  const body = fire.payload === undefined ? undefined : typeof fire.payload === 'string' ? fire.payload : JSON.stringify(fire.payload);
  const where = `${url.origin}${url.pathname}`;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(60_000) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    throw retryableTriggerError(`${LABEL}: POST ${where} failed: ${cause ?? (e as Error).message}`, attempt);
  }
  const text = await res.text().catch(() => '');
  const allow = (fire.policy?.status as { allow?: number[] } | undefined)?.allow;
  const ok = allow && allow.length > 0 ? allow.includes(res.status) : res.status >= 200 && res.status < 300;
  if (!ok) {
    const msg = `${LABEL}: POST ${where} answered ${res.status}${allow ? `, allowed: ${allow.join(', ')}` : ''}: ${text.slice(0, 200)}`;
    if (res.status === 401 || res.status === 403) throw triggerPermissionError(`${msg} (check authToken)`, attempt);
    if (res.status === 404) throw triggerConfigError(`${msg} (check namespace and actionName)`, attempt);
    throw retryableTriggerError(msg, attempt);
  }
  return { status: res.status, response: text.slice(0, 200) };
};
