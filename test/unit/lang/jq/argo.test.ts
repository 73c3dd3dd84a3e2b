// The transforms Argo Events documents and tests (pkg/sensors/dependencies/transform_test.go,
// docs/sensors/transform.md), on event data shaped like Argo's webhook events.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileJq, jqToJson } from '../../../../src/lang/jq/index.js';

/** Argo keeps only the first output and requires a JSON object. */
function transform(jq: string, data: unknown): unknown {
  const [first] = compileJq(jq).run(data, { maxOutputs: 1 });
  return first;
}

describe('Argo transform examples', () => {
  it('transform_test.go: .a += 1 | .b *= 2 on {"a":1,"b":"2"}', () => {
    const out = transform('.a += 1 | .b *= 2', { a: 1, b: '2' });
    assert.equal(jqToJson(out, { escapeHtml: true }), '{"a":2,"b":"22"}');
  });

  it('docs: .body.message *= 2 repeats the webhook message', () => {
    const event = { header: { 'Content-Type': ['application/json'] }, body: { message: 'hello' } };
    assert.deepEqual(transform('.body.message *= 2', event), {
      header: { 'Content-Type': ['application/json'] },
      body: { message: 'hellohello' },
    });
  });

  it('update operators used in transforms', () => {
    const data = { body: { count: 2, tags: ['b', 'a', 'b'], items: [{ p: 3 }, { p: 1 }] } };
    assert.deepEqual(transform('.body.count |= . + 1', data), { body: { ...data.body, count: 3 } });
    assert.deepEqual(transform('.body.count -= 1 | .body.count', data), 1);
    assert.deepEqual(transform('.body.tags |= unique | .body.tags', data), ['a', 'b']);
    assert.deepEqual(transform('.body.items |= sort_by(.p) | .body.items[0]', data), { p: 1 });
    assert.deepEqual(transform('.body.missing //= "x" | .body.missing', data), 'x');
    assert.deepEqual(transform('del(.body.items) | .body | keys', data), ['count', 'tags']);
    assert.deepEqual(transform('.body |= with_entries(select(.key != "tags")) | .body | keys', data), [
      'count',
      'items',
    ]);
  });

  it('reshaping a GitHub push event', () => {
    const push = {
      header: { 'X-Github-Event': ['push'] },
      body: {
        ref: 'refs/heads/main',
        repository: { full_name: 'octo/hello' },
        commits: [
          { id: 'c1', message: 'fix', author: { name: 'bob' } },
          { id: 'c2', message: 'feat', author: { name: 'amy' } },
        ],
      },
    };
    const out = transform(
      '{branch: (.body.ref | ltrimstr("refs/heads/")), repo: .body.repository.full_name, ' +
        'event: .header["X-Github-Event"][0], authors: [.body.commits[].author.name] | unique, n: (.body.commits | length)}',
      push,
    );
    assert.deepEqual(out, {
      branch: 'main',
      repo: 'octo/hello',
      event: 'push',
      authors: ['amy', 'bob'],
      n: 2,
    });
  });

  it('numbers from JSON keep printing as Argo prints them', () => {
    // Argo unmarshals event data into float64; integral floats still print without ".0".
    const out = transform('.a *= 1.5 | .b /= 4 | .c = 1e21 | .d = 0.0000001', { a: 2, b: 2 });
    assert.equal(jqToJson(out, { escapeHtml: true }), '{"a":3,"b":0.5,"c":1e+21,"d":1e-7}');
  });

  it('the first output wins, as in Argo', () => {
    assert.deepEqual(transform('{a: 1}, {a: 2}', {}), { a: 1 });
    assert.equal(transform('empty', {}), undefined);
  });
});

describe('jqToJson', () => {
  it('sorts object keys (gojq and Go maps have no insertion order)', () => {
    assert.equal(jqToJson({ b: 1, a: { d: 1, c: 2 }, A: 0 }), '{"A":0,"a":{"c":2,"d":1},"b":1}');
  });

  it('gojq style keeps <>& raw; Go json.Marshal style (what Argo writes back) escapes them', () => {
    const v = { s: '<a href="x">&</a>\u2028' };
    assert.equal(jqToJson(v), '{"s":"<a href=\\"x\\">&</a>\u2028"}');
    assert.equal(
      jqToJson(v, { escapeHtml: true }),
      '{"s":"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e\\u2028"}',
    );
  });

  it('formats special numbers like gojq', () => {
    assert.equal(
      jqToJson([NaN, Infinity, -Infinity, -0, 0.1 + 0.2, 1e-7, 123456789012]),
      '[null,1.7976931348623157e+308,-1.7976931348623157e+308,-0,0.30000000000000004,1e-7,123456789012]',
    );
  });

  it('escapes control characters and DEL, and replaces lone surrogates', () => {
    assert.equal(
      jqToJson('\u0000\b\f\n\r\t\u001f\u007f"\\'),
      '"\\u0000\\b\\f\\n\\r\\t\\u001f\\u007f\\"\\\\"',
    );
    assert.equal(jqToJson('a\ud800b😀'), '"a\\ufffdb😀"');
  });
});
