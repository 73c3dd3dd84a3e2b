// Go's strconv.ParseBool / ParseFloat, whose exact acceptance rules decide Argo data filters.

export function goParseBool(s: string): boolean | undefined {
  switch (s) {
    case '1':
    case 't':
    case 'T':
    case 'TRUE':
    case 'true':
    case 'True':
      return true;
    case '0':
    case 'f':
    case 'F':
    case 'FALSE':
    case 'false':
    case 'False':
      return false;
    default:
      return undefined;
  }
}

const DECIMAL = /^[+-]?(?:\d+(?:_\d+)*\.?(?:\d+(?:_\d+)*)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+)?$/;
const HEX_FLOAT = /^[+-]?0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?\d+$/;
const SPECIAL = /^[+-]?(?:inf|infinity|nan)$/i;

/** strconv.ParseFloat(s, 64): undefined where Go returns an error (other than range). */
export function goParseFloat(s: string): number | undefined {
  if (SPECIAL.test(s)) {
    const lower = s.toLowerCase();
    if (lower.endsWith('nan')) return lower.startsWith('+') || lower.startsWith('-') ? undefined : NaN;
    return lower.startsWith('-') ? -Infinity : Infinity;
  }
  if (DECIMAL.test(s)) {
    // Go float syntax allows '_' between digits (1_000.5).
    return Number(s.replace(/_/g, ''));
  }
  if (HEX_FLOAT.test(s)) {
    const neg = s.startsWith('-');
    const body = s.replace(/^[+-]?0[xX]/, '');
    const [mant = '', exp = '0'] = body.split(/[pP]/);
    const [intPart = '', frac = ''] = mant.split('.');
    let v = parseInt(intPart || '0', 16);
    for (let i = 0; i < frac.length; i++) v += parseInt(frac[i]!, 16) / 16 ** (i + 1);
    v *= 2 ** Number(exp);
    return neg ? -v : v;
  }
  return undefined;
}
