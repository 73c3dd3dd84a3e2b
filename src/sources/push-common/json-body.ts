// JSON request bodies: strict UTF-8, a bounded nesting depth, then JSON, or the 400 reply that
// says which of them failed. Senders post JSON whatever their content type says (SNS sends
// text/plain), and Argo embeds these bodies as raw JSON, so a body that is not JSON is refused.
import { isObject, type Obj } from '../../vocabulary/shape-checks.js';
import { exceedsJsonNesting, MAX_JSON_NESTING } from './json-nesting.js';
import { badBody, type Checked } from './replies.js';

/** The text of a UTF-8 body; undefined when it is not valid UTF-8. */
export function decodeUtf8(raw: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return undefined;
  }
}

/** JSON text → its value; `hint` follows the message of text that does not parse. */
export function parseJsonText(text: string, what: string, hint = ''): Checked<unknown> {
  if (exceedsJsonNesting(text)) {
    return { ok: false, rejected: badBody(`${what} nests deeper than ${MAX_JSON_NESTING} levels`) };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, rejected: badBody(`${what} is not valid JSON (${(e as Error).message})${hint}`) };
  }
}

/** A body (or a form field's text) that must be JSON; empty is refused with its own message. */
export function parseJsonBody(raw: Buffer | string, what: string): Checked<unknown> {
  const text = typeof raw === 'string' ? raw : decodeUtf8(raw);
  if (text === undefined) return { ok: false, rejected: badBody(`${what} is not valid UTF-8`) };
  if (text.trim() === '') return { ok: false, rejected: badBody(`${what} is empty; expected JSON`) };
  return parseJsonText(text, what);
}

/** A body that must be a JSON object. */
export function parseJsonObject(raw: Buffer | string, what: string): Checked<Obj> {
  const parsed = parseJsonBody(raw, what);
  if (!parsed.ok) return parsed;
  return isObject(parsed.value)
    ? { ok: true, value: parsed.value }
    : { ok: false, rejected: badBody(`${what} must be a JSON object`) };
}
