// eventide apply -f FILE|DIR: validate everything first, apply nothing from a file with a problem.
import { validatePath } from '../../manifest/validate-manifest.js';
import { formatLocatedProblem } from '../../vocabulary/problems.js';
import { applyResource } from '../../control/resources.js';
import { CliError } from '../cli-error.js';
import { connectFromEnv } from '../temporal-target.js';
import { namespaceOf, type Manifest } from '../../vocabulary/manifest-types.js';
import { isUnchanged } from './applied-spec.js';
import { registerSearchAttributes, withSearchAttributeHint } from './search-attributes-setup.js';

export function collectValid(
  paths: string[],
  out: (s: string) => void,
  opts: { strict?: boolean } = {},
): { manifests: Manifest[]; problems: number } {
  const manifests: Manifest[] = [];
  let problems = 0;
  for (const path of paths) {
    const r = validatePath(path);
    for (const w of r.warnings) {
      out(formatLocatedProblem(w));
      if (opts.strict) problems++; // --strict: a warning is an error
    }
    for (const p of r.problems) {
      out(formatLocatedProblem(p));
      problems++;
    }
    for (const k of r.skipped) {
      out(`${k.file}:${k.line}: skipped ${k.kind} ${k.name}: not an Eventide kind (apply it to Kubernetes)`);
    }
    manifests.push(...r.valid.map((v) => v.manifest));
  }
  return { manifests, problems };
}

export async function runApply(
  paths: string[],
  out: (s: string) => void = console.log,
  opts: { strict?: boolean } = {},
): Promise<void> {
  const { manifests, problems } = collectValid(paths, out, opts);
  if (problems > 0) throw new CliError(`${problems} problem(s) found; nothing was applied`, 1);
  if (manifests.length === 0) throw new CliError('no manifests found', 1);
  const t = await connectFromEnv();
  try {
    // A fresh server (no worker started yet) lacks Eventide's search attributes: add them first.
    const registration = await registerSearchAttributes(t.connection, t.namespace);
    // EventSources first, so their routes exist by the time Sensors subscribe.
    const ordered = [...manifests].sort((a, b) =>
      a.kind === b.kind ? 0 : a.kind === 'EventSource' ? -1 : 1,
    );
    for (const m of ordered) {
      const id = `${m.kind.toLowerCase()}/${namespaceOf(m)}/${m.metadata.name}`;
      if (await isUnchanged(t.client, m)) {
        out(`${id} unchanged`);
        continue;
      }
      let r;
      try {
        r = await applyResource(t.client, m, { taskQueue: t.taskQueue });
      } catch (e) {
        throw withSearchAttributeHint(e, id, registration, t.namespace);
      }
      out(`${id} ${r.created ? 'created' : 'configured'}`);
    }
  } finally {
    await t.connection.close();
  }
}
