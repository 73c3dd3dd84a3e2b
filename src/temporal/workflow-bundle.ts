// The workflow bundle, built once per version of the code and cached on disk: webpack takes
// seconds, and every worker process (and every `explain`) would otherwise pay it again.
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { LUA_WORKFLOW_BUNDLER_OPTIONS } from '../lang/lua/workflow-bundler-options.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORKFLOWS_PATH = join(ROOT, 'workflows', 'index.ts');
const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'eventide');

/** Bundler settings for the workflow code: fengari (Lua filters run in workflows) needs defines. */
function workflowBundlerOptions() {
  return LUA_WORKFLOW_BUNDLER_OPTIONS;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) sourceFiles(full, out);
    else if (entry.endsWith('.ts')) out.push(full);
  }
  return out;
}

/** A hash of everything the bundle is made from. */
function codeVersion(): string {
  const h = createHash('sha256');
  h.update(process.version);
  for (const f of [
    ...sourceFiles(join(ROOT, 'workflows')),
    ...sourceFiles(join(ROOT, 'src')),
    join(ROOT, 'package-lock.json'),
  ]) {
    h.update(f.slice(ROOT.length));
    h.update(readFileSync(f));
  }
  return h.digest('hex').slice(0, 24);
}

/**
 * The cached bundle's path, building it first when this code has none (EVENTIDE_BUNDLE_CACHE=0
 * disables). `interceptorModules` (the OpenTelemetry workflow interceptors when tracing) make a
 * bundle of their own, cached beside the plain one.
 */
export async function workflowBundle(
  interceptorModules: string[] = [],
): Promise<{ codePath: string } | WorkflowBundleWithSourceMap> {
  const interceptors =
    interceptorModules.length > 0 ? { workflowInterceptorModules: interceptorModules } : {};
  if (process.env.EVENTIDE_BUNDLE_CACHE === '0') {
    return bundleWorkflowCode({
      workflowsPath: WORKFLOWS_PATH,
      ...interceptors,
      ...workflowBundlerOptions(),
      logger: quietLogger,
    });
  }
  const variant = interceptorModules.length > 0 ? '-traced' : '';
  const codePath = join(CACHE_DIR, `workflows-${codeVersion()}${variant}.js`);
  if (existsSync(codePath)) return { codePath };
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    ...interceptors,
    ...workflowBundlerOptions(),
    logger: quietLogger,
  });
  mkdirSync(CACHE_DIR, { recursive: true });
  const tmp = `${codePath}.${process.pid}.tmp`;
  writeFileSync(tmp, code);
  renameSync(tmp, codePath); // atomic: concurrent builders never see half a file
  return { codePath };
}

const noop = () => undefined;
const quietLogger = {
  trace: noop,
  debug: noop,
  info: noop,
  warn: noop,
  error: (m: string) => console.error(m),
  log: noop,
};
