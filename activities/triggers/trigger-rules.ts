// What trigger types' validation rules share: the rule signature, and checks of secret
// references, parameter lists and string lists. Pure (no Node API), so validation can load it.
import type { PathSegment } from '../../src/vocabulary/field-path.js';
import type { Problems } from '../../src/vocabulary/problems.js';
import { listAt, objectAt, stringAt, type Obj } from '../../src/vocabulary/shape-checks.js';

export type ParamChecker = (
  p: Problems,
  raw: unknown,
  path: PathSegment[],
  opts?: { allowEmptyDest?: boolean },
) => void;

export function checkSecretRef(p: Problems, raw: unknown, path: PathSegment[], required: boolean): void {
  const s = objectAt(p, raw, path, required);
  if (!s) return;
  stringAt(p, s.name, [...path, 'name'], true);
  stringAt(p, s.key, [...path, 'key'], true);
}

export function checkParams(
  p: Problems,
  raw: unknown,
  path: PathSegment[],
  check: ParamChecker,
  allowEmptyDest = false,
): void {
  listAt(p, raw, path, false)?.forEach((param, i) => check(p, param, [...path, i], { allowEmptyDest }));
}

export function checkStrings(p: Problems, raw: unknown, path: PathSegment[]): void {
  listAt(p, raw, path, false)?.forEach((v, i) => {
    if (typeof v !== 'string') p.add([...path, i], `must be a string, got ${JSON.stringify(v)}`);
  });
}

/** A trigger type's validation of its block (`http:`, `k8s:` …) in a trigger template. */
export type TriggerRule = (p: Problems, spec: Obj, path: PathSegment[], checkParam: ParamChecker) => void;
