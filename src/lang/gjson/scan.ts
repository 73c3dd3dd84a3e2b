// Bracket- and string-aware scanning over path text, shared by the path compiler.

/**
 * End (exclusive) of the group opening at `start` (`{`, `[`, `(` or `"`), skipping nested groups
 * and JSON strings, like gjson's squash(). An unclosed group runs to the end of the text.
 */
export function groupEnd(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      i = stringEnd(s, i) - 1;
      if (depth === 0) return i + 1;
    } else if (c === '{' || c === '[' || c === '(') {
      depth++;
    } else if (c === '}' || c === ']' || c === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return s.length;
}

/** End (exclusive) of the JSON string whose opening quote is at `start`. */
export function stringEnd(s: string, start: number): number {
  for (let i = start + 1; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '"') return i + 1;
  }
  return s.length;
}

/**
 * Offset of the first `|` that ends the current path segment, or -1. Backslash escapes are
 * skipped, and so is anything inside brackets (queries, multipaths) and the strings within them,
 * which is where gjson's splitPossiblePipe looks past pipes.
 */
export function topLevelPipe(s: string, from = 0): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      i++;
    } else if (c === '"' && depth > 0) {
      i = stringEnd(s, i) - 1;
    } else if (c === '(' || c === '[' || c === '{') {
      depth++;
    } else if (c === ')' || c === ']' || c === '}') {
      if (depth > 0) depth--;
    } else if (c === '|' && depth === 0) {
      return i;
    }
  }
  return -1;
}

/** gjson's trim(): drops bytes <= ' ' at both ends. */
export function trimControl(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) <= 32) a++;
  while (b > a && s.charCodeAt(b - 1) <= 32) b--;
  return s.slice(a, b);
}

/**
 * gjson's unescape(): resolves JSON escapes; like gjson it stops (keeping what it has) at a
 * control character or an unknown escape.
 */
export function unescapeJsonText(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c.charCodeAt(0) < 32) return out;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = s[++i];
    switch (e) {
      case '\\':
      case '/':
      case '"':
        out += e;
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        if (i + 5 > s.length) return out;
        const unit = parseInt(s.slice(i + 1, i + 5), 16) || 0;
        i += 4;
        // A high surrogate followed by \uXXXX forms one character; a lone one stays as U+FFFD.
        if (unit >= 0xd800 && unit <= 0xdbff && s[i + 1] === '\\' && s[i + 2] === 'u') {
          const low = parseInt(s.slice(i + 3, i + 7), 16) || 0;
          i += 6;
          out += low >= 0xdc00 && low <= 0xdfff ? String.fromCharCode(unit, low) : '\ufffd';
        } else if (unit >= 0xd800 && unit <= 0xdfff) {
          out += '\ufffd';
        } else {
          out += String.fromCharCode(unit);
        }
        break;
      }
      default:
        return out;
    }
  }
  return out;
}
