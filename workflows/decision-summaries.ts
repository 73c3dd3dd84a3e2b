// The recent-decisions ring a Sensor carries across continue-as-new: summaries (no fired
// template, resource or payload) within a byte budget. Full records stay in history, where
// `eventide explain` reads them.
import type { Decision } from '../src/engine/types.js';
import { jsonBytes } from './task-budget.js';

export function summarize(d: Decision): Decision {
  if (d.kind !== 'fired') return d;
  const { template: _t, resource: _r, payload: _p, ...rest } = d;
  return { ...rest, template: {}, summarized: true };
}

/** The newest decisions, summarized, whose JSON fits in `budget` bytes; oldest dropped first. */
export function carriedDecisions(recent: readonly Decision[], budget: number): Decision[] {
  const out: Decision[] = [];
  let used = 2;
  for (let i = recent.length - 1; i >= 0; i--) {
    const s = summarize(recent[i]!);
    const size = jsonBytes(s) + 1;
    if (used + size > budget) break;
    used += size;
    out.push(s);
  }
  return out.reverse();
}
