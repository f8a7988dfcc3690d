/**
 * Numbers as the deck writes them, in the en-US form: "1,250", "2.5".
 *
 * `toLocaleString('en-US')` gives that form, but its first call in a process loads ICU's number
 * formatting data: 20-34 ms, measured in a bare `node` here, which a cold build paid at its first
 * map scale bar. Whole numbers, the common case (distances, scale bars, most chart values), are
 * grouped here without Intl, digit for digit as en-US groups them; anything else goes to Intl.
 */

/** `n.toLocaleString('en-US', { maximumFractionDigits })` (en-US's default of 3 digits when not given). */
export function formatNumber(n: number, maximumFractionDigits?: number): string {
  if (Number.isSafeInteger(n)) {
    const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',');
    return n < 0 || Object.is(n, -0) ? `-${digits}` : digits;
  }
  return maximumFractionDigits === undefined ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits });
}
