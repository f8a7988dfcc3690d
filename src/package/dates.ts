/**
 * The deck date: the one instant written into docProps/core.xml and every zip
 * entry, so the same brief always yields the same bytes.
 */
import { error, type Result } from '../diagnostics.ts';
import { bindPrefix, createElement, isElement, type XmlDocument, type XmlElement, type XmlText } from './xmlTree.ts';

/** A DOS timestamp as stored in zip headers (2-second resolution). */
export interface DosDateTime {
  date: number;
  time: number;
}

/**
 * The deck date when neither SOURCE_DATE_EPOCH nor an as-of date is given: 1980-01-01T00:00:00Z,
 * the earliest instant a zip entry can record, so such builds stay reproducible.
 */
export const FIXED_EPOCH = new Date(Date.UTC(1980, 0, 1));

/**
 * `SOURCE_DATE_EPOCH` (seconds since the epoch, per reproducible-builds.org)
 * when set and non-empty in `env`, else `asOf` (YYYY-MM-DD) at 00:00:00Z, else
 * {@link FIXED_EPOCH}. A malformed value is an error rather than a silent
 * fallback, as the SOURCE_DATE_EPOCH spec asks.
 */
export function resolveDeckDate(asOf: string | undefined, env: NodeJS.ProcessEnv): Result<Date> {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    const ms = /^\d{1,12}$/.test(epoch) ? Number(epoch) * 1000 : NaN;
    if (!Number.isFinite(ms) || new Date(ms).getUTCFullYear() > 9999) {
      return fail(`SOURCE_DATE_EPOCH="${epoch}" is not a whole number of seconds since 1970-01-01`,
        'unset it or set it to e.g. $(git log -1 --format=%ct)', 'SOURCE_DATE_EPOCH');
    }
    return { value: new Date(ms), diagnostics: [] };
  }
  if (asOf === undefined) return { value: FIXED_EPOCH, diagnostics: [] };
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  const when = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  // The round trip rejects dates such as 2024-02-30 that Date.UTC would roll over.
  if (!when || Number.isNaN(when.getTime()) || when.toISOString().slice(0, 10) !== asOf) {
    return fail(`deck date "${asOf}" is not a valid YYYY-MM-DD date`);
  }
  return { value: when, diagnostics: [] };
}

/** `file` names what the problem concerns when it is not a file: here, the variable. */
function fail(message: string, hint?: string, file?: string): Result<Date> {
  return { diagnostics: [error('E_PACKAGE', message, { ...(hint ? { hint } : {}), ...(file ? { file } : {}) })] };
}

/** W3CDTF in UTC without fractional seconds, the form Office writes: `2024-05-01T00:00:00Z`. */
export function w3cdtf(when: Date): string {
  return when.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * DOS date/time from the UTC wall clock of `when`, so the result does not
 * depend on the process time zone. DOS time covers 1980..2107; instants
 * outside are clamped to the nearest representable one.
 */
export function toDosDateTime(when: Date): DosDateTime {
  const min = Date.UTC(1980, 0, 1);
  const max = Date.UTC(2107, 11, 31, 23, 59, 58);
  const d = new Date(Math.min(max, Math.max(min, when.getTime())));
  return {
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
  };
}

const CORE = 'http://schemas.openxmlformats.org/package/2006/metadata/core-properties';
const DCTERMS = 'http://purl.org/dc/terms/';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/**
 * Sets `dcterms:created` and `dcterms:modified` in a parsed core-properties part to
 * `when`, adding them when absent (pptxgenjs writes the wall-clock time). A part whose
 * root is not core properties is left alone.
 */
export function setCoreDates(core: XmlDocument, when: Date): void {
  const root = core.root;
  if (root.uri !== CORE || root.local !== 'coreProperties') return;
  const stamp: XmlText = { kind: 'text', text: w3cdtf(when) };
  for (const local of ['created', 'modified']) {
    let el = root.children.find((c): c is XmlElement => isElement(c, DCTERMS, local));
    if (!el) {
      el = createElement(root, DCTERMS, local, 'dcterms');
      el.attrs[`${bindPrefix(el, XSI, 'xsi')}:type`] = `${bindPrefix(el, DCTERMS, 'dcterms')}:W3CDTF`;
      root.children.push(el);
    }
    el.children = [{ ...stamp }];
  }
}
