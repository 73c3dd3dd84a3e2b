// Fields Argo's v1alpha1 types (and Eventide's extensions) do not define: a typo such as
// `filter:` for `filters:` would otherwise be ignored without a word. Free-form maps are not walked.
import { formatFieldPath, type PathSegment } from '../vocabulary/field-path.js';
import { KNOWN_STRUCTS, rootStructOf } from './known-fields/catalogue.js';
import type { FieldKind } from './known-fields/field-kind.js';
import { nearestName } from './nearest-name.js';
import type { Problems } from '../vocabulary/problems.js';

export function reportUnknownFields(warnings: Problems, manifest: unknown): void {
  const kind = (manifest as { kind?: unknown } | null)?.kind;
  const root = rootStructOf(kind);
  if (root) walk(warnings, manifest, root, []);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function walk(warnings: Problems, value: unknown, kind: FieldKind, path: PathSegment[]): void {
  if (kind === 'scalar' || kind === 'free') return;
  if (kind.startsWith('[]')) {
    if (Array.isArray(value)) value.forEach((v, i) => walk(warnings, v, kind.slice(2), [...path, i]));
    return;
  }
  if (kind.startsWith('map:')) {
    if (isObject(value))
      for (const [k, v] of Object.entries(value)) walk(warnings, v, kind.slice(4), [...path, k]);
    return;
  }
  const fields = KNOWN_STRUCTS[kind];
  if (!fields || !isObject(value)) return; // wrong shapes are the validators' business
  for (const [name, v] of Object.entries(value)) {
    const fieldKind = fields[name];
    if (fieldKind !== undefined) {
      walk(warnings, v, fieldKind, [...path, name]);
      continue;
    }
    const where = formatFieldPath([...path, name]);
    const sameLetters = Object.keys(fields).find((f) => f.toLowerCase() === name.toLowerCase());
    if (sameLetters) {
      // Go's JSON decoder matches names in any case, so Argo reads this; Eventide does not.
      warnings.add(
        [...path, name],
        `field ${where} is spelled ${sameLetters} in Argo's types: Argo accepts any case, Eventide reads only ${sameLetters} (this one is ignored)`,
      );
      continue;
    }
    const near = nearestName(name, Object.keys(fields));
    warnings.add(
      [...path, name],
      `unknown field ${where}${near ? ` — did you mean ${near}?` : ''} (it is ignored)`,
    );
  }
}
