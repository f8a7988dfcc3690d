/**
 * The package stage: pptxgenjs bytes in; fixed, deterministic, compressed,
 * verified bytes out.
 */
import { error, hasErrors, type Diagnostic, type Result } from '../diagnostics.ts';
import { resolveDeckDate, toDosDateTime, type DosDateTime } from './dates.ts';
import { fixParts } from './fixParts.ts';
import { findTriggers, verifyParts, type TriggerHit } from './verify.ts';
import { writeFileAtomic } from './write.ts';
import { readParts, writeParts, type Parts } from './zip.ts';

export type { TriggerHit, TriggerId } from './verify.ts';
export type { Parts } from './zip.ts';

/** Options of {@link packageDeck}. */
export interface PackageOptions {
  /** The brief's as-of date, YYYY-MM-DD; the deck date unless SOURCE_DATE_EPOCH is set. Without it, a fixed epoch. */
  date?: string;
  /** Environment to read SOURCE_DATE_EPOCH from; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /**
   * Parts written finished (the render stage's own slide parts, render/slideXml.ts): no fix
   * applies to them, so they are not parsed and written back.
   */
  finished?: ReadonlySet<string>;
}

/** Embedded OPC packages (chart workbooks) carry their own timestamps. */
const NESTED_PACKAGE = /^ppt\/embeddings\/[^/]+\.(xlsx|xlsm|docx|pptx)$/i;

/**
 * Fix, normalise and verify a pptx produced by render (its bytes, or its parts as renderParts
 * gives them, which are then fixed in place); pure (no I/O).
 * Unzip -> renumber charts, parse, fix repair triggers, stabilise GUIDs, set dates and
 * write back the XML parts (fixParts.ts) -> same for embedded workbooks -> verify (an
 * independent parse) -> zip deterministically.
 * Parts in `opts.finished` skip the fixes, and the verifier reads only their relationships.
 * Returns no value when verification fails; W_PACKAGE_VALUE warnings name
 * NaN/undefined attribute values that had to be replaced.
 */
export function packageDeck(pptx: Uint8Array | Parts, opts: PackageOptions): Result<Uint8Array> {
  const date = resolveDeckDate(opts.date, opts.env ?? process.env);
  if (!date.value) return { diagnostics: date.diagnostics };
  const out = normalisePackage(pptx, date.value, toDosDateTime(date.value), '', opts.finished);
  return hasErrors(out.diagnostics) ? { diagnostics: out.diagnostics } : out;
}

function normalisePackage(bytes: Uint8Array | Parts, when: Date, dos: DosDateTime, label: string, finished?: ReadonlySet<string>): Result<Uint8Array> {
  let parts: Parts;
  try {
    // Parts given (the render stage's) are fixed in place: they are the caller's no longer.
    parts = bytes instanceof Map ? bytes : readParts(bytes);
  } catch (e) {
    const what = label ? label.replace(/!\/$/, '') : 'deck';
    return { diagnostics: [error('E_PACKAGE', `${what}: not a readable zip package (${e instanceof Error ? e.message : e})`)] };
  }
  const diagnostics = fixParts(parts, when, label, finished);
  for (const [name, data] of parts) {
    if (!NESTED_PACKAGE.test(name) || typeof data === 'string') continue;
    const nested = normalisePackage(data, when, dos, `${label}${name}!/`);
    diagnostics.push(...nested.diagnostics);
    if (nested.value) parts.set(name, nested.value);
  }
  diagnostics.push(...verifyParts(parts, label, finished));
  if (hasErrors(diagnostics)) return { diagnostics };
  return { value: writeParts(parts, dos), diagnostics };
}

/** Atomic write of packaged bytes: the old file survives any failure. */
export function writeDeck(path: string, bytes: Uint8Array): Promise<void> {
  return writeFileAtomic(path, bytes);
}

/**
 * The known PowerPoint repair triggers in a deck (bytes or unzipped parts);
 * empty for a clean deck. For tests elsewhere: `expect(listRepairTriggers(bytes)).toEqual([])`.
 */
export function listRepairTriggers(deck: Uint8Array | Parts): TriggerHit[] {
  return findTriggers(deck instanceof Uint8Array ? readParts(deck) : deck);
}

/** Structural verification of a deck without changing it: E_PACKAGE errors, empty when sound. */
export function verifyDeck(deck: Uint8Array): Diagnostic[] {
  try {
    return verifyParts(readParts(deck));
  } catch (e) {
    return [error('E_PACKAGE', `deck: not a readable zip package (${e instanceof Error ? e.message : e})`)];
  }
}
