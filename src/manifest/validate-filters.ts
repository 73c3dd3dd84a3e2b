// Validation of dependency filters and transforms, with Argo's rules plus compile checks of every
// expression, regex, template and script so mistakes surface at apply time, not per event.
import { compileGoRegexp } from '../lang/goregexp/index.js';
import { compileGoTemplate } from '../lang/gotemplate/index.js';
import { compileGovaluate } from '../lang/govaluate/index.js';
import { compileJq } from '../lang/jq/index.js';
import { goParseBool, goParseFloat } from '../lang/strconv/index.js';
import { parseClock, timeFilterZone } from '../engine/filters/time-filter.js';
import type { PathSegment } from '../vocabulary/field-path.js';
import type { Problems } from '../vocabulary/problems.js';
import { listAt, objectAt, oneOf, stringAt, type Obj } from '../vocabulary/shape-checks.js';

export const LOGICAL_OPERATORS = ['and', 'or', ''] as const;
const COMPARATORS = ['>=', '>', '=', '!=', '<', '<=', ''] as const;
const JSON_TYPES = ['string', 'number', 'bool'] as const;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function checkTemplate(p: Problems, src: unknown, path: PathSegment[]): void {
  const s = stringAt(p, src, path, false);
  if (s === undefined) return;
  try {
    compileGoTemplate(s);
  } catch (e) {
    p.add(path, `invalid template: ${message(e)}`);
  }
}

function checkDataFilter(p: Problems, raw: unknown, path: PathSegment[]): void {
  const f = objectAt(p, raw, path, true);
  if (!f) return;
  stringAt(p, f.path, [...path, 'path'], true);
  const type = f.type === undefined ? undefined : oneOf(p, f.type, [...path, 'type'], JSON_TYPES);
  if (f.type === undefined) p.add([...path, 'type'], 'required (string, number or bool)');
  const comparator = oneOf(p, f.comparator, [...path, 'comparator'], COMPARATORS);
  const values = listAt(p, f.value, [...path, 'value'], true);
  if (values && values.length === 0) p.add([...path, 'value'], 'must list at least one value');
  if (type === 'string' && comparator && !['', '=', '!='].includes(comparator)) {
    p.add([...path, 'comparator'], `comparator ${comparator} never matches a string; use "=" or "!="`);
  }
  values?.forEach((v, i) => {
    const vp = [...path, 'value', i];
    if (typeof v !== 'string') {
      p.add(vp, `must be a string (quote it in YAML), got ${JSON.stringify(v)}`);
      return;
    }
    if (type === 'string') {
      try {
        compileGoRegexp(v);
      } catch (e) {
        p.add(vp, message(e));
      }
    } else if (type === 'number' && goParseFloat(v) === undefined) {
      p.add(vp, `${JSON.stringify(v)} is not a number`);
    } else if (type === 'bool' && goParseBool(v) === undefined) {
      p.add(vp, `${JSON.stringify(v)} is not a bool (true, false, 1, 0, t, f)`);
    }
  });
  if (f.template !== undefined) checkTemplate(p, f.template, [...path, 'template']);
}

function checkExprFilter(p: Problems, raw: unknown, path: PathSegment[]): void {
  const f = objectAt(p, raw, path, true);
  if (!f) return;
  const expr = stringAt(p, f.expr, [...path, 'expr'], true);
  const fields = listAt(p, f.fields, [...path, 'fields'], true);
  if (fields && fields.length === 0) p.add([...path, 'fields'], 'must list at least one field');
  fields?.forEach((field, i) => {
    const fo = objectAt(p, field, [...path, 'fields', i], true);
    if (!fo) return;
    stringAt(p, fo.path, [...path, 'fields', i, 'path'], true);
    stringAt(p, fo.name, [...path, 'fields', i, 'name'], true);
  });
  if (expr === undefined) return;
  try {
    compileGovaluate(expr);
  } catch (e) {
    p.add([...path, 'expr'], `invalid expression: ${message(e)}`);
  }
}

function checkTimeFilter(p: Problems, raw: unknown, path: PathSegment[]): void {
  const t = objectAt(p, raw, path, false);
  if (!t) return;
  const start = stringAt(p, t.start, [...path, 'start'], true);
  const stop = stringAt(p, t.stop, [...path, 'stop'], true);
  if (start !== undefined && !parseClock(start))
    p.add([...path, 'start'], `${JSON.stringify(start)} is not a time of day HH:MM:SS`);
  if (stop !== undefined && !parseClock(stop))
    p.add([...path, 'stop'], `${JSON.stringify(stop)} is not a time of day HH:MM:SS`);
  if (start !== undefined && start === stop)
    p.add([...path, 'stop'], `stop is equal to start (${start}): the window would be empty`);
  const tz = stringAt(p, t.timezone, [...path, 'timezone'], false);
  // The same rule the filter applies at run time: exact IANA spelling, Local means UTC.
  if (tz !== undefined && timeFilterZone(tz) === undefined)
    p.add(
      [...path, 'timezone'],
      `unknown time zone ${JSON.stringify(tz)}: use an IANA name such as America/New_York`,
    );
}

export function checkFilters(p: Problems, raw: unknown, path: PathSegment[]): void {
  const f = objectAt(p, raw, path, false);
  if (!f) return;
  listAt(p, f.data, [...path, 'data'], false)?.forEach((d, i) => checkDataFilter(p, d, [...path, 'data', i]));
  listAt(p, f.exprs, [...path, 'exprs'], false)?.forEach((d, i) =>
    checkExprFilter(p, d, [...path, 'exprs', i]),
  );
  oneOf(p, f.dataLogicalOperator, [...path, 'dataLogicalOperator'], LOGICAL_OPERATORS);
  oneOf(p, f.exprLogicalOperator, [...path, 'exprLogicalOperator'], LOGICAL_OPERATORS);
  const ctx = objectAt(p, f.context, [...path, 'context'], false);
  if (ctx) {
    const keys = ['type', 'subject', 'source', 'datacontenttype'].filter(
      (k) => typeof ctx[k] === 'string' && ctx[k] !== '',
    );
    if (keys.length === 0) {
      p.add(
        [...path, 'context'],
        'no fields specified in the context filter (type, subject, source or datacontenttype): every event would be discarded',
      );
    }
  }
  checkTimeFilter(p, f.time, [...path, 'time']);
  stringAt(p, f.script, [...path, 'script'], false);
}

export function checkTransform(p: Problems, raw: unknown, path: PathSegment[]): void {
  const t = objectAt(p, raw, path, false) as Obj | undefined;
  if (!t) return;
  const jq = stringAt(p, t.jq, [...path, 'jq'], false);
  const script = stringAt(p, t.script, [...path, 'script'], false);
  if (jq !== undefined && script !== undefined) p.add(path, 'set either jq or script, not both');
  if (jq === undefined && script === undefined) p.add(path, 'needs jq or script');
  if (jq !== undefined) {
    try {
      compileJq(jq);
    } catch (e) {
      p.add([...path, 'jq'], `invalid jq program: ${message(e)}`);
    }
  }
}
