// The builtin registry: every native builtin by `name/arity`, plus builtins gojq has that
// Eventide deliberately rejects at compile time (with the reason).

import { CONTROL_BUILTINS } from './builtins-control.js';
import { MATH_BUILTINS, MATH_UNSUPPORTED } from './builtins-math.js';
import { PATH_BUILTINS } from './builtins-paths.js';
import { REGEX_BUILTINS } from './builtins-regex.js';
import { STRING_BUILTINS } from './builtins-strings.js';
import { TIME_BUILTINS } from './builtins-time.js';
import { VALUE_BUILTINS } from './builtins-values.js';
import { emitComputed, type BuiltinTable } from './define.js';
import { compareGoStrings } from '../go/compare-strings.js';

export const BUILTINS: BuiltinTable = Object.assign(
  Object.create(null) as BuiltinTable,
  CONTROL_BUILTINS,
  PATH_BUILTINS,
  VALUE_BUILTINS,
  STRING_BUILTINS,
  REGEX_BUILTINS,
  MATH_BUILTINS,
  TIME_BUILTINS,
);

export const UNSUPPORTED: Record<string, string> = Object.assign(
  Object.create(null) as Record<string, string>,
  MATH_UNSUPPORTED,
  {
    'input/0': 'Argo runs jq without an input stream (gojq: "input(s)/0 is not allowed")',
    'inputs/0': 'Argo runs jq without an input stream (gojq: "input(s)/0 is not allowed")',
    'debug/1': 'gojq as embedded by Argo has no debug output',
    'modulemeta/0': 'modules cannot be loaded in Argo transforms',
  },
);

const names = [...Object.keys(BUILTINS), 'builtins/0'].sort(compareGoStrings);
BUILTINS['builtins/0'] = (_c, input, path, _e, emit) => emitComputed(names.slice(), input, path, emit);
