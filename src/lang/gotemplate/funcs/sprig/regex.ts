// sprig's regex functions. Plain variants panic on a bad pattern (regexp.MustCompile), which
// text/template reports as an error; must* variants return Go's compile error; regexMatch
// swallows it and returns false.

import { FuncError } from '../../errors.js';
import {
  compileGoRegexp,
  findAllString,
  findString,
  matchString,
  mustCompileMessage,
  quoteMeta,
  replaceAllLiteralString,
  replaceAllString,
  splitRegexp,
  type CompiledGoRegexp,
} from '../../regexp/go-regexp.js';
import { GoRegexpSyntaxError } from '../../regexp/translate.js';
import { GoInt, nilSlice, typedSlice, type GoValue } from '../../values.js';
import { fn, type FuncMap } from '../types.js';

const S = (v: GoValue): string => v as string;
const I = (v: GoValue): number => (v as GoInt).v;

const HINT = 'Go regexps use RE2 syntax: no lookaround or backreferences';

function must(pattern: string): CompiledGoRegexp {
  try {
    return compileGoRegexp(pattern);
  } catch (e) {
    if (e instanceof GoRegexpSyntaxError) throw new FuncError(mustCompileMessage(pattern, e), HINT);
    throw e;
  }
}

function compileOrError(pattern: string): CompiledGoRegexp {
  try {
    return compileGoRegexp(pattern);
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
      return matchString(compileGoRegexp(S(re)), S(s));
    } catch (e) {
      if (e instanceof GoRegexpSyntaxError) return false;
      throw e;
    }
  }),
  mustRegexMatch: fn(['string', 'string'], ([re, s]) => matchString(compileOrError(S(re)), S(s))),
  regexFindAll: fn(['string', 'string', 'int'], ([re, s, n]) =>
    strings(findAllString(must(S(re)), S(s), I(n))),
  ),
  mustRegexFindAll: fn(['string', 'string', 'int'], ([re, s, n]) =>
    strings(findAllString(compileOrError(S(re)), S(s), I(n))),
  ),
  regexFind: fn(['string', 'string'], ([re, s]) => findString(must(S(re)), S(s))),
  mustRegexFind: fn(['string', 'string'], ([re, s]) => findString(compileOrError(S(re)), S(s))),
  regexReplaceAll: fn(['string', 'string', 'string'], ([re, s, r]) =>
    replaceAllString(must(S(re)), S(s), S(r)),
  ),
  mustRegexReplaceAll: fn(['string', 'string', 'string'], ([re, s, r]) =>
    replaceAllString(compileOrError(S(re)), S(s), S(r)),
  ),
  regexReplaceAllLiteral: fn(['string', 'string', 'string'], ([re, s, r]) =>
    replaceAllLiteralString(must(S(re)), S(s), S(r)),
  ),
  mustRegexReplaceAllLiteral: fn(['string', 'string', 'string'], ([re, s, r]) =>
    replaceAllLiteralString(compileOrError(S(re)), S(s), S(r)),
  ),
  regexSplit: fn(['string', 'string', 'int'], ([re, s, n]) => strings(splitRegexp(must(S(re)), S(s), I(n)))),
  mustRegexSplit: fn(['string', 'string', 'int'], ([re, s, n]) =>
    strings(splitRegexp(compileOrError(S(re)), S(s), I(n))),
  ),
  regexQuoteMeta: fn(['string'], ([s]) => quoteMeta(S(s))),
};
