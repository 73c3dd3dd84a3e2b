// Small typed readers for untrusted manifest values: each records a problem and returns undefined
// when the value has the wrong shape, so validation reports everything in one pass.
import type { PathSegment } from './field-path.js';
import type { Problems } from './problems.js';

export type Obj = Record<string, unknown>;

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return `${typeof v} ${JSON.stringify(v)}`;
}

export function objectAt(p: Problems, v: unknown, path: PathSegment[], required: boolean): Obj | undefined {
  if (v === undefined || v === null) {
    if (required) p.add(path, 'required');
    return undefined;
  }
  if (!isObject(v)) {
    p.add(path, `must be a map, got ${describe(v)}`);
    return undefined;
  }
  return v;
}

export function listAt(
  p: Problems,
  v: unknown,
  path: PathSegment[],
  required: boolean,
): unknown[] | undefined {
  if (v === undefined || v === null) {
    if (required) p.add(path, 'required');
    return undefined;
  }
  if (!Array.isArray(v)) {
    p.add(path, `must be a list, got ${describe(v)}`);
    return undefined;
  }
  return v;
}

export function stringAt(
  p: Problems,
  v: unknown,
  path: PathSegment[],
  required: boolean,
): string | undefined {
  if (v === undefined || v === null || v === '') {
    if (required) p.add(path, 'required');
    return undefined;
  }
  if (typeof v !== 'string') {
    p.add(path, `must be a string, got ${describe(v)}`);
    return undefined;
  }
  return v;
}

export function boolAt(p: Problems, v: unknown, path: PathSegment[]): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') {
    p.add(path, `must be true or false, got ${describe(v)}`);
    return undefined;
  }
  return v;
}

export function numberAt(
  p: Problems,
  v: unknown,
  path: PathSegment[],
  opts: { required?: boolean; integer?: boolean; min?: number; max?: number } = {},
): number | undefined {
  if (v === undefined || v === null) {
    if (opts.required) p.add(path, 'required');
    return undefined;
  }
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    p.add(path, `must be a number, got ${describe(v)}`);
    return undefined;
  }
  if (opts.integer && !Number.isInteger(n)) {
    p.add(path, `must be a whole number, got ${n}`);
    return undefined;
  }
  if (opts.min !== undefined && n < opts.min) {
    p.add(path, `must be at least ${opts.min}, got ${n}`);
    return undefined;
  }
  if (opts.max !== undefined && n > opts.max) {
    p.add(path, `must be at most ${opts.max}, got ${n}`);
    return undefined;
  }
  return n;
}

export function oneOf<T extends string>(
  p: Problems,
  v: unknown,
  path: PathSegment[],
  allowed: readonly T[],
): T | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    p.add(path, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${describe(v)}`);
    return undefined;
  }
  return v as T;
}

/** Kubernetes object names (RFC 1123 subdomain), which Argo requires of Sensors and EventSources. */
export function isDnsSubdomain(s: string): boolean {
  return s.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(s);
}
