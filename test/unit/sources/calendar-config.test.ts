// Validation of `calendar` EventSources: Argo's rules, plus everything Argo only finds out when
// the source starts (bad cron, interval, zone, exclusion date), reported with field paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { validatePath, validateText } from '../../../src/manifest/validate-manifest.js';
import { Problems } from '../../../src/vocabulary/problems.js';
import { parseExclusionEntry, readCalendarConfig } from '../../../src/sources/calendar/calendar-config.js';
import { calendarSource } from '../../../src/sources/calendar/calendar-source.js';

const EXAMPLE = '/work/shared/argo-examples/event-sources/calendar.yaml';

function problemsOf(cfg: Record<string, unknown>): string[] {
  const p = new Problems();
  calendarSource.validate(p, cfg, ['spec', 'calendar', 'e']);
  return p.list.map((x) => `${x.path.join('.')}: ${x.message}`);
}

test('Argo’s calendar example validates', () => {
  const r = validatePath(EXAMPLE);
  assert.deepEqual(r.problems, []);
  assert.equal(r.valid.length, 1);
});

test('every commented-out variant of Argo’s example validates too', () => {
  // The example file keeps most of its events commented out; check them as one document.
  const uncommented = readFileSync(EXAMPLE, 'utf8').replace(/^#/gm, '');
  const r = validateText('calendar.yaml', uncommented);
  assert.deepEqual(r.problems, []);
  const spec = r.valid[0]!.manifest.spec as { calendar: Record<string, unknown> };
  assert.ok(Object.keys(spec.calendar).length >= 6);
});

test('schedule or interval: one is required, not both', () => {
  assert.deepEqual(problemsOf({}), [
    'spec.calendar.e: must have either schedule (a 5-field cron expression) or interval (a duration such as 10s)',
  ]);
  assert.deepEqual(problemsOf({ schedule: '', interval: '' }), [
    'spec.calendar.e: must have either schedule (a 5-field cron expression) or interval (a duration such as 10s)',
  ]);
  assert.deepEqual(problemsOf({ schedule: '* * * * *', interval: '10s' }), [
    'spec.calendar.e: set either schedule or interval, not both (Argo silently ignores interval when both are set)',
  ]);
});

test('a bad cron names the field and the reason; descriptors are refused as Argo’s parser does', () => {
  assert.match(
    problemsOf({ schedule: '* * * *' })[0]!,
    /^spec\.calendar\.e\.schedule: .*expected exactly 5 fields/,
  );
  assert.match(problemsOf({ schedule: '61 * * * *' })[0]!, /^spec\.calendar\.e\.schedule: .*minute field/);
  assert.match(
    problemsOf({ schedule: '@hourly' })[0]!,
    /does not accept descriptors: @hourly: write "0 \* \* \* \*"/,
  );
  assert.match(problemsOf({ schedule: '@every 10s' })[0]!, /does not accept descriptors/);
  assert.deepEqual(problemsOf({ schedule: 'CRON_TZ=Asia/Tokyo 0 9 * * MON-FRI' }), []);
});

test('a bad interval: not a Go duration, or under a second', () => {
  assert.match(problemsOf({ interval: '10' })[0]!, /^spec\.calendar\.e\.interval: .*missing unit/);
  assert.match(problemsOf({ interval: '1d' })[0]!, /no day unit/);
  assert.deepEqual(problemsOf({ interval: '500ms' }), [
    'spec.calendar.e.interval: must be at least 1s, got "500ms"',
  ]);
  assert.deepEqual(problemsOf({ interval: '-5s' }), [
    'spec.calendar.e.interval: must be at least 1s, got "-5s"',
  ]);
  assert.deepEqual(problemsOf({ interval: '1h30m' }), []);
});

test('a bad timezone', () => {
  assert.deepEqual(problemsOf({ interval: '1s', timezone: 'Mars/Olympus' }), [
    'spec.calendar.e.timezone: unknown time zone "Mars/Olympus": use an IANA name such as "America/New_York" or "UTC"',
  ]);
  assert.deepEqual(problemsOf({ interval: '1s', timezone: 'Local' }), []);
});

test('exclusion dates: EXDATE: prefix and RFC 5545 UTC date-times, each checked', () => {
  const got = problemsOf({
    schedule: '0 0 * * *',
    exclusionDates: [
      'EXDATE:20190102T150405Z,20190602T160210Z',
      '20190102T150405Z',
      'EXDATE:20190230T000000Z',
      'EXDATE:2019-01-02',
    ],
  });
  assert.equal(got.length, 3);
  assert.match(got[0]!, /^spec\.calendar\.e\.exclusionDates\.1: must start with "EXDATE:"/);
  assert.match(got[1]!, /^spec\.calendar\.e\.exclusionDates\.2: .*day out of range/);
  assert.match(got[2]!, /^spec\.calendar\.e\.exclusionDates\.3: .*cannot parse/);
});

test('exclusion entries name UTC days; the time of day is ignored', () => {
  assert.deepEqual(parseExclusionEntry('EXDATE:20060102T150405Z,20180510T021030Z'), [
    '2006-01-02',
    '2018-05-10',
  ]);
  const p = new Problems();
  const plan = readCalendarConfig(
    p,
    { interval: '1s', exclusionDates: ['EXDATE:20180510T021030Z,20180510T230000Z'] },
    [],
  );
  assert.deepEqual(plan?.exclusionDays, ['2018-05-10']);
});

test('persistence: catchup flags and maxDuration are checked; configMap is accepted', () => {
  assert.deepEqual(
    problemsOf({
      interval: '1s',
      persistence: {
        catchup: { enabled: true, maxDuration: '5m' },
        configMap: { name: 'cm', createIfNotExist: true },
      },
    }),
    [],
  );
  assert.deepEqual(
    problemsOf({ interval: '1s', persistence: { catchup: { enabled: 'yes', maxDuration: '5 minutes' } } }),
    [
      'spec.calendar.e.persistence.catchup.enabled: must be true or false, got string "yes"',
      'spec.calendar.e.persistence.catchup.maxDuration: unknown unit " minutes" in duration "5 minutes": no spaces are allowed between a number and its unit',
    ],
  );
  const p = new Problems();
  const plan = readCalendarConfig(
    p,
    { interval: '1s', persistence: { catchup: { enabled: true, maxDuration: '1h' } } },
    [],
  );
  assert.deepEqual(plan?.catchup, { enabled: true, maxDurationMs: 3_600_000 });
});

test('metadata must map strings to strings; filter.expression must compile', () => {
  assert.deepEqual(problemsOf({ interval: '1s', metadata: { n: 1 } }), [
    'spec.calendar.e.metadata.n: must be a string, got number 1',
  ]);
  assert.match(
    problemsOf({ interval: '1s', filter: { expression: 'eventTime ==' } })[0]!,
    /^spec\.calendar\.e\.filter\.expression: invalid expression/,
  );
  assert.deepEqual(problemsOf({ interval: '1s', filter: { expression: 'metadata.hello == "world"' } }), []);
});

test('validation errors in a manifest carry file, line and field path', () => {
  const r = validateText(
    'cal.yaml',
    [
      'apiVersion: argoproj.io/v1alpha1',
      'kind: EventSource',
      'metadata:',
      '  name: c',
      'spec:',
      '  calendar:',
      '    bad:',
      '      schedule: "* * *"',
      '',
    ].join('\n'),
  );
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0]!.line, 8);
  assert.equal(r.problems[0]!.path, 'spec.calendar.bad.schedule');
});
