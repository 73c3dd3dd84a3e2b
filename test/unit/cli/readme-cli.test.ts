// The README is the user's CLI reference: its table must name every command and every flag the
// command line has (and nothing it lacks), and its `simulate` sample must be what simulate prints.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildProgram } from '../../../src/cli/program.js';
import { runSimulate } from '../../../src/cli/commands/simulate.js';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The rows of the table in "## CLI": first cell → whole row. */
function cliTableRows(): Map<string, string> {
  const section = README.slice(README.indexOf('\n## CLI\n'), README.indexOf('\nExit codes:'));
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const m = /^\| `eventide ([a-z-]+)/.exec(line);
    if (m) rows.set(m[1]!, line);
  }
  return rows;
}

test('the README CLI table has a row for every command, naming each of its flags', () => {
  const rows = cliTableRows();
  const program = buildProgram();
  const missing: string[] = [];
  for (const cmd of program.commands) {
    const row = rows.get(cmd.name());
    if (!row) {
      missing.push(`no row for \`eventide ${cmd.name()}\``);
      continue;
    }
    // An option is documented when the row shows its short or its long flag.
    for (const o of cmd.options) {
      const shown = [o.long, o.short].some(
        (flag) => flag && new RegExp(`(^|[\\s\`\\[|])${flag}(?![\\w-])`).test(row),
      );
      if (!shown) missing.push(`eventide ${cmd.name()}: ${o.flags} is not in its README row`);
    }
  }
  const commands = new Set(program.commands.map((c) => c.name()));
  for (const name of rows.keys())
    if (!commands.has(name) && !name.startsWith('-')) missing.push(`README row for unknown command ${name}`);
  assert.ok(rows.has('--version'), 'a row for --version / --help');
  assert.deepEqual(missing, []);
});

/** The fenced block right after `<!-- simulate-sample:NAME -->`. */
function sample(name: string): string {
  const at = README.indexOf(`<!-- simulate-sample:${name} -->`);
  assert.ok(at >= 0, `README has the simulate sample ${name}`);
  const m = /```[a-z]*\n([\s\S]*?)\n```/.exec(README.slice(at));
  return m![1]!;
}

test("the README's simulate sample is what simulate prints for it", () => {
  const dir = mkdtempSync(join(tmpdir(), 'eventide-readme-sim-'));
  try {
    const sensor = join(dir, 'sensor.yaml');
    const events = join(dir, 'events.jsonl');
    writeFileSync(sensor, sample('sensor') + '\n');
    writeFileSync(events, sample('events') + '\n');
    const human: string[] = [];
    runSimulate({ filename: sensor, events, human: true }, (l) => human.push(l));
    assert.equal(human.join('\n'), sample('human'));
    const json: string[] = [];
    runSimulate({ filename: sensor, events }, (l) => json.push(l));
    // The README cuts the trigger's template (it repeats the Sensor) to `{…}`.
    const cut = (line: string) => {
      const o = JSON.parse(line) as { fired?: { template?: unknown }[] };
      for (const f of o.fired ?? []) f.template = 'CUT';
      return JSON.stringify(o).replaceAll('"template":"CUT"', '"template":{…}');
    };
    const shown = json.map(cut);
    assert.equal(shown.join('\n'), sample('json'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
