// Own-property access for JSON objects: never reach into Object.prototype, and keep a key named
// "__proto__" as data (as JSON.parse does) instead of changing the prototype.

const hasOwn = Object.prototype.hasOwnProperty;

export type JsonObject = Record<string, unknown>;

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The own value under `key`, or undefined. */
export function ownValue(obj: JsonObject, key: string): unknown {
  return hasOwn.call(obj, key) ? obj[key] : undefined;
}

export function setOwn(obj: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}
