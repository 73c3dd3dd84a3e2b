// SaaS senders post JSON whatever their content type says (SNS sends text/plain): strict UTF-8,
// then JSON, or the 400 reply that says which of the two failed.
import { badBody, type Rejection } from './handler-results.js';

export function parseJsonBody(raw: Buffer, what: string): { value: unknown } | { rejected: Rejection } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return { rejected: badBody(`${what} is not valid UTF-8`) };
  }
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { rejected: badBody(`${what} is not JSON (${(e as Error).message})`) };
  }
}
