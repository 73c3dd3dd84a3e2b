// Registering the endpoint at Stripe (`createWebhook: true`): Stripe's /v1/webhook_endpoints API,
// made idempotent. Argo creates a new endpoint on every start; Eventide reuses the endpoint that
// already has this URL and only updates its enabled events, so restarts and several ingress
// processes leave exactly one registration. The base URL is configurable so tests use a fake.

export const STRIPE_API_BASE_ENV = 'EVENTIDE_STRIPE_API_BASE';
const DEFAULT_API_BASE = 'https://api.stripe.com';
const TIMEOUT_MS = 10_000;

export interface StripeEndpointRequest {
  apiKey: string;
  /** the public URL Stripe posts to */
  url: string;
  /** `eventFilter`, or ['*'] for every event type */
  enabledEvents: string[];
  description?: string;
  apiBase?: string;
  fetch?: typeof fetch;
}

export interface StripeEndpointOutcome {
  id: string;
  action: 'created' | 'updated' | 'unchanged';
}

interface StripeEndpoint {
  id: string;
  url: string;
  enabled_events?: string[];
}

/** Stripe's messages may quote a (masked) key; keep every key-shaped token out of our errors. */
function redactKeys(message: string, apiKey: string): string {
  return message
    .split(apiKey)
    .join('[api key]')
    .replace(/\b(sk|rk|pk)_(live|test)_[A-Za-z0-9*]+/g, '[api key]');
}

class StripeApi {
  private readonly base: string;
  private readonly doFetch: typeof fetch;

  constructor(private readonly r: StripeEndpointRequest) {
    this.base = (r.apiBase ?? process.env[STRIPE_API_BASE_ENV] ?? DEFAULT_API_BASE).replace(/\/+$/, '');
    this.doFetch = r.fetch ?? fetch;
  }

  async call(method: 'GET' | 'POST', path: string, form?: URLSearchParams): Promise<unknown> {
    const init: RequestInit = {
      method,
      headers: {
        authorization: `Bearer ${this.r.apiKey}`,
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    };
    if (form) init.body = form.toString();
    const res = await this.doFetch(`${this.base}${path}`, init);
    const body = (await res.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
    if (!res.ok) {
      const detail = redactKeys(body?.error?.message ?? 'no error message', this.r.apiKey);
      throw new Error(`Stripe API ${method} ${path} answered ${res.status}: ${detail}`);
    }
    return body;
  }

  async findByUrl(url: string): Promise<StripeEndpoint | undefined> {
    let after: string | undefined;
    for (;;) {
      const q = new URLSearchParams({ limit: '100', ...(after ? { starting_after: after } : {}) });
      const page = (await this.call('GET', `/v1/webhook_endpoints?${q}`)) as {
        data?: StripeEndpoint[];
        has_more?: boolean;
      };
      const data = page.data ?? [];
      const found = data.find((e) => e.url === url);
      if (found) return found;
      if (!page.has_more || data.length === 0) return undefined;
      after = data[data.length - 1]!.id;
    }
  }
}

function eventsForm(events: string[]): URLSearchParams {
  const form = new URLSearchParams();
  events.forEach((e, i) => form.append(`enabled_events[${i}]`, e));
  return form;
}

const sameSet = (a: string[], b: string[]) =>
  a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

export async function ensureStripeWebhookEndpoint(r: StripeEndpointRequest): Promise<StripeEndpointOutcome> {
  const api = new StripeApi(r);
  const existing = await api.findByUrl(r.url);
  if (existing) {
    if (sameSet(existing.enabled_events ?? [], r.enabledEvents))
      return { id: existing.id, action: 'unchanged' };
    await api.call(
      'POST',
      `/v1/webhook_endpoints/${encodeURIComponent(existing.id)}`,
      eventsForm(r.enabledEvents),
    );
    return { id: existing.id, action: 'updated' };
  }
  const form = eventsForm(r.enabledEvents);
  form.set('url', r.url);
  if (r.description) form.set('description', r.description);
  const created = (await api.call('POST', '/v1/webhook_endpoints', form)) as { id?: string };
  // The response also holds the endpoint's signing secret; it is deliberately not kept or logged.
  return { id: String(created.id ?? ''), action: 'created' };
}
