// The request body as Argo's webhook reads it: GET → the query as {key: [values]}, form posts →
// {key: [values]}, anything else → JSON (text that is not JSON is rejected unless the content
// type says it is text).
import { exceedsJsonNesting, MAX_JSON_NESTING } from './json-nesting.js';

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
  const ct = req.contentType.split(';')[0]!.trim().toLowerCase();
  if (ct === 'application/x-www-form-urlencoded') {
    return { ok: true, value: multiMap(new URLSearchParams(req.rawBody.toString('utf8'))) };
  }
  if (req.rawBody.length === 0) return { ok: true, value: null };
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let decoded: string;
  try {
    decoded = text.decode(req.rawBody);
  } catch {
    return { ok: false, message: 'request body is not valid UTF-8' };
  }
  if (ct.startsWith('text/')) return { ok: true, value: decoded };
  if (exceedsJsonNesting(decoded)) {
    return { ok: false, message: `request body nests deeper than ${MAX_JSON_NESTING} levels` };
  }
  try {
    return { ok: true, value: JSON.parse(decoded) };
  } catch (e) {
    return {
      ok: false,
      message: `request body is not valid JSON (${(e as Error).message}); send JSON, a form, or a text/* content type`,
    };
  }
}
