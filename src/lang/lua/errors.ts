/** What went wrong, so callers can tell a broken script from a script that hit a sandbox limit. */
export type LuaScriptErrorKind =
  'syntax' | 'runtime' | 'instruction-limit' | 'memory-limit' | 'event-data' | 'result';

export class LuaScriptError extends Error {
  constructor(
    message: string,
    readonly kind: LuaScriptErrorKind,
  ) {
    super(message);
    this.name = 'LuaScriptError';
  }
}
