// Dates: everything in UTC, with gojq's (timefmt-go) formatting and parsing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileJq } from '../../../../src/lang/jq/index.js';

const jq = (q: string, input: unknown = null): unknown[] => compileJq(q).run(input);

describe('dates', () => {
  it('todate / fromdate round trip (jq manual example)', () => {
    assert.deepEqual(jq('todate, (todate | fromdate)', 1425599507), ['2015-03-05T23:51:47Z', 1425599507]);
    assert.deepEqual(jq('fromdate', '2015-03-05T23:51:47+09:00'), [1425567107]);
    assert.deepEqual(jq('todate', 1425599507.9), ['2015-03-05T23:51:47Z']);
  });

  it('gmtime / mktime', () => {
    assert.deepEqual(jq('gmtime', 1425599507.5), [[2015, 2, 5, 23, 51, 47.5, 4, 63]]);
    assert.deepEqual(jq('mktime', [2015, 2, 5, 23, 51, 47, 4, 63]), [1425599507]);
    assert.deepEqual(jq('mktime', [2015, 11, 32]), [1451606400], 'fields normalise like Go time.Date');
    assert.throws(() => jq('mktime', ['x']), {
      message: 'mktime cannot be applied to ["x"]: expected an array of 8 numbers',
    });
  });

  it('strftime directives', () => {
    assert.deepEqual(jq('strftime("%A, %B %d, %Y %j %e %I %p %Z %z %s")', 1425599507), [
      'Thursday, March 05, 2015 064  5 11 PM UTC +0000 1425599507',
    ]);
    assert.deepEqual(jq('strftime("%F %T|%D|%R|%-d|%5Y|%^a|%%")', 1425599507), [
      '2015-03-05 23:51:47|03/05/15|23:51|5|02015|THU|%',
    ]);
  });

  it('strptime', () => {
    assert.deepEqual(jq('strptime("%d/%m/%y %I:%M %p") | mktime | todate', '05/03/15 11:51 pm'), [
      '2015-03-05T23:51:00Z',
    ]);
    assert.deepEqual(jq('strptime("%Y-%m-%dT%H:%M:%S.%fZ")', '2015-03-05T23:51:47.125Z'), [
      [2015, 2, 5, 23, 51, 47.125, 4, 63],
    ]);
    assert.throws(() => jq('fromdate', '2015-03-05'), {
      message:
        'strptime("%Y-%m-%dT%H:%M:%S%z") cannot be applied to "2015-03-05": failed to parse "2015-03-05" with "%Y-%m-%dT%H:%M:%S%z": expected \'T\'',
    });
  });

  it('localtime is UTC (the zone of Argo controller images)', () => {
    assert.deepEqual(jq('localtime == gmtime, strflocaltime("%H")', 0), [true, '00']);
  });
});
