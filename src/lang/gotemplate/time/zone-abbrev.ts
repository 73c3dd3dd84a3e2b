// Zone abbreviations as Go's tzdata prints them for the MST layout token and Time.String().
// Intl only knows some of them (and only under some locales), so pick a locale by region,
// keep Go's names for common zones Intl lacks, and otherwise fall back to Go's numeric
// form ("+08", "+0545"), which is what tzdata itself uses for those zones.

const OVERRIDES: Record<string, Record<number, string>> = {
  'Asia/Tokyo': { 32400: 'JST' },
  'Asia/Seoul': { 32400: 'KST' },
  'Asia/Shanghai': { 28800: 'CST' },
  'Asia/Taipei': { 28800: 'CST' },
  'Asia/Hong_Kong': { 28800: 'HKT' },
  'Asia/Manila': { 28800: 'PST' },
  'Asia/Kolkata': { 19800: 'IST' },
  'Asia/Calcutta': { 19800: 'IST' },
  'Asia/Jerusalem': { 7200: 'IST', 10800: 'IDT' },
  'Asia/Tel_Aviv': { 7200: 'IST', 10800: 'IDT' },
  'Asia/Karachi': { 18000: 'PKT' },
  'Asia/Jakarta': { 25200: 'WIB' },
  'Europe/Moscow': { 10800: 'MSK' },
  'Africa/Lagos': { 3600: 'WAT' },
  'Africa/Nairobi': { 10800: 'EAT' },
  'Africa/Johannesburg': { 7200: 'SAST' },
  'Europe/Dublin': { 0: 'GMT', 3600: 'IST' },
};

function localesFor(zone: string): string[] {
  if (zone.startsWith('America/') || zone.startsWith('US/') || zone.startsWith('Canada/'))
    return ['en-US', 'en-CA'];
  if (zone.startsWith('Europe/')) return ['en-GB'];
  if (zone.startsWith('Africa/')) return ['en-GB', 'en-ZA'];
  if (zone.startsWith('Australia/')) return ['en-AU'];
  if (zone === 'Pacific/Auckland' || zone === 'NZ') return ['en-NZ'];
  if (zone === 'Pacific/Honolulu' || zone === 'US/Hawaii') return ['en-US'];
  return [];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function shortName(locale: string, zone: string, epochMs: number): string | undefined {
  const key = `${locale}|${zone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' });
    if (formatters.size > 500) formatters.clear();
    formatters.set(key, f);
  }
  return f.formatToParts(new Date(epochMs)).find((p) => p.type === 'timeZoneName')?.value;
}

/** Go's numeric abbreviation for zones without a name: "+08", "-03", "+0545". */
function numericAbbrev(offsetSec: number): string {
  const sign = offsetSec < 0 ? '-' : '+';
  const abs = Math.abs(offsetSec);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  return sign + String(h).padStart(2, '0') + (m !== 0 ? String(m).padStart(2, '0') : '');
}

export function zoneAbbrev(zone: string, epochMs: number, offsetSec: number): string {
  if (zone === 'UTC' || zone === 'Etc/UTC' || zone === 'Etc/UCT' || zone === 'UCT' || zone === 'Zulu')
    return 'UTC';
  if (zone === 'GMT' || zone === 'Etc/GMT' || zone === 'Greenwich') return 'GMT';
  const o = Object.prototype.hasOwnProperty.call(OVERRIDES, zone) ? OVERRIDES[zone]![offsetSec] : undefined;
  if (o) return o;
  for (const locale of localesFor(zone)) {
    const n = shortName(locale, zone, epochMs);
    if (n && /^[A-Z]{3,5}$/.test(n) && (n !== 'GMT' || offsetSec === 0)) return n;
  }
  return numericAbbrev(offsetSec);
}
