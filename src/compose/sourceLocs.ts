/**
 * Handlebars output has no memory of where its text came from. To make markup errors point at
 * the template's own line, every start tag in a template gets a `data-loc="file:line:col"`
 * attribute before compiling; the attribute travels through Handlebars into the markup. The
 * template set compiles with a key for the file (templateKey) rather than its path, so that
 * compiled templates do not depend on where the project is or where briefdeck runs from
 * (precompiled.ts); the markup reader maps the keys back to the files.
 * Inserting text shifts columns, so a per-line offset table maps Handlebars' own error
 * positions back to the original columns.
 */

export interface Instrumented {
  text: string;
  /** Maps a (line, col) of the instrumented text to the original template's column. */
  originalCol(line: number, col: number): number;
}

const LOC_ATTR = 'data-loc';

/** The `file` of a template set's data-loc values: "" for the main template, ">name" for a partial. */
export function templateKey(partial?: string): string {
  return partial === undefined ? '' : `>${partial}`;
}

/** Adds `data-loc` to every markup start tag outside Handlebars expressions. */
export function instrumentTemplate(source: string, file: string): Instrumented {
  const inserts = new Map<number, Array<{ at: number; len: number }>>();
  let out = '';
  let line = 1;
  // Columns in the instrumented output and in the original template (UTF-16 units, as
  // Handlebars counts them).
  let col = 0;
  let origCol = 0;
  let i = 0;
  const advance = (s: string) => {
    for (let k = 0; k < s.length; k++) {
      if (s[k] === '\n') {
        line += 1;
        col = 0;
        origCol = 0;
      } else {
        col += 1;
        origCol += 1;
      }
    }
    out += s;
  };
  while (i < source.length) {
    if (source.startsWith('{{', i)) {
      const end = mustacheEnd(source, i);
      advance(source.slice(i, end));
      i = end;
      continue;
    }
    const m = /^<([a-z][a-z0-9-]*)/.exec(source.slice(i, i + 40));
    if (m) {
      const tag = m[0];
      const startCol = origCol;
      advance(tag);
      const attr = ` ${LOC_ATTR}="${file}:${line}:${startCol + 1}"`;
      const list = inserts.get(line) ?? [];
      list.push({ at: col, len: attr.length });
      inserts.set(line, list);
      out += attr;
      col += attr.length;
      i += tag.length;
      continue;
    }
    advance(source[i] as string);
    i += 1;
  }
  return {
    text: out,
    originalCol(l, c) {
      let shift = 0;
      for (const ins of inserts.get(l) ?? []) if (ins.at < c) shift += Math.min(ins.len, c - ins.at);
      return c - shift;
    },
  };
}

/** End offset of the Handlebars expression or comment starting at `start`. */
function mustacheEnd(s: string, start: number): number {
  if (s.startsWith('{{!--', start)) {
    const e = s.indexOf('--}}', start + 5);
    return e < 0 ? s.length : e + 4;
  }
  const close = s.startsWith('{{{', start) ? '}}}' : '}}';
  const e = s.indexOf(close, start + 2);
  return e < 0 ? s.length : e + close.length;
}

export const LOC_ATTRIBUTE = LOC_ATTR;

/** Parses a `data-loc` value ("file:line:col"; the file may itself contain colons). */
export function parseLoc(value: string): { file: string; line: number; col: number } | undefined {
  const m = /^(.*):(\d+):(\d+)$/.exec(value);
  if (!m) return undefined;
  return { file: m[1] as string, line: Number(m[2]), col: Number(m[3]) };
}
