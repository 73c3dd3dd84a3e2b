// sprig date functions and Go reference-time layouts (deterministic inputs only).
// Expected values are what Go's text/template with sprig v3.3.0 (as linked into Argo Events)
// produced for the same template and input; rows are [name, template, .Input, expected].
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render, renderError } from './helpers.js';

const CASES: Array<[string, string, unknown, string]> = [
  [
    'toDate and date',
    '{{ date "2006-01-02" (toDate "2006-01-02" "2024-02-29") }} {{ toDate "2006-01-02" "2024-02-29" }} {{ toDate "2006-01-02" "bad" }} {{ unixEpoch (toDate "2006-01-02T15:04:05Z07:00" "2024-01-01T10:00:00+02:00") }}',
    {},
    '2024-02-29 2024-02-29 00:00:00 +0000 UTC 0001-01-01 00:00:00 +0000 UTC 1704096000',
  ],
  [
    'parsed zones',
    '{{ toDate "2006-01-02T15:04:05Z07:00" "2024-01-01T10:00:00+02:00" }} | {{ toDate "2006-01-02T15:04:05Z07:00" "2024-01-01T10:00:00Z" }} | {{ toDate "2006-01-02 15:04:05 MST" "2024-01-01 10:00:00 EST" }} | {{ toDate "2006-01-02 15:04:05 MST" "2024-01-01 10:00:00 GMT+3" }}',
    {},
    '2024-01-01 10:00:00 +0200 +0200 | 2024-01-01 10:00:00 +0000 UTC | 2024-01-01 10:00:00 +0000 EST | 2024-01-01 13:00:00 +0300 GMT+3',
  ],
  [
    'layout tokens',
    '{{ toDate "Mon, 02 Jan 2006 15:04:05 -0700" "Tue, 05 Mar 2024 07:08:09 +0530" | date "2006-01-02T15:04:05.000Z07:00 MST Monday January _2 __2 002 3 03 pm PM" }}',
    {},
    '2024-03-05T01:38:09.000Z UTC Tuesday March  5  65 065 1 01 am AM',
  ],
  [
    'fractional seconds',
    '{{ toDate "2006-01-02T15:04:05.999999999Z07:00" "2024-03-05T07:08:09.123456789Z" | date "15:04:05.000000 .999 ,000 .9" }} {{ (toDate "2006-01-02T15:04:05Z07:00" "2024-03-05T07:08:09.5Z") }}',
    {},
    '07:08:09.123456 .123 ,123 .1 2024-03-05 07:08:09.5 +0000 UTC',
  ],
  [
    'dateInZone across the New York spring-forward and fall-back transitions',
    '{{ dateInZone "2006-01-02 15:04:05 MST -0700" (toDate "2006-01-02T15:04:05Z" "2024-03-10T06:59:59Z") "America/New_York" }} {{ dateInZone "2006-01-02 15:04:05 MST -0700" (toDate "2006-01-02T15:04:05Z" "2024-03-10T07:00:00Z") "America/New_York" }} {{ dateInZone "2006-01-02 15:04 MST" (toDate "2006-01-02T15:04:05Z" "2024-11-03T05:30:00Z") "America/New_York" }} {{ dateInZone "2006-01-02 15:04 MST" (toDate "2006-01-02T15:04:05Z" "2024-11-03T06:30:00Z") "America/New_York" }}',
    {},
    '2024-03-10 01:59:59 EST -0500 2024-03-10 03:00:00 EDT -0400 2024-11-03 01:30 EDT 2024-11-03 01:30 EST',
  ],
  [
    'dateInZone zones and fallbacks',
    '{{ dateInZone "15:04 MST" (toDate "2006-01-02" "2024-07-01") "Europe/Berlin" }} {{ dateInZone "15:04 MST" (toDate "2006-01-02" "2024-07-01") "Asia/Kolkata" }} {{ dateInZone "15:04 MST" (toDate "2006-01-02" "2024-07-01") "Bad/Zone" }} {{ date_in_zone "15:04 MST" (toDate "2006-01-02" "2024-07-01") "Asia/Tokyo" }} {{ htmlDateInZone (toDate "2006-01-02" "2024-07-01") "Pacific/Auckland" }} {{ htmlDate (toDate "2006-01-02" "2024-07-01") }}',
    {},
    '02:00 CEST 05:30 IST 00:00 UTC 09:00 JST 2024-07-01 2024-07-01',
  ],
  [
    'zone abbreviations Go prints',
    '{{ $t := toDate "2006-01-02" "2024-01-15" }}{{ range list "Europe/London" "Australia/Sydney" "America/Sao_Paulo" "Asia/Singapore" "Asia/Shanghai" "Europe/Moscow" "Asia/Dubai" "America/Los_Angeles" "Asia/Kathmandu" "America/St_Johns" "Etc/GMT+5" }}{{ dateInZone "MST" $t . }} {{ end }}',
    {},
    'GMT AEDT -03 +08 CST MSK +04 PST +0545 NST -05 ',
  ],
  [
    'date accepts int and int64 seconds',
    '{{ date "2006-01-02 15:04:05" 1700000000 }} {{ date "2006-01-02" (int64 1700000000) }} {{ dateInZone "2006-01-02 15:04" 0 "UTC" }}',
    {},
    '2023-11-14 22:13:20 2023-11-14 1970-01-01 00:00',
  ],
  [
    'dateModify',
    '{{ dateModify "1h30m" (toDate "2006-01-02" "2024-01-01") }} {{ dateModify "bad" (toDate "2006-01-02" "2024-01-01") }} {{ date_modify "-24h" (toDate "2006-01-02" "2024-01-01") }}',
    {},
    '2024-01-01 01:30:00 +0000 UTC 2024-01-01 00:00:00 +0000 UTC 2023-12-31 00:00:00 +0000 UTC',
  ],
  [
    'duration and durationRound',
    '{{ duration "95" }} {{ duration 95 }} {{ duration (int64 3600) }} {{ duration "x" }} {{ duration "-61" }} {{ durationRound "2h10m" }} {{ durationRound "35d" }} {{ durationRound "400d" }} {{ durationRound (int64 5000000000) }} {{ durationRound "1s" }} {{ durationRound "1.5s" }} {{ durationRound 5 }}',
    {},
    '1m35s 0s 1h0m0s 0s -1m1s 2h 0s 0s 5s 0s 1s 0s',
  ],
  [
    'durationRound buckets',
    '{{ durationRound "8760h1s" }} {{ durationRound "-3h5m" }} {{ durationRound "720h1s" }}',
    {},
    '1y 3h 1mo',
  ],
  [
    'more layouts',
    '{{ toDate "2006-01-02" "0001-01-01" }} {{ (toDate "x" "y").IsZero }} {{ toDate "02/01/06 3:04PM" "15/03/24 11:30AM" }} {{ toDate "02/01/06 3:04PM" "15/03/69 12:30AM" }} {{ toDate "2006-002" "2024-060" }}',
    {},
    '0001-01-01 00:00:00 +0000 UTC true 2024-03-15 11:30:00 +0000 UTC 1969-03-15 00:30:00 +0000 UTC 2024-02-29 00:00:00 +0000 UTC',
  ],
  [
    'month names, padding and fractional input',
    '{{ toDate "Jan _2 15:04:05" "Mar  5 07:08:09" }} {{ toDate "January 2, 2006" "march 5, 2024" }} {{ toDate "20060102150405" "20240305070809" }} {{ toDate "2006-01-02T15:04:05" "2024-03-05T07:08:09.123" }}',
    {},
    '0000-03-05 07:08:09 +0000 UTC 2024-03-05 00:00:00 +0000 UTC 2024-03-05 07:08:09 +0000 UTC 2024-03-05 07:08:09.123 +0000 UTC',
  ],
];

for (const [name, tpl, input, want] of CASES) {
  test(name, () => assert.equal(render(tpl, input), want));
}

/** Go's exact error text: [name, template, .Input, error]. */
const ERRORS: Array<[string, string, unknown, string]> = [
  [
    'error: month out of range',
    '{{ mustToDate "2006-01-02" "2024-13-01" }}',
    {},
    'template: param:1:3: executing "param" at <mustToDate "2006-01-02" "2024-13-01">: error calling mustToDate: parsing time "2024-13-01": month out of range',
  ],
  [
    'error: day out of range',
    '{{ mustToDate "2006-01-02" "2024-02-30" }}',
    {},
    'template: param:1:3: executing "param" at <mustToDate "2006-01-02" "2024-02-30">: error calling mustToDate: parsing time "2024-02-30": day out of range',
  ],
  [
    'error: extra text',
    '{{ mustToDate "2006-01-02" "2024-01-01x" }}',
    {},
    'template: param:1:3: executing "param" at <mustToDate "2006-01-02" "2024-01-01x">: error calling mustToDate: parsing time "2024-01-01x": extra text: "x"',
  ],
  [
    'error: hour out of range',
    '{{ mustToDate "2006-01-02T15:04:05Z07:00" "2024-01-01T25:00:00Z" }}',
    {},
    'template: param:1:3: executing "param" at <mustToDate "2006-01-02T15:04:05Z07:00" "2024-01-01T25:00:00Z">: error calling mustToDate: parsing time "2024-01-01T25:00:00Z": hour out of range',
  ],
  [
    'error: cannot parse',
    '{{ mustToDate "Jan 2 2006" "Foo 30 2024" }}',
    {},
    'template: param:1:3: executing "param" at <mustToDate "Jan 2 2006" "Foo 30 2024">: error calling mustToDate: parsing time "Foo 30 2024" as "Jan 2 2006": cannot parse "Foo 30 2024" as "Jan"',
  ],
  [
    'error: bad duration',
    '{{ mustDateModify "1d" (toDate "2006-01-02" "2024-01-01") }}',
    {},
    'template: param:1:3: executing "param" at <mustDateModify "1d" (toDate "2006-01-02" "2024-01-01")>: error calling mustDateModify: time: unknown unit "d" in duration "1d"',
  ],
];

for (const [name, tpl, input, want] of ERRORS) {
  test(name, () => assert.equal(renderError(tpl, input).goMessage, want));
}
