// JSON calls to a Git host's REST API (hook management, lookups), over a caller-supplied fetch so
// tests point it at a local fake. Errors name the method, URL and status, never the credentials
// (they travel in headers only).

export type FetchFn = typeof fetch;

class HostApiError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    detail: string,
  ) {
    super(`${method} ${url} answered ${status}${detail ? `: ${detail}` : ''}`);
    this.name = 'HostApiError';
  }
}

export interface HostResponse {
  status: number;
  body: unknown;
  headers: Headers;
}

/** Gerrit prefixes JSON with )]}' against cross-site script inclusion. */
const XSSI_PREFIX = ")]}'";

function parseBody(text: string): unknown {
  const t = text.startsWith(XSSI_PREFIX) ? text.slice(XSSI_PREFIX.length) : text;
  if (t.trim() === '') return undefined;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return t;
  }
}

/** The host's own explanation: `message`, `error`, or the first of `errors` (GitHub, GitLab, Atlassian shapes). */
function detailOf(body: unknown): string {
  if (typeof body === 'string') return body.slice(0, 200);
  if (!body || typeof body !== 'object') return '';
  const o = body as Record<string, unknown>;
  let msg = o.message ?? o.error ?? (Array.isArray(o.errors) ? o.errors[0] : undefined);
  if (msg && typeof msg === 'object' && typeof (msg as { message?: unknown }).message === 'string') {
    msg = (msg as { message: string }).message;
  }
  if (typeof msg === 'string') return msg.slice(0, 200);
  return msg === undefined ? '' : JSON.stringify(msg).slice(0, 200);
}

export async function hostJson(
  fetchFn: FetchFn,
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<HostResponse> {
  let res: Response;
  try {
    res = await fetchFn(url, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (e) {
    throw new HostApiError(method, url, 0, `request failed (${(e as Error).message})`);
  }
  const parsed = parseBody(await res.text());
  if (res.status < 200 || res.status > 299) throw new HostApiError(method, url, res.status, detailOf(parsed));
  return { status: res.status, body: parsed, headers: res.headers };
}

/**
 * Every item of a paginated GET, from `firstUrl` on: `page` reads one response into its items and
 * the URL of the next page (undefined on the last). Each host paginates its own way.
 */
export async function getAllPages<T>(
  fetchFn: FetchFn,
  firstUrl: string,
  headers: Record<string, string>,
  page: (res: HostResponse) => { items: T[]; next: string | undefined },
): Promise<T[]> {
  const out: T[] = [];
  let url: string | undefined = firstUrl;
  while (url) {
    const { items, next } = page(await hostJson(fetchFn, 'GET', url, headers));
    out.push(...items);
    url = next;
  }
  return out;
}

/** base + path, with exactly one slash between them. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
