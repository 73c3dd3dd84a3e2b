// encoding/json's text for strings and float64s, as json.Marshal writes them (Go 1.22+): \b \f
// \n \r \t short escapes, other control characters as \u00XX, U+2028/U+2029 always escaped,
// < > & escaped unless SetEscapeHTML(false), invalid UTF-8 (here: a lone surrogate) as \ufffd.
// sprig's toJson, expr-lang's toJSON and the JSON Argo marshals from a jq transform use it.

function hex4(c: number): string {
  return '\\u' + c.toString(16).padStart(4, '0');
}

/** A JSON string literal for `s`. */
export function goJsonQuote(s: string, escapeHTML: boolean): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c < 0x20) {
      switch (c) {
        case 8:
          rep = '\\b';
          break;
        case 9:
          rep = '\\t';
          break;
        case 10:
          rep = '\\n';
          break;
        case 12:
          rep = '\\f';
          break;
        case 13:
          rep = '\\r';
          break;
        default:
          rep = hex4(c);
      }
    } else if (c === 0x22) rep = '\\"';
    else if (c === 0x5c) rep = '\\\\';
    else if (escapeHTML && (c === 0x3c || c === 0x3e || c === 0x26)) rep = hex4(c);
    else if (c === 0x2028 || c === 0x2029) rep = hex4(c);
    else if (c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      rep = '\\ufffd';
    }
    if (rep !== undefined) {
      out += s.slice(start, i) + rep;
      start = i + 1;
    }
  }
  return out + s.slice(start) + '"';
}

/**
 * A finite float64 as json.Marshal writes it: shortest digits, exponent form below 1e-6 and from
 * 1e21 up ("1e-7", "1e+21"). JS's Number#toString switches at the same points; only -0 differs.
 */
export function goJsonNumber(f: number): string {
  return f === 0 && Object.is(f, -0) ? '-0' : String(f);
}
