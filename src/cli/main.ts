// The eventide command line.
import { CommanderError } from 'commander';
import { CliError } from './cli-error.js';
import { buildProgram } from './program.js';

/** "message: cause: cause's cause", so an SDK error never hides what it wraps. */
function withCauses(e: unknown): string {
  const parts: string[] = [];
  for (let c: unknown = e, depth = 0; c !== undefined && c !== null && depth < 5; depth++) {
    const msg = c instanceof Error ? c.message : String(c);
    if (msg && !parts.some((p) => p.includes(msg))) parts.push(msg);
    c = c instanceof Error ? c.cause : undefined;
  }
  return parts.join(': ');
}

const program = buildProgram();

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) process.exit(e.exitCode);
  if (e instanceof CliError) {
    console.error(`error: ${withCauses(e)}`);
    process.exit(e.exitCode);
  }
  console.error(`error: ${withCauses(e)}`);
  process.exit(1);
}
