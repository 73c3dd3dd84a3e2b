// A YAML syntax error names the line where it is, not line 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateText } from '../../../src/manifest/validate-manifest.js';

test('a YAML syntax error is reported at the line where it is', () => {
  const text =
    'apiVersion: argoproj.io/v1alpha1\nkind: Sensor\nmetadata:\n  name: s\nspec:\n  dependencies:\n' +
    '    - name: a\n      eventSourceName: w\n     eventName: e\n';
  const r = validateText('bad.yaml', text);
  assert.equal(r.problems.length, 1, JSON.stringify(r.problems));
  assert.equal(r.problems[0]!.line, 9);
  assert.match(r.problems[0]!.message, /^YAML syntax: /);
});
