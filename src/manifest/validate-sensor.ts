// Sensor validation: Argo's rules (reconciler/sensor/validate.go) and compile checks of every
// expression, with a field path for each problem.
import { conditionNames, parseConditions, ConditionSyntaxError } from '../engine/conditions.js';
import { ALL_TRIGGER_TYPES, ARGO_TRIGGER_TYPES, triggerTypesOf } from '../engine/trigger-types.js';
import { parseCron } from '../lang/cron/index.js';
import { parseGoDuration } from '../lang/duration/index.js';
import { isValidTimeZone } from '../lang/tz/zoned-time.js';
import { backoffDurationMs } from '../engine/retry-policy.js';
import type { PathSegment } from '../vocabulary/field-path.js';
import type { Problems } from '../vocabulary/problems.js';
import { boolAt, listAt, numberAt, objectAt, oneOf, stringAt, type Obj } from '../vocabulary/shape-checks.js';
import { checkFilters, checkTemplate, checkTransform, LOGICAL_OPERATORS } from './validate-filters.js';
import { findTriggerType, triggerTypeNames } from '../../activities/triggers/registry.js';
import type { ParamChecker } from '../../activities/triggers/trigger-rules.js';

/** The trigger types validation accepts: exactly the registered ones. */
const SUPPORTED_TRIGGER_TYPES: readonly string[] = triggerTypeNames();

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function makeParamChecker(depNames: Set<string>): ParamChecker {
  return (p, raw, path, opts) => {
    const param = objectAt(p, raw, path, true);
    if (!param) return;
    const src = objectAt(p, param.src, [...path, 'src'], true);
    if (!opts?.allowEmptyDest) stringAt(p, param.dest, [...path, 'dest'], true);
    else stringAt(p, param.dest, [...path, 'dest'], false);
    oneOf(p, param.operation, [...path, 'operation'], ['overwrite', 'append', 'prepend', '']);
    if (!src) return;
    const dep = stringAt(p, src.dependencyName, [...path, 'src', 'dependencyName'], true);
    if (dep !== undefined && !depNames.has(dep)) {
      p.add(
        [...path, 'src', 'dependencyName'],
        `unknown dependency ${JSON.stringify(dep)}; the Sensor has ${[...depNames].join(', ')}`,
      );
    }
    for (const k of ['contextKey', 'dataKey', 'value'] as const)
      stringAt(p, src[k], [...path, 'src', k], false);
    if (src.dataTemplate !== undefined) checkTemplate(p, src.dataTemplate, [...path, 'src', 'dataTemplate']);
    if (src.contextTemplate !== undefined)
      checkTemplate(p, src.contextTemplate, [...path, 'src', 'contextTemplate']);
    boolAt(p, src.useRawData, [...path, 'src', 'useRawData']);
  };
}

function checkBackoff(p: Problems, raw: unknown, path: PathSegment[]): void {
  const b = objectAt(p, raw, path, false);
  if (!b) return;
  numberAt(p, b.steps, [...path, 'steps'], { integer: true, min: 0 });
  if (b.duration !== undefined) {
    try {
      const ms = backoffDurationMs(b.duration as string | number);
      if (ms !== undefined && ms < 0) p.add([...path, 'duration'], 'must not be negative');
    } catch (e) {
      p.add([...path, 'duration'], message(e));
    }
  }
  numberAt(p, b.factor, [...path, 'factor'], { min: 0 });
  numberAt(p, b.jitter, [...path, 'jitter'], { min: 0 });
}

function checkTrigger(
  p: Problems,
  raw: unknown,
  path: PathSegment[],
  depNames: Set<string>,
  seenNames: Set<string>,
): void {
  const t = objectAt(p, raw, path, true);
  if (!t) return;
  const checkParam = makeParamChecker(depNames);
  const tpl = objectAt(p, t.template, [...path, 'template'], true);
  if (tpl) checkTemplateBlock(p, tpl, [...path, 'template'], depNames, seenNames, checkParam);
  listAt(p, t.parameters, [...path, 'parameters'], false)?.forEach((x, i) =>
    checkParam(p, x, [...path, 'parameters', i]),
  );
  checkBackoff(p, t.retryStrategy, [...path, 'retryStrategy']);
  const rl = objectAt(p, t.rateLimit, [...path, 'rateLimit'], false);
  if (rl) {
    oneOf(p, rl.unit, [...path, 'rateLimit', 'unit'], ['Second', 'Minute', 'Hour']);
    numberAt(p, rl.requestsPerUnit, [...path, 'rateLimit', 'requestsPerUnit'], {
      required: true,
      integer: true,
      min: 1,
    });
  }
  const policy = objectAt(p, t.policy, [...path, 'policy'], false);
  if (policy) {
    const status = objectAt(p, policy.status, [...path, 'policy', 'status'], false);
    if (status) {
      const allow = listAt(p, status.allow, [...path, 'policy', 'status', 'allow'], true);
      if (allow && allow.length === 0)
        p.add([...path, 'policy', 'status', 'allow'], 'list of allowed response status is not specified');
      allow?.forEach((s, i) =>
        numberAt(p, s, [...path, 'policy', 'status', 'allow', i], { integer: true, min: 100, max: 599 }),
      );
    }
    const k8s = objectAt(p, policy.k8s, [...path, 'policy', 'k8s'], false);
    if (k8s) objectAt(p, k8s.labels, [...path, 'policy', 'k8s', 'labels'], true);
  }
  const atLeastOnce = boolAt(p, t.atLeastOnce, [...path, 'atLeastOnce']);
  if (t.dlqTrigger !== undefined) {
    if (atLeastOnce !== true)
      p.add([...path, 'atLeastOnce'], 'to use dlqTrigger, atLeastOnce must be set to true');
    const dlq = objectAt(p, t.dlqTrigger, [...path, 'dlqTrigger'], false);
    if (dlq) {
      if (dlq.atLeastOnce !== true)
        p.add(
          [...path, 'dlqTrigger', 'atLeastOnce'],
          'atLeastOnce must be set to true within the dlqTrigger',
        );
      if (dlq.dlqTrigger !== undefined)
        p.add([...path, 'dlqTrigger', 'dlqTrigger'], 'a dlqTrigger cannot have a dlqTrigger of its own');
      checkTrigger(p, dlq, [...path, 'dlqTrigger'], depNames, new Set());
    }
  }
}

function checkTemplateBlock(
  p: Problems,
  tpl: Obj,
  path: PathSegment[],
  depNames: Set<string>,
  seenNames: Set<string>,
  checkParam: ParamChecker,
): void {
  const name = stringAt(p, tpl.name, [...path, 'name'], true);
  if (name !== undefined) {
    if (seenNames.has(name)) p.add([...path, 'name'], `duplicate trigger name: ${name}`);
    seenNames.add(name);
  }
  const types = triggerTypesOf(tpl);
  // Go matches JSON field names case-insensitively, so Argo reads `openwhisk:` as openWhisk.
  const miscased = Object.keys(tpl)
    .map((k) => [k, ALL_TRIGGER_TYPES.find((t) => t !== k && t.toLowerCase() === k.toLowerCase())] as const)
    .filter((pair): pair is readonly [string, string] => pair[1] !== undefined);
  for (const [written, type] of miscased) {
    p.add(
      [...path, written],
      SUPPORTED_TRIGGER_TYPES.includes(type)
        ? `write ${type}: field names are case-sensitive in Eventide`
        : `unsupported trigger type: ${type} (written ${written})`,
    );
  }
  if (types.length === 0 && miscased.length === 0) {
    p.add(path, `no trigger type: set one of ${[...SUPPORTED_TRIGGER_TYPES].join(', ')}`);
  } else if (types.length > 1) {
    p.add(path, `more than one trigger type (${types.join(', ')}): a template holds exactly one`);
  }
  for (const type of types) {
    if (!SUPPORTED_TRIGGER_TYPES.includes(type)) {
      const known = (ARGO_TRIGGER_TYPES as readonly string[]).includes(type);
      p.add(
        [...path, type],
        `unsupported trigger type: ${type}${known ? ' (an Argo Events trigger Eventide does not run yet)' : ''}`,
      );
      continue;
    }
    const spec = objectAt(p, tpl[type], [...path, type], true);
    if (spec) findTriggerType(type)?.validate(p, spec, [...path, type], checkParam);
  }
  const conditions = stringAt(p, tpl.conditions, [...path, 'conditions'], false);
  if (conditions !== undefined) {
    try {
      const unknown = conditionNames(parseConditions(conditions)).filter((n) => !depNames.has(n));
      if (unknown.length > 0) {
        p.add(
          [...path, 'conditions'],
          `unknown dependenc${unknown.length > 1 ? 'ies' : 'y'} ${unknown.join(', ')}; the Sensor has ${[...depNames].join(', ')}`,
        );
      }
    } catch (e) {
      p.add([...path, 'conditions'], e instanceof ConditionSyntaxError ? e.message : message(e));
    }
  }
  listAt(p, tpl.conditionsReset, [...path, 'conditionsReset'], false)?.forEach((r, i) => {
    const rp = [...path, 'conditionsReset', i];
    const ro = objectAt(p, r, rp, true);
    if (!ro) return;
    const byTime = objectAt(p, ro.byTime, [...rp, 'byTime'], true);
    if (!byTime) return;
    const cron = stringAt(p, byTime.cron, [...rp, 'byTime', 'cron'], true);
    if (cron !== undefined) {
      try {
        parseCron(cron);
      } catch (e) {
        p.add([...rp, 'byTime', 'cron'], `invalid cron expression ${JSON.stringify(cron)}: ${message(e)}`);
      }
    }
    const tz = stringAt(p, byTime.timezone, [...rp, 'byTime', 'timezone'], false);
    if (tz !== undefined && !isValidTimeZone(tz))
      p.add([...rp, 'byTime', 'timezone'], `invalid timezone ${JSON.stringify(tz)}`);
  });
  const window = stringAt(p, tpl.correlationWindow, [...path, 'correlationWindow'], false);
  if (window !== undefined) {
    try {
      if (parseGoDuration(window) <= 0)
        p.add([...path, 'correlationWindow'], 'must be a positive duration, e.g. 10m');
    } catch (e) {
      p.add([...path, 'correlationWindow'], message(e));
    }
  }
}

export function validateSensorSpec(p: Problems, raw: unknown): void {
  const spec = objectAt(p, raw, ['spec'], true);
  if (!spec) return;
  const deps = listAt(p, spec.dependencies, ['spec', 'dependencies'], true);
  if (deps && deps.length === 0) p.add(['spec', 'dependencies'], 'no event dependencies found');
  const depNames = new Set<string>();
  deps?.forEach((d, i) => {
    const path: PathSegment[] = ['spec', 'dependencies', i];
    const dep = objectAt(p, d, path, true);
    if (!dep) return;
    const name = stringAt(p, dep.name, [...path, 'name'], true);
    if (name !== undefined) {
      if (depNames.has(name)) p.add([...path, 'name'], `duplicate dependency name: ${name}`);
      if (/[()&|\s]/.test(name))
        p.add(
          [...path, 'name'],
          'must not contain spaces, parentheses, & or | (it is used in trigger conditions)',
        );
      depNames.add(name);
    }
    stringAt(p, dep.eventSourceName, [...path, 'eventSourceName'], true);
    stringAt(p, dep.eventName, [...path, 'eventName'], true);
    oneOf(p, dep.filtersLogicalOperator, [...path, 'filtersLogicalOperator'], LOGICAL_OPERATORS);
    checkFilters(p, dep.filters, [...path, 'filters']);
    if (dep.transform !== undefined) checkTransform(p, dep.transform, [...path, 'transform']);
  });
  const triggers = listAt(p, spec.triggers, ['spec', 'triggers'], true);
  if (triggers && triggers.length === 0) p.add(['spec', 'triggers'], 'no triggers found');
  const seen = new Set<string>();
  triggers?.forEach((t, i) => checkTrigger(p, t, ['spec', 'triggers', i], depNames, seen));
}
