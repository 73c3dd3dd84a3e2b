// The nesting depth of JSON text, measured without parsing it: JSON.parse accepts a megabyte of
// `[[[[…` but nothing downstream (serialisation, Temporal payloads) survives it, so the ingress
// refuses such bodies up front. Go's encoding/json stops at the same depth.
export const MAX_JSON_NESTING = 10_000;

/** True when the text nests objects/arrays deeper than `limit` (strings are skipped correctly). */
export function exceedsJsonNesting(text: string, limit = MAX_JSON_NESTING): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
