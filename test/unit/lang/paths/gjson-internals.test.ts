// Building blocks: query splitting, wildcard matching, Go number formatting and parsing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseQueryAt } from '../../../../src/lang/gjson/parse-query.js';
import { compileWildcard, matchWildcard } from '../../../../src/lang/gjson/wildcard.js';
import { compareGoStrings } from '../../../../src/lang/go/compare-strings.js';
import { formatFloat } from '../../../../src/lang/go/format-float.js';
import { goParseFloat as parseGoFloat } from '../../../../src/lang/strconv/index.js';

/** gjson's Result.String() of a number: strconv.FormatFloat(f, 'f', -1, 64). */
const formatGoFloat = (f: number): string => formatFloat(f, 'f', -1);

describe('query splitting (gjson parseQuery facts)', () => {
  const q = (text: string) => {
    const r = parseQueryAt(text, 0);
    assert.ok(r);
    return { ...r, remain: text.slice(r.end) };
  };

  it('splits path, operator, value and the rest', () => {
    assert.deepEqual(q('#(service_roles.#(=="one").()==asdf).cap'), {
      pathText: 'service_roles.#(=="one").()',
      op: '=',
      value: 'asdf',
      end: 36,
      remain: '.cap',
    });
    const like = q('#(first_name%"Murphy").last');
    assert.equal(like.pathText, 'first_name');
    assert.equal(like.op, '%');
    assert.equal(like.value, 'Murphy');
    assert.equal(like.remain, '.last');
    const spaced = q('#( first_name !% "Murphy" ).last');
    assert.equal(spaced.pathText, 'first_name');
    assert.equal(spaced.op, '!%');
    assert.equal(spaced.value, 'Murphy');
    const nested = q('#(service_roles.#(=="one"))');
    assert.equal(nested.pathText, 'service_roles.#(=="one")');
    assert.equal(nested.op, '');
    assert.equal(nested.remain, '');
  });

  it('skips brackets and escaped quotes inside strings', () => {
    const r = q('#(a\\("\\"(".#(=="o\\"(ne")%"ab\\")").remain');
    assert.equal(r.pathText, 'a\\("\\"(".#(=="o\\"(ne")');
    assert.equal(r.op, '%');
    assert.equal(r.value, 'ab")');
    assert.equal(r.remain, '.remain');
  });

  it('returns null for an unbalanced query', () => {
    assert.equal(parseQueryAt('#(a==1', 0), null);
  });
});

describe('wildcard matching (tidwall/match)', () => {
  const m = (s: string, p: string) => matchWildcard(s, compileWildcard(p));
  it('matches * and ? by code point, with \\ escapes', () => {
    assert.ok(m('hello', '*'));
    assert.ok(m('', '*'));
    assert.ok(m('hello', 'h*o'));
    assert.ok(m('hello', 'h?llo'));
    assert.ok(!m('hello', 'h?lo'));
    assert.ok(m('😀x', '?x'));
    assert.ok(m('a*b', 'a\\*b'));
    assert.ok(!m('axb', 'a\\*b'));
    assert.ok(!m('abc', 'abc\\'));
    assert.ok(m('user:1:name', 'user:*:name'));
    assert.ok(!m('user:1:nam', 'user:*:name'));
  });

  it('stays fast on hostile patterns', () => {
    const s = 'a'.repeat(5000);
    const p = `${'*a'.repeat(200)}b`;
    assert.equal(m(s, p), false);
  });
});

describe('Go number formatting and parsing', () => {
  it('formats like strconv.FormatFloat(f, "f", -1, 64)', () => {
    assert.equal(formatGoFloat(0.1), '0.1');
    assert.equal(formatGoFloat(123456789012345680000), '123456789012345680000');
    assert.equal(formatGoFloat(1e-10), '0.0000000001');
    assert.equal(formatGoFloat(-1.25e-8), '-0.0000000125');
    assert.equal(formatGoFloat(Infinity), '+Inf');
    assert.equal(formatGoFloat(-Infinity), '-Inf');
    assert.equal(formatGoFloat(NaN), 'NaN');
    assert.equal(formatGoFloat(-0), '-0');
  });

  it('parses like strconv.ParseFloat', () => {
    assert.equal(parseGoFloat('1.'), 1);
    assert.equal(parseGoFloat('.5'), 0.5);
    assert.equal(parseGoFloat('+1e2'), 100);
    assert.equal(parseGoFloat('1e400'), Infinity);
    assert.equal(parseGoFloat('-Infinity'), -Infinity);
    assert.equal(parseGoFloat('0x1.8p1'), 3);
    assert.equal(parseGoFloat(''), undefined);
    // Go's own strconv tests: ParseFloat("1_23.50_0_0e+1_2") is 1.235e14 (underscores between digits).
    assert.equal(parseGoFloat('1_000'), 1000);
    assert.equal(parseGoFloat('1__000'), undefined);
    assert.equal(parseGoFloat('+nan'), undefined);
    assert.equal(parseGoFloat('12abc'), undefined);
  });

  it('orders strings by code point', () => {
    assert.ok(compareGoStrings('a', 'b') < 0);
    assert.ok(compareGoStrings('ab', 'a') > 0);
    assert.ok(compareGoStrings('\uffff', '😀') < 0);
    assert.equal(compareGoStrings('x', 'x'), 0);
  });
});
