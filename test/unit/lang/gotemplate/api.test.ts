// Public API behaviour: compile cache, error objects, refused functions, the `now` option,
// input immutability and the execution limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compileGoTemplate,
  GoTemplateError,
  renderGoTemplate,
} from '../../../../src/lang/gotemplate/index.js';
import { render, renderError } from './helpers.js';

const NOW = Date.UTC(2024, 0, 2, 3, 4, 5, 678);

function compileError(src: string): GoTemplateError {
  try {
    compileGoTemplate(src);
  } catch (e) {
    assert.ok(e instanceof GoTemplateError);
    return e;
  }
  assert.fail('expected a compile error');
}

test('compiled templates are cached by source text', () => {
  const a = compileGoTemplate('{{ .Input.cached }}');
  const b = compileGoTemplate('{{ .Input.cached }}');
  assert.equal(a, b);
  assert.equal(a.render({ Input: { cached: 'x' } }), 'x');
  assert.equal(a.render({ Input: { cached: 'y' } }), 'y');
});

test('parse errors carry Go text, line, column and a hint', () => {
  const e = compileError('line one\n  {{ upper .Input.a | nosuchfunc }}');
  assert.equal(e.goMessage, 'template: param:2: function "nosuchfunc" not defined');
  assert.equal(e.line, 2);
  assert.equal(e.column, 22);
  assert.match(e.message, /^template: param:2:22: function "nosuchfunc" not defined \(hint: /);
  // the same failure is thrown again from the cache
  assert.equal(compileError('line one\n  {{ upper .Input.a | nosuchfunc }}'), e);
});

test('required is not sprig: refused like Argo does, with advice', () => {
  const e = compileError('{{ required "need x" .Input.x }}');
  assert.equal(e.goMessage, 'template: param:1: function "required" not defined');
  assert.match(e.message, /Helm function.*fail/);
});

test('uuidv4, env and expandenv are refused at compile time with the reason', () => {
  const u = compileError('{{ uuidv4 }}');
  assert.match(u.message, /"uuidv4" is not available/);
  assert.match(u.message, /nondeterministic/);
  const env = compileError('{{ env "HOME" }}');
  assert.match(env.message, /environment variables is disabled/);
  const exp = compileError('{{ expandenv "$HOME" }}');
  assert.match(exp.message, /secrets cannot leak/);
  for (const f of [
    'randAlphaNum 5',
    'randInt 1 5',
    'shuffle "ab"',
    'genPrivateKey "rsa"',
    'getHostByName "x"',
  ]) {
    assert.match(compileError(`{{ ${f} }}`).message, /not available in Eventide/);
  }
});

test('refused functions fail even in branches that would not run', () => {
  assert.throws(() => compileGoTemplate('{{ if false }}{{ uuidv4 }}{{ end }}'), GoTemplateError);
});

test('execution errors point at the node, like Go', () => {
  const e = renderError('a\n  {{ .Input.a.b }}', { a: null });
  assert.equal(
    e.goMessage,
    'template: param:2:11: executing "param" at <.Input.a.b>: nil pointer evaluating interface {}.b',
  );
  assert.equal(e.line, 2);
  assert.equal(e.column, 11);
  assert.match(e.message, /hint: a value on the path is null/);
  assert.equal(e.name, 'GoTemplateError');
});

test('the float64 vs int comparison error explains the fix', () => {
  const e = renderError('{{ if eq .Input.count 3 }}three{{ end }}', { count: 3 });
  assert.match(e.message, /incompatible types for comparison: float64 and int/);
  assert.match(e.message, /3\.0|int \.Input/);
  assert.equal(render('{{ if eq .Input.count 3.0 }}three{{ end }}', { count: 3 }), 'three');
  assert.equal(render('{{ if eq (int .Input.count) 3 }}three{{ end }}', { count: 3 }), 'three');
});

test('fail raises a GoTemplateError with the user message', () => {
  const e = renderError('{{ fail "no id in event" }}', {});
  assert.match(e.goMessage, /error calling fail: no id in event$/);
});

test('now comes from the render option (default epoch 0)', () => {
  assert.equal(
    render('{{ now | date "2006-01-02T15:04:05.000Z07:00" }}', {}, { now: NOW }),
    '2024-01-02T03:04:05.678Z',
  );
  assert.equal(render('{{ now | date "2006-01-02 15:04:05" }}', {}), '1970-01-01 00:00:00');
  // Go would append a monotonic clock reading ("m=+0.0001") to this; it cannot be reproduced.
  assert.equal(render('{{ now }}', {}, { now: NOW }), '2024-01-02 03:04:05.678 +0000 UTC');
  assert.equal(render('{{ now.Unix }} {{ now.UnixMilli }}', {}, { now: NOW }), '1704164645 1704164645678');
});

test('date with a non-time value formats now, as sprig does', () => {
  assert.equal(render('{{ date "2006-01-02" .Input.ts }}', { ts: 1700000000 }, { now: NOW }), '2024-01-02');
  assert.equal(
    render('{{ date "2006-01-02" (int64 .Input.ts) }}', { ts: 1700000000 }, { now: NOW }),
    '2023-11-14',
  );
});

test('ago and durationRound of a time measure from now', () => {
  const t = '{{ toDate "2006-01-02T15:04:05Z07:00" "2024-01-01T00:00:00Z" }}';
  assert.equal(render(`{{ ago (${t.slice(3, -3)}) }}`, {}, { now: NOW }), '27h4m6s');
  assert.equal(render(`{{ durationRound (${t.slice(3, -3)}) }}`, {}, { now: NOW }), '1d');
  assert.equal(render('{{ ago .Input.x }}', { x: 'not a time' }, { now: NOW }), '0s');
});

test('dateModify across a DST change moves the instant, not the wall clock', () => {
  const src =
    '{{ $t := toDate "2006-01-02T15:04:05Z07:00" "2024-03-09T12:00:00-05:00" }}' +
    '{{ dateInZone "01-02 15:04 MST" $t "America/New_York" }} → {{ dateInZone "01-02 15:04 MST" (dateModify "24h" $t) "America/New_York" }}';
  assert.equal(render(src, {}), '03-09 12:00 EST → 03-10 13:00 EDT');
});

test('set/merge work on a private copy of the input', () => {
  const input = { labels: { a: '1' }, list: [1] };
  const out = render(
    '{{ $_ := set .Input.labels "b" "2" }}{{ merge .Input.labels (dict "c" "3") | toJson }}',
    input,
  );
  assert.equal(out, '{"a":"1","b":"2","c":"3"}');
  assert.deepEqual(input, { labels: { a: '1' }, list: [1] });
});

test('keys and values come out in sorted order (Go leaves it random)', () => {
  assert.equal(render('{{ keys .Input }} {{ values .Input }}', { b: 2, a: 1, c: 3 }), '[a b c] [1 2 3]');
});

test('a null or missing root renders <no value>', () => {
  assert.equal(renderGoTemplate('{{ . }}|{{ .x }}', null), '<no value>|<no value>');
  assert.equal(renderGoTemplate('{{ .x }}', undefined), '<no value>');
});

test('runaway templates stop with an error instead of hanging', () => {
  const loop = renderError('{{ range 100000000 }}x{{ end }}', {});
  assert.match(loop.message, /execution exceeded/);
  const big = renderError('{{ repeat 100000000 "abc" }}', {});
  assert.match(big.message, /too large/);
  const deep = renderError('{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}', {});
  assert.match(deep.message, /exceeded maximum template depth/);
  const many = renderError('{{ until 10000000 }}', {});
  assert.match(many.message, /more than 1000000 elements/);
});

test('argo params: empty output and <no value> are visible to the caller', () => {
  // Argo treats these two outputs as "no value" and falls back to the default.
  assert.equal(render('{{ .Input.name.non_exist }}', { name: { first: 'x' } }), '<no value>');
  assert.equal(render('{{ if false }}x{{ end }}', {}), '');
});
