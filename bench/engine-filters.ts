// Events per second on one core for a dependency's filters and a trigger parameter, through
// the engine's own entry points, on realistic GitHub push webhooks (~20 commits each).
// Run: npx tsx bench/engine-filters.ts  (EVENTIDE_BENCH_MS=<ms per run> to change the duration)
import { toEventView, type EventView } from '../src/engine/cloudevent.js';
import { evaluateFilters } from '../src/engine/filters/evaluate-filters.js';
import { resolveParameterValue } from '../src/engine/parameters/resolve-value.js';
import type { EventDependency, TriggerParameterSource } from '../src/vocabulary/manifest-types.js';
import { githubPushEvent } from './github-push-event.js';
import { measure, printTable } from './measure.js';

const MS = Number(process.env.EVENTIDE_BENCH_MS ?? 1000);
const NOW = Date.UTC(2024, 6, 15, 10, 0, 0);

const events = Array.from({ length: 64 }, (_, i) => githubPushEvent(i));
const texts = events.map((e) => JSON.stringify(e));
const views: EventView[] = events.map((e) => toEventView(e, NOW));

function dependency(filters: EventDependency['filters']): EventDependency {
  return { name: 'push', eventSourceName: 'github', eventName: 'push', filters };
}

const dataFilter = dependency({
  data: [
    { path: 'body.ref', type: 'string', value: ['^refs/heads/(main|master)$'] },
    { path: 'body.repository.private', type: 'bool', value: ['false'] },
  ],
});
const exprFilter = dependency({
  exprs: [
    {
      expr: 'ref == "refs/heads/main" && private == false && commits > 0',
      fields: [
        { name: 'ref', path: 'body.ref' },
        { name: 'private', path: 'body.repository.private' },
        { name: 'commits', path: 'body.commits.#' },
      ],
    },
  ],
});
const scriptFilter = dependency({
  script:
    'return event.body.ref == "refs/heads/main" and event.body.repository.private == false and #event.body.commits > 0',
});
const templateParam: TriggerParameterSource = {
  dependencyName: 'push',
  dataTemplate:
    '{{ .Input.body.head_commit.author.name }} pushed {{ len .Input.body.commits }} commits to {{ .Input.body.repository.full_name }}',
};

// Sanity: every measured path decides as expected on these events (3 of 4 are on main).
const passes = (dep: EventDependency) => views.filter((v) => evaluateFilters(dep, v, NOW).pass).length;
for (const [name, dep] of [
  ['data', dataFilter],
  ['expr', exprFilter],
  ['script', scriptFilter],
] as const) {
  if (passes(dep) !== 48) throw new Error(`${name} filter passed ${passes(dep)} of 64 events, expected 48`);
}
const sample = resolveParameterValue(templateParam, { push: views[0]! }, NOW);
if (sample?.value !== 'Developer 4 pushed 20 commits to octo-org/octo-repo') {
  throw new Error(`unexpected template result ${JSON.stringify(sample)}`);
}

const baseline = measure('JSON.parse', texts, (t) => JSON.parse(t), MS);
const rows = [
  baseline,
  measure('empty loop', views, (v) => v.timeMs > 0, MS),
  {
    ...measure('data filter (regex + bool)', views, (v) => evaluateFilters(dataFilter, v, NOW).pass, MS),
    target: 200_000,
  },
  {
    ...measure('expr filter (3 fields)', views, (v) => evaluateFilters(exprFilter, v, NOW).pass, MS),
    target: 50_000,
  },
  measure('Lua script filter', views, (v) => evaluateFilters(scriptFilter, v, NOW).pass, MS),
  measure('dataTemplate parameter', views, (v) => resolveParameterValue(templateParam, { push: v }, NOW), MS),
];
console.log(
  `GitHub push events (${texts[0]!.length} bytes of JSON each), node ${process.version}, one core\n`,
);
printTable(rows, baseline);
