// The request body as Argo's webhook reads it: GET → the query as {key: [values]}, form posts →
// {key: [values]}, anything else → JSON (text that is not JSON is rejected unless the content
// type says it is text).
import { mediaType } from '../push-common/request-headers.js';
import { decodeUtf8, parseJsonText } from '../push-common/json-body.js';

export type BodyResult = { ok: true; value: unknown } | { ok: false; message: string };

function multiMap(params: URLSearchParams): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of params) (out[k] ??= []).push(v);
  return out;
}

export function parseRequestBody(req: {
  method: string;
  query: URLSearchParams;
  rawBody: Buffer;
  contentType: string;
}): BodyResult {
  if (req.method === 'GET') return { ok: true, value: multiMap(req.query) };
  const ct = mediaType(req.contentType);
  if (ct === 'application/x-www-form-urlencoded') {
    return { ok: true, value: multiMap(new URLSearchParams(req.rawBody.toString('utf8'))) };
  }
  if (req.rawBody.length === 0) return { ok: true, value: null };
  const decoded = decodeUtf8(req.rawBody);
  if (decoded === undefined) return { ok: false, message: 'request body is not valid UTF-8' };
  if (ct.startsWith('text/')) return { ok: true, value: decoded };
  const parsed = parseJsonText(decoded, 'request body', '; send JSON, a form, or a text/* content type');
  return parsed.ok ? parsed : { ok: false, message: parsed.rejected.message };
}
