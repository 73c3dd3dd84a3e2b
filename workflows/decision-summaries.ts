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
  return newestWithin(recent, budget, 0);
}

/**
 * The live ring of a Sensor's newest decisions: at most `keep` records, and full records only for
 * the newest `fullBytes` (older fired records are summarized), so a Sensor forwarding large
 * payloads keeps a bounded ring in memory. Carry and query answers only ever summarize records
 * further, so this never changes what a workflow commands.
 */
export class DecisionRing {
  readonly items: Decision[];
  private readonly sizes: number[];
  private bytes = 0;
  /** index of the oldest record that may still be full */
  private next = 0;

  constructor(
    initial: readonly Decision[],
    private readonly keep: number,
    private readonly fullBytes: number,
  ) {
    this.items = [];
    this.sizes = [];
    for (const d of initial) this.push(d);
  }

  push(d: Decision): void {
    const size = jsonBytes(d);
    this.items.push(d);
    this.sizes.push(size);
    this.bytes += size;
    if (this.items.length > this.keep) {
      const n = this.items.length - this.keep;
      this.items.splice(0, n);
      for (const s of this.sizes.splice(0, n)) this.bytes -= s;
      this.next = Math.max(0, this.next - n);
    }
    while (this.bytes > this.fullBytes && this.next < this.items.length - 1) {
      const old = this.items[this.next]!;
      if (old.kind === 'fired' && !old.summarized) {
        const small = summarize(old);
        const smallSize = jsonBytes(small);
        this.bytes += smallSize - this.sizes[this.next]!;
        this.sizes[this.next] = smallSize;
        this.items[this.next] = small;
      }
      this.next++;
    }
  }
}

/**
 * The newest decisions whose JSON fits in `budget` (a query answer below Temporal's blob limit):
 * full records for the newest 80% of it, summaries of older fired records in the rest.
 */
export function decisionsWithin(decisions: readonly Decision[], budget: number): Decision[] {
  return newestWithin(decisions, budget, 0.8);
}

/** Newest first within `budget` bytes: full records for `fullShare` of it, summaries after. */
function newestWithin(decisions: readonly Decision[], budget: number, fullShare: number): Decision[] {
  const out: Decision[] = [];
  const fullBudget = budget * fullShare;
  let used = 2;
  for (let i = decisions.length - 1; i >= 0; i--) {
    let d = decisions[i]!;
    let size = jsonBytes(d) + 1;
    if (used + size > fullBudget) {
      d = summarize(d);
      size = jsonBytes(d) + 1;
      if (used + size > budget) break;
    }
    used += size;
    out.push(d);
  }
  return out.reverse();
}
