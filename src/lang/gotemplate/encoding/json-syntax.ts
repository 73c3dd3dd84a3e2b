// Go's encoding/json syntax-error messages ("invalid character 'x' looking for beginning of
// value", "unexpected end of JSON input"), for mustFromJson. Only run once JSON.parse failed.

class Stop extends Error {}

function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return `'"'`;
  const q = JSON.stringify(c);
  const cp = c.codePointAt(0)!;
  if (cp < 0x20 || cp === 0x7f) return `'\\x${cp.toString(16).padStart(2, '0')}'`;
  return "'" + q.slice(1, -1) + "'";
}

export function goJsonSyntaxError(s: string): string {
  let i = 0;
  let msg = '';
  // At the end of input Go feeds the scanner a space, so literals and numbers cut short
  // report "invalid character ' '" while open strings and containers report the end of input.
  const fail = (context: string, eofAsSpace = false): never => {
    if (i >= s.length && !eofAsSpace) msg = 'unexpected end of JSON input';
    else {
      const c = i >= s.length ? ' ' : String.fromCodePoint(s.codePointAt(i)!);
      msg = `invalid character ${quoteChar(c)} ${context}`;
    }
    throw new Stop();
  };
  const ws = (): void => {
    while (i < s.length && ' \t\r\n'.includes(s[i]!)) i++;
  };
  const digit = (): boolean => i < s.length && s[i]! >= '0' && s[i]! <= '9';
  const literal = (word: string): void => {
    for (let k = 1; k < word.length; k++) {
      i++;
      if (s[i] !== word[k]) fail(`in literal ${word} (expecting '${word[k]}')`, true);
    }
    i++;
  };
  const string = (): void => {
    i++; // opening quote
    for (;;) {
      if (i >= s.length) fail('');
      const c = s[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        i++;
        if (i >= s.length) fail('');
        const e = s[i]!;
        if ('bfnrt"\\/'.includes(e)) {
          i++;
          continue;
        }
        if (e === 'u') {
          i++;
          for (let k = 0; k < 4; k++) {
            if (i >= s.length) fail('');
            if (!/[0-9a-fA-F]/.test(s[i]!)) fail('in \\u hexadecimal character escape');
            i++;
          }
          continue;
        }
        fail('in string escape code');
      }
      if (c.charCodeAt(0) < 0x20) fail('in string literal');
      i++;
    }
  };
  const number = (): void => {
    if (s[i] === '-') {
      i++;
      if (!digit()) fail('in numeric literal', true);
    }
    if (s[i] === '0') i++;
    else while (digit()) i++;
    if (s[i] === '.') {
      i++;
      if (!digit()) fail('after decimal point in numeric literal', true);
      while (digit()) i++;
    }
    if (s[i] === 'e' || s[i] === 'E') {
      i++;
      if (s[i] === '+' || s[i] === '-') i++;
      if (!digit()) fail('in exponent of numeric literal', true);
      while (digit()) i++;
    }
  };
  const value = (depth: number): void => {
    if (depth > 10000) fail('exceeded max depth');
    ws();
    const c = s[i];
    if (c === '{') {
      i++;
      ws();
      if (s[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (s[i] !== '"') fail('looking for beginning of object key string');
        string();
        ws();
        if (s[i] !== ':') fail('after object key');
        i++;
        value(depth + 1);
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === '}') {
          i++;
          return;
        }
        fail('after object key:value pair');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (s[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ']') {
          i++;
          return;
        }
        fail('after array element');
      }
    }
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    fail('looking for beginning of value');
  };
  try {
    value(0);
    ws();
    if (i < s.length) fail('after top-level value');
  } catch (e) {
    if (e instanceof Stop) return msg;
    throw e;
  }
  return '';
}
