// Shared helpers: render with Argo's data shape ({ Input: ... }) and capture errors.
import assert from 'node:assert/strict';
import {
  GoTemplateError,
  renderGoTemplate,
  type RenderOptions,
} from '../../../../src/lang/gotemplate/index.js';

export function render(src: string, input: unknown, opts?: RenderOptions): string {
  return renderGoTemplate(src, { Input: input }, opts);
}

export function renderError(src: string, input: unknown, opts?: RenderOptions): GoTemplateError {
  try {
    const out = renderGoTemplate(src, { Input: input }, opts);
    assert.fail(`expected an error, got output ${JSON.stringify(out)}`);
  } catch (e) {
    assert.ok(e instanceof GoTemplateError, `expected GoTemplateError, got ${String(e)}`);
    return e;
  }
}
