// expr-lang (github.com/expr-lang/expr, formerly antonmedv/expr v1.15 in Argo Events), the
// language of an EventSource's `filter.expression`. Compiled like expr.Eval does: without an
// env schema, so names resolve at run time and unknown names are nil.

export { compileExprLang } from './program.js';
export { ExprLangError } from './errors.js';
export { argoEventSourceEnv, evalArgoEventSourceFilter } from './argo-env.js';
