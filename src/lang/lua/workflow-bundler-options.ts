// Bundler settings the Temporal worker needs for workflow code that imports the Lua module.
//
// fengari reads `process.env.FENGARICONF` unconditionally when it loads, and the workflow sandbox
// has no `process`: without help the bundle fails with "ReferenceError: process is not defined".
// Defining `typeof process` as "undefined" also lets webpack drop fengari's Node-only branches
// (fs, os, path, child_process, tmp, readline-sync), so no `ignoreModules` entry is needed.
//
// Use: bundleWorkflowCode({ workflowsPath, ...LUA_WORKFLOW_BUNDLER_OPTIONS }), or
// Worker.create({ bundlerOptions: LUA_WORKFLOW_BUNDLER_OPTIONS, ... }); if you have your own hook,
// call addFengariDefines(config) from it. Not for import from workflow code.

const FENGARI_DEFINES: Readonly<Record<string, string>> = {
  'typeof process': JSON.stringify('undefined'),
  'process.env.FENGARICONF': 'undefined',
};

interface DefinePluginCompiler {
  webpack: { DefinePlugin: new (definitions: Record<string, string>) => { apply(compiler: unknown): void } };
}

/** Adds fengari's defines to a webpack configuration (Temporal's `webpackConfigHook` signature). */
function addFengariDefines<C extends { plugins?: unknown[] }>(config: C): C {
  // The compiler hands us its own webpack, so this file needs no webpack import.
  const plugin = {
    apply(compiler: DefinePluginCompiler): void {
      new compiler.webpack.DefinePlugin({ ...FENGARI_DEFINES }).apply(compiler);
    },
  };
  return { ...config, plugins: [...(config.plugins ?? []), plugin] };
}

export const LUA_WORKFLOW_BUNDLER_OPTIONS = { webpackConfigHook: addFengariDefines } as const;
