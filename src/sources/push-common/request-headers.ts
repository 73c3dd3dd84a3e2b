// Request headers as push sources read them and as Argo's events carry them: Go's http.Header,
// which has canonical names, every value in a list, and no Host (Go moves it to the request).
import type { IngressRequest } from '../source-type.js';

export const MASKED_AUTH = '*** Masked Auth Secret ***';
const MASKED_SECRET_HEADER = '*** Masked Secret ***';

/** First value of a request header (names are lower-case), '' when absent. */
export function header(req: IngressRequest, name: string): string {
  return req.headers[name]?.[0] ?? '';
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}

function canonicalName(lowerCase: string): string {
  return lowerCase.replace(/(^|-)([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

/**
 * The headers an event carries: no Host; Authorization masked when set, as Argo does; the
 * `secretHeaders` (lower-case names of headers that carry a secret, e.g. x-gitlab-token) masked
 * as Argo does not. A header is "set" when any of its values is non-empty, so a token in a
 * repeated header is masked too (Argo looks at the first value only).
 */
export function eventHeaders(
  req: IngressRequest,
  secretHeaders: readonly string[] = [],
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(req.headers)) {
    if (name === 'host') continue;
    const set = values.some((v) => v !== '');
    if (name === 'authorization' && set) out[canonicalName(name)] = [MASKED_AUTH];
    else if (secretHeaders.includes(name) && set) out[canonicalName(name)] = [MASKED_SECRET_HEADER];
    else out[canonicalName(name)] = values;
  }
  return out;
}
