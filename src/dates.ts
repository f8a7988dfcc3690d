/**
 * Calendar dates as the deck shows them.
 */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** True for a real calendar date written YYYY-MM-DD (no 2023-02-30). */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** "2023-09-12" -> "12 September 2023"; anything that is not a real date comes back unchanged. */
export function formatLongDate(iso: string): string {
  if (!isIsoDate(iso)) return iso;
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/**
 * A timeline date (YYYY, YYYY-MM or YYYY-MM-DD) in the brief's language: "2023", "September
 * 2023", "12 September 2023" in en-GB style for English, the language's own form otherwise.
 * Anything else comes back unchanged.
 */
export function formatPartialDate(date: string, language = 'en-US'): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!m) return date;
  if (m[3] !== undefined) {
    if (!isIsoDate(date)) return date;
    if (language.startsWith('en')) return formatLongDate(date);
  }
  const [y, mo, d] = [Number(m[1]), m[2] ? Number(m[2]) : undefined, m[3] ? Number(m[3]) : undefined];
  if (mo === undefined) return String(y);
  if (mo < 1 || mo > 12) return date;
  if (d === undefined && language.startsWith('en')) return `${MONTHS[mo - 1]} ${y}`;
  const when = new Date(Date.UTC(y, mo - 1, d ?? 1));
  const opts: Intl.DateTimeFormatOptions = d === undefined ? { year: 'numeric', month: 'long', timeZone: 'UTC' } : { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' };
  try {
    return new Intl.DateTimeFormat(language, opts).format(when);
  } catch {
    return date;
  }
}
