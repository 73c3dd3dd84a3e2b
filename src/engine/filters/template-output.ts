// What a data filter compares after its `template` ran. Argo re-reads the output through
// gjson.Parse(strconv.Quote(out)); gjson's unescaper stops at the escapes Quote uses but JSON
// does not (\a, \v, \xNN, \UNNNNNNNN), so the text is cut at the first such character.
import { isPrint } from '../../lang/go/quote.js';

function cutsText(cp: number): boolean {
  // JSON has escapes for \b \t \n \f \r; every other control character cuts.
  if (cp < 0x20) return !(cp === 8 || cp === 9 || cp === 10 || cp === 12 || cp === 13);
  if (cp === 0x7f) return true;
  // Outside the BMP, Quote writes unprintable runes as \UNNNNNNNN.
  return cp > 0xffff && !isPrint(cp);
}

export function templateOutputAsArgoReadsIt(out: string): string {
  for (let i = 0; i < out.length; i++) {
    const cp = out.codePointAt(i)!;
    if (cutsText(cp)) return out.slice(0, i);
    if (cp > 0xffff) i++;
  }
  return out;
}
