// sprig's regex functions. Plain variants panic on a bad pattern (regexp.MustCompile), which
// text/template reports as an error; must* variants return Go's compile error; regexMatch
// swallows it and returns false.

import { FuncError } from '../../errors.js';
import {
  compileGoRegexpObject,
  GoRegexpSyntaxError,
  mustCompileMessage,
  quoteMeta,
  type GoRegexp,
} from '../../../goregexp/index.js';
import { GoInt, nilSlice, typedSlice, type GoValue } from '../../values.js';
import { fn, type FuncMap } from '../types.js';

const S = (v: GoValue): string => v as string;
const I = (v: GoValue): number => (v as GoInt).v;

const HINT = 'Go regexps use RE2 syntax: no lookaround or backreferences';

function must(pattern: string): GoRegexp {
  try {
    return compileGoRegexpObject(pattern);
  } catch (e) {
    if (e instanceof GoRegexpSyntaxError) throw new FuncError(mustCompileMessage(pattern, e), HINT);
    throw e;
  }
}

function compileOrError(pattern: string): GoRegexp {
  try {
    return compileGoRegexpObject(pattern);
  } catch (e) {
    if (e instanceof GoRegexpSyntaxError) throw new FuncError(e.message, HINT);
    throw e;
  }
}

function strings(list: string[] | null): GoValue {
  return list === null ? typedSlice(nilSlice(), '[]string') : typedSlice(list, '[]string');
}

export const REGEX_FUNCS: FuncMap = {
  regexMatch: fn(['string', 'string'], ([re, s]) => {
    try {
      return compileGoRegexpObject(S(re)).matchString(S(s));
    } catch (e) {
      if (e instanceof GoRegexpSyntaxError) return false;
      throw e;
    }
  }),
  mustRegexMatch: fn(['string', 'string'], ([re, s]) => compileOrError(S(re)).matchString(S(s))),
  regexFindAll: fn(['string', 'string', 'int'], ([re, s, n]) =>
    strings(must(S(re)).findAllString(S(s), I(n))),
  ),
  mustRegexFindAll: fn(['string', 'string', 'int'], ([re, s, n]) =>
    strings(compileOrError(S(re)).findAllString(S(s), I(n))),
  ),
  regexFind: fn(['string', 'string'], ([re, s]) => must(S(re)).findString(S(s))),
  mustRegexFind: fn(['string', 'string'], ([re, s]) => compileOrError(S(re)).findString(S(s))),
  regexReplaceAll: fn(['string', 'string', 'string'], ([re, s, r]) =>
    must(S(re)).replaceAllString(S(s), S(r)),
  ),
  mustRegexReplaceAll: fn(['string', 'string', 'string'], ([re, s, r]) =>
    compileOrError(S(re)).replaceAllString(S(s), S(r)),
  ),
  regexReplaceAllLiteral: fn(['string', 'string', 'string'], ([re, s, r]) =>
    must(S(re)).replaceAllLiteralString(S(s), S(r)),
  ),
  mustRegexReplaceAllLiteral: fn(['string', 'string', 'string'], ([re, s, r]) =>
    compileOrError(S(re)).replaceAllLiteralString(S(s), S(r)),
  ),
  regexSplit: fn(['string', 'string', 'int'], ([re, s, n]) => strings(must(S(re)).split(S(s), I(n)))),
  mustRegexSplit: fn(['string', 'string', 'int'], ([re, s, n]) =>
    strings(compileOrError(S(re)).split(S(s), I(n))),
  ),
  regexQuoteMeta: fn(['string'], ([s]) => quoteMeta(S(s))),
};
