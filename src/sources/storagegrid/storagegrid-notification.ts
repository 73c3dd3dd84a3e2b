// StorageGRID bucket notifications arrive SNS-style, as a form: Action=Publish&Message=<JSON>&
// TopicArn=…&Version=…. Argo reads the form the way the qson library does: `a[b]=v` nests, and
// each value that parses as JSON becomes that JSON (so Message becomes an object), else a string.
// A JSON body is taken as the notification itself.

import { exceedsJsonNesting, MAX_JSON_NESTING } from '../push-common/json-nesting.js';

type Json = unknown;

function fieldPath(key: string): string[] {
  const m = /^([^[]*)((?:\[[^\]]*\])*)$/.exec(key);
  if (!m) return [key];
  const nested = [...(m[2] ?? '').matchAll(/\[([^\]]*)\]/g)].map((x) => x[1] ?? '');
  return [m[1] ?? '', ...nested];
}

function jsonOrString(v: string): Json {
  try {
    return JSON.parse(v) as Json;
  } catch {
    return v;
  }
}

/** Own data properties only, so a field named __proto__ is just a field. */
function define(node: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

function setPath(target: Record<string, Json>, path: string[], value: Json): void {
  let node = target;
  for (const seg of path.slice(0, -1)) {
    const next = Object.hasOwn(node, seg) ? node[seg] : undefined;
    if (typeof next !== 'object' || next === null || Array.isArray(next)) define(node, seg, {});
    node = node[seg] as Record<string, Json>;
  }
  define(node, path[path.length - 1]!, value);
}

export type NotificationResult =
  { ok: true; notification: Record<string, Json> } | { ok: false; message: string };

const TOO_DEEP = `the StorageGRID notification nests deeper than ${MAX_JSON_NESTING} levels`;

function parseNotificationForm(text: string): NotificationResult {
  const out: Record<string, Json> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    if (exceedsJsonNesting(value)) return { ok: false, message: TOO_DEEP };
    setPath(out, fieldPath(key), jsonOrString(value));
  }
  return Object.keys(out).length > 0
    ? { ok: true, notification: out }
    : { ok: false, message: 'the StorageGRID notification has no fields' };
}

export function parseNotification(raw: Buffer, contentType: string): NotificationResult {
  const text = raw.toString('utf8');
  const isJson = contentType.toLowerCase().includes('json') || text.trimStart().startsWith('{');
  if (!isJson) return parseNotificationForm(text);
  if (exceedsJsonNesting(text)) return { ok: false, message: TOO_DEEP };
  const parsed = jsonOrString(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, message: 'the StorageGRID notification is not a JSON object' };
  }
  return { ok: true, notification: parsed as Record<string, Json> };
}

/** The key of the first record's object, which the prefix / suffix filter looks at ('' when absent). */
export function objectKey(notification: Record<string, Json>): string {
  const records = (notification.Message as { Records?: unknown[] } | undefined)?.Records;
  const first = Array.isArray(records) ? (records[0] as { s3?: { object?: { key?: unknown } } }) : undefined;
  const key = first?.s3?.object?.key;
  return typeof key === 'string' ? key : '';
}

export function passesKeyFilter(
  key: string,
  filter: { prefix?: string; suffix?: string } | undefined,
): boolean {
  if (!filter) return true;
  return key.startsWith(filter.prefix ?? '') && key.endsWith(filter.suffix ?? '');
}
