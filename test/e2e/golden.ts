/**
 * Golden files for the shipped brief (test/fixtures/golden/), compared by test/e2e/build.test.ts.
 * When a change to the brief, template, theme or layout is intended, regenerate them and review
 * the diff with git:
 *
 *   UPDATE_GOLDEN=1 npx vitest run test/e2e/build.test.ts
 *
 * The placed golden is one row per line: a row per slide (master, notes), then per element its
 * frame as [x, y, w, h] in inches and its type size in points, both to 0.01, with the start of
 * its text to tell it by. A mismatch is reported row by row, naming the fields that changed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { expect } from 'vitest';
import type { Element, Frame, PlacedDeck, TextElement } from '../../src/layout/placed.ts';
import { paragraphsText } from '../render/frames.ts';
import { FIXTURES, REPO } from '../support/helpers.ts';
import { isCI } from '../support/toolGate.ts';

const GOLDEN = join(FIXTURES, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const REGENERATE = 'UPDATE_GOLDEN=1 npx vitest run test/e2e/build.test.ts';

/** One line of the placed golden; `at` names it ("s3" a slide, "s3.title", "s3.e2" its third element, "chrome.footer"). */
export interface PlacedRow {
  at: string;
  [field: string]: unknown;
}

const r2 = (v: number) => Math.round(v * 100) / 100;
const box = (f: Frame) => [r2(f.x), r2(f.y), r2(f.w), r2(f.h)];
const start = (s: string) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 40 ? `${one.slice(0, 39)}…` : one;
};

function elementRow(at: string, el: Element | TextElement): PlacedRow {
  switch (el.kind) {
    case 'text':
      return { at, kind: 'text', frame: box(el.frame), size: r2(el.size), text: start(paragraphsText(el)) };
    case 'table':
      return { at, kind: 'table', frame: box(el.frame), size: r2(el.size), colW: el.colW.map(r2), rowH: el.rowH.map(r2), text: start(el.header.join(' | ')) };
    case 'shape':
      return { at, kind: 'shape', frame: box(el.frame), shape: el.shape };
    case 'image':
      return { at, kind: 'image', frame: box(el.frame), text: start(el.alt) };
    case 'chart':
      return { at, kind: 'chart', frame: box(el.frame), size: r2(el.size), text: start(el.alt) };
    case 'freeform':
      return { at, kind: 'freeform', frame: box(el.frame), text: el.name, points: el.paths.reduce((n, p) => n + p.length, 0) };
    default:
      return el satisfies never;
  }
}

/** The placed deck as golden rows: the chrome's frames, then every slide and every element on it. */
export function placedRows(placed: PlacedDeck): PlacedRow[] {
  const c = placed.chrome;
  const rows: PlacedRow[] = [
    { at: 'chrome.bannerTop', frame: box(c.bannerTop), size: r2(c.bannerSize) },
    { at: 'chrome.bannerBottom', frame: box(c.bannerBottom), size: r2(c.bannerSize) },
    { at: 'chrome.footer', frame: box(c.footerFrame), size: r2(c.footerSize), text: start(c.footerText) },
    { at: 'chrome.slideNumber', frame: box(c.slideNumberFrame), size: r2(c.footerSize) },
    ...Object.entries(c.titleFrames).map(([master, f]) => ({ at: `chrome.title.${master}`, frame: box(f) })),
  ];
  for (const s of placed.slides) {
    rows.push({ at: `s${s.number}`, master: s.master, notes: s.notes.trim() !== '' });
    rows.push(elementRow(`s${s.number}.title`, s.title));
    s.elements.forEach((el, i) => rows.push(elementRow(`s${s.number}.e${i}`, el)));
  }
  return rows;
}

/** What differs between two row lists, one line per row: "changed s3.e1 (text "1"): frame [..] -> [..]". */
export function diffRows(want: PlacedRow[], got: PlacedRow[]): string[] {
  const json = (v: unknown) => JSON.stringify(v);
  const label = (r: PlacedRow) => `${r.at}${r.kind ? ` ${r.kind}` : ''}${typeof r.text === 'string' ? ` ${json(r.text)}` : ''}`;
  const wantAt = new Map(want.map((r) => [r.at, r]));
  const gotAt = new Map(got.map((r) => [r.at, r]));
  const out: string[] = [];
  for (const r of got) {
    const w = wantAt.get(r.at);
    if (!w) {
      out.push(`added   ${label(r)}: ${json(r)}`);
      continue;
    }
    const fields = [...new Set([...Object.keys(w), ...Object.keys(r)])].filter((k) => json(w[k]) !== json(r[k]));
    if (fields.length) out.push(`changed ${label(w)}: ${fields.map((k) => `${k} ${json(w[k])} -> ${json(r[k])}`).join('; ')}`);
  }
  for (const w of want) if (!gotAt.has(w.at)) out.push(`removed ${label(w)}`);
  return out;
}

/** A golden file's JSON; a list of rows is written one row per line, to read (and diff) like a table. */
function goldenJson(actual: unknown, rows: boolean): string {
  if (rows && Array.isArray(actual)) return `[\n${actual.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n]\n`;
  return `${JSON.stringify(actual, null, 2)}\n`;
}

/** Reads golden file `name`, or under UPDATE_GOLDEN=1 writes `actual` to it first. */
function golden(name: string, actual: unknown, rows: boolean): unknown {
  const path = join(GOLDEN, name);
  if (UPDATE) {
    // Under CI a rewrite would bless whatever was built and pass.
    expect(isCI(), 'UPDATE_GOLDEN=1 under CI: regenerate golden files locally and commit them').toBe(false);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, goldenJson(actual, rows));
  }
  expect(existsSync(path), `${relative(REPO, path)} is missing; create it with ${REGENERATE}`).toBe(true);
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Compares `actual` with golden file `name` (a whole-value diff on failure). */
export function expectGolden(name: string, actual: unknown): void {
  expect(JSON.parse(JSON.stringify(actual)), `differs from ${name}; if intended: ${REGENERATE}`).toEqual(golden(name, actual, false));
}

/** Compares the placed deck with golden file `name`, reporting each row that differs. */
export function expectPlacedGolden(name: string, placed: PlacedDeck): void {
  const rows = placedRows(placed);
  const want = golden(name, rows, true);
  const isRows = Array.isArray(want) && want.every((r) => typeof (r as Partial<PlacedRow>)?.at === 'string');
  expect(isRows, `${name} is not a list of placed rows (an older format?); regenerate it with ${REGENERATE}`).toBe(true);
  expect(diffRows(want as PlacedRow[], JSON.parse(JSON.stringify(rows)) as PlacedRow[]), `the placed deck differs from ${name}; if intended: ${REGENERATE}`).toEqual([]);
}
