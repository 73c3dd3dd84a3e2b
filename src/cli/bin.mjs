#!/usr/bin/env node
// `eventide` entry point: runs the TypeScript CLI through tsx (no build step). `--version` is
// answered before tsx loads, so it costs only Node's start-up.
import { readFileSync } from 'node:fs';
import { URL } from 'node:url';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  console.log(pkg.version);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./main.ts');
}
