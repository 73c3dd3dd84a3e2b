// gojq's regular expressions: Go's regexp (RE2) through ../goregexp, with gojq's flags. Flag g
// asks for every match, i prefixes (?i) and m prefixes (?s) (dot matches newline), exactly as
// gojq rewrites the pattern before compiling it, so errors quote the rewritten pattern too.

import { compileGoRegexpObject, GoRegexpSyntaxError, type GoRegexp } from '../goregexp/index.js';
import { quoteGo } from '../go/quote.js';
import { JqRuntimeError } from './errors.js';

export interface JqRegex {
  readonly rx: GoRegexp;
  /** Capture group names by group number - 1 (null for unnamed groups). */
  readonly names: (string | null)[];
}

export interface RegexMatch {
  /** UTF-16 offsets of the whole match and of each group (-1 when a group did not take part). */
  start: number;
  end: number;
  groups: [number, number][];
}

function jqError(msg: string): never {
  throw new JqRuntimeError(msg, msg, false);
}

const names = new WeakMap<GoRegexp, (string | null)[]>();

/** Compiles a pattern with gojq's flag string. Throws a catchable jq error. */
export function compileRegex(pattern: string, flags: string): JqRegex {
  for (const f of flags) {
    if (f !== 'g' && f !== 'i' && f !== 'm')
      jqError(`unsupported regular expression flag: ${quoteGo(flags)}`);
  }
  let re = pattern;
  if (flags.includes('i')) re = '(?i)' + re;
  if (flags.includes('m')) re = '(?s)' + re;
  let rx: GoRegexp;
  try {
    rx = compileGoRegexpObject(re);
  } catch (e) {
    if (e instanceof GoRegexpSyntaxError) jqError(`invalid regular expression ${quoteGo(re)}: ${e.message}`);
    throw e;
  }
  let groupNames = names.get(rx);
  if (!groupNames) {
    groupNames = rx.subexpNames.slice(1).map((n) => (n === '' ? null : n));
    names.set(rx, groupNames);
  }
  return { rx, names: groupNames };
}

/** The first match, or all of them (Go's FindAllStringSubmatchIndex rules for empty matches). */
export function findMatches(re: JqRegex, s: string, all: boolean, tick: () => void): RegexMatch[] {
  return re.rx.findAllSubmatchIndex(s, all ? -1 : 1, tick).map((ix) => {
    const groups: [number, number][] = [];
    for (let g = 2; g < ix.length; g += 2) groups.push([ix[g]!, ix[g + 1]!]);
    return { start: ix[0]!, end: ix[1]!, groups };
  });
}
