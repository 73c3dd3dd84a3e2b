// `eventide validate` and the two type registries must not load any broker/cloud client library:
// they are loaded at the first connect (`import type` at the top, `await import('<lib>')` in the
// function that connects). Eager imports made `validate` take 8 s. The check runs the real command
// in a child process with module hooks that report every import, so it covers every type folder,
// including ones added later, without listing them.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TRACE = fileURLToPath(new URL('../../support/import-trace/register.mjs', import.meta.url));
const ARGO_EXAMPLES = fileURLToPath(new URL('../../../../shared/argo-examples/', import.meta.url));

/** Client libraries (package name, or a scope ending in /) only a running source or trigger needs. */
const HEAVY = [
  'kafkajs',
  'nats',
  'ioredis',
  'mqtt',
  'amqplib',
  'nsqjs',
  'nodemailer',
  'ws',
  'minio',
  'ssh2',
  'ssh2-sftp-client',
  'pulsar-client',
  '@aws-sdk/',
  '@azure/',
  '@google-cloud/',
  '@grpc/grpc-js',
  '@grpc/proto-loader',
  '@kubernetes/client-node',
  '@temporalio/client',
  '@temporalio/worker',
];

function packageOf(url: string): string | undefined {
  const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  return m?.[1];
}

function isHeavy(pkg: string): boolean {
  return HEAVY.some((h) => (h.endsWith('/') ? pkg.startsWith(h) : pkg === h));
}

const local = (url: string) => url.replace(/^file:\/\//, '').replace(ROOT, '');

/** Runs node with the import trace; returns each heavy package with the project file that imported it. */
function heavyImports(args: string[]): Promise<{ pkg: string; from: string }[]> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', TRACE, ...args],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
      (err, _stdout, stderr) => {
        // validate exits 1 on a manifest it refuses; only a crash (no trace at all) is a failure.
        if (!stderr.includes('EVENTIDE_IMPORT')) return reject(err ?? new Error(`no trace: ${stderr}`));
        const found: { pkg: string; from: string }[] = [];
        for (const line of stderr.split('\n')) {
          const [tag, parent, url] = line.split(' ');
          if (tag !== 'EVENTIDE_IMPORT' || !parent || !url) continue;
          const pkg = packageOf(url);
          // Only the project's own imports: a library's internal imports follow from its entry.
          if (!pkg || !isHeavy(pkg) || parent.includes('/node_modules/')) continue;
          found.push({ pkg, from: local(parent) });
        }
        resolve(found);
      },
    );
  });
}

function explain(found: { pkg: string; from: string }[]): string {
  return (
    found.map((f) => `${f.from} imports ${f.pkg} at load time`).join('\n') +
    "\nuse `import type` at the top and `const { X } = await import('<lib>')` in the function that first connects"
  );
}

test('importing the source and trigger registries loads no client library', async () => {
  const found = await heavyImports([
    '--import',
    'tsx',
    '--input-type=module',
    '-e',
    "await import('./src/sources/registry.ts'); await import('./activities/triggers/registry.ts');",
  ]);
  assert.deepEqual(found, [], explain(found));
});

test('eventide validate loads no client library', async (t) => {
  // Argo's examples use every type, so a validator that loads a library while validating shows up.
  const dir = existsSync(ARGO_EXAMPLES) ? ARGO_EXAMPLES : `${ROOT}config`;
  if (dir !== ARGO_EXAMPLES) t.diagnostic(`${ARGO_EXAMPLES} is absent: validating config/ only`);
  const found = await heavyImports(['src/cli/bin.mjs', 'validate', '-f', dir]);
  assert.deepEqual(found, [], explain(found));
});

test('the import trace reports a client library imported at load time', async () => {
  // Guards the guard: a broken trace would let the two tests above pass without checking anything.
  const found = await heavyImports(['--input-type=module', '-e', "await import('kafkajs');"]);
  assert.deepEqual(found, [{ pkg: 'kafkajs', from: '[eval1]' }]);
});
