// Argo Events' own example manifests (../shared/argo-examples, the compatibility target): each one
// validates, or fails only because it uses a trigger or source type Eventide does not run yet,
// and then the message names that type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { validatePath } from '../../../src/manifest/validate-manifest.js';

const ROOT = fileURLToPath(new URL('../../../../shared/argo-examples/', import.meta.url));
const UNSUPPORTED = /unsupported (trigger|event source) type: [A-Za-z]+/;

for (const dir of ['sensors', 'event-sources']) {
  test(`every example in argo-examples/${dir} validates or names its unsupported type`, (t) => {
    assert.ok(existsSync(join(ROOT, dir)), `${ROOT} must sit beside the checkout (../shared)`);
    const files = readdirSync(join(ROOT, dir)).filter((f) => /\.ya?ml$/.test(f));
    assert.ok(files.length > 20, `found ${files.length} examples`);
    let valid = 0;
    const unsupported: string[] = [];
    for (const f of files) {
      const r = validatePath(join(ROOT, dir, f));
      if (r.problems.length === 0) {
        assert.ok(r.valid.length > 0, `${f}: no manifest read`);
        valid++;
        continue;
      }
      for (const p of r.problems)
        assert.match(p.message, UNSUPPORTED, `${f}:${p.line}: ${p.path}: ${p.message}`);
      unsupported.push(f);
    }
    t.diagnostic(`${valid} valid, ${unsupported.length} with an unsupported type: ${unsupported.join(', ')}`);
    assert.ok(valid >= 10, `only ${valid} examples validate`);
  });
}
