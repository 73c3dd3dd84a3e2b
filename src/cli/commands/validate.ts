// eventide validate -f FILE|DIR [--strict]: problems fail; warnings (unknown fields) fail only with --strict.
import { validatePath } from '../../manifest/validate-manifest.js';
import { formatLocatedProblem } from '../../vocabulary/problems.js';
import { CliError } from '../cli-error.js';

export function runValidate(
  paths: string[],
  out: (s: string) => void = console.log,
  opts: { strict?: boolean } = {},
): void {
  let failed = 0;
  let warned = 0;
  let ok = 0;
  for (const path of paths) {
    const r = validatePath(path);
    for (const w of r.warnings) {
      out(formatLocatedProblem(w));
      warned++;
    }
    for (const p of r.problems) {
      out(formatLocatedProblem(p));
      failed++;
    }
    for (const k of r.skipped) {
      out(`${k.file}:${k.line}: skipped ${k.kind} ${k.name}: not an Eventide kind (apply it to Kubernetes)`);
    }
    for (const v of r.valid) {
      out(
        `${v.doc.file}:${v.doc.line}: ${v.manifest.kind} ${v.manifest.metadata.namespace ?? 'default'}/${v.manifest.metadata.name} is valid`,
      );
      ok++;
    }
  }
  if (failed > 0)
    throw new CliError(`${failed} problem(s) found; nothing is valid from a file that has one`, 1);
  if (opts.strict && warned > 0)
    throw new CliError(`${warned} warning(s) found; --strict makes them errors`, 1);
  if (ok === 0) throw new CliError('no manifests found', 1);
}
