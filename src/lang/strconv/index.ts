// Go's strconv.ParseBool / ParseFloat, whose exact acceptance rules decide Argo data filters.
// The implementations live in ../go/ with the other Go runtime semantics; this is the entry
// point the engine and the manifest validator import.

import { parseGoFloat } from '../go/parse-number.js';

export { goParseBool } from '../go/parse-bool.js';

/** strconv.ParseFloat(s, 64): undefined where Go returns a syntax error; ±Infinity when out of range. */
export function goParseFloat(s: string): number | undefined {
  const r = parseGoFloat(s);
  return r.ok || r.range ? r.value : undefined;
}
