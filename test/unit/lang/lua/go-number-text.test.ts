import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goNumberText } from '../../../../src/lang/lua/go-number-text.js';

test('whole numbers print as int64, like gopher-lua LNumber.String', () => {
  assert.equal(goNumberText(1), '1');
  assert.equal(goNumberText(-0), '0');
  assert.equal(goNumberText(-42), '-42');
  assert.equal(goNumberText(1e15), '1000000000000000');
  assert.equal(goNumberText(-(2 ** 63)), '-9223372036854775808');
});

test('other numbers print as Go fmt %v of a float64', () => {
  assert.equal(goNumberText(1.5), '1.5');
  assert.equal(goNumberText(123456.5), '123456.5');
  assert.equal(goNumberText(1000000.5), '1.0000005e+06');
  assert.equal(goNumberText(0.0001), '0.0001');
  assert.equal(goNumberText(0.00001), '1e-05');
  assert.equal(goNumberText(1.5e-7), '1.5e-07');
  assert.equal(goNumberText(2 ** 63), '9.223372036854776e+18');
  assert.equal(goNumberText(1e21), '1e+21');
  assert.equal(goNumberText(1e100), '1e+100');
  assert.equal(goNumberText(Infinity), '+Inf');
  assert.equal(goNumberText(-Infinity), '-Inf');
  assert.equal(goNumberText(NaN), 'NaN');
});
