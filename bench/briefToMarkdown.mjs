/**
 * Writes bench/kim-putin-2023.md: the shipped brief's content (every text, with its sources,
 * notes as speaker notes) as a Markdown deck for pandoc, so the bench can time pandoc on the
 * same content: `node bench/briefToMarkdown.mjs > bench/kim-putin-2023.md`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
const b = parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../briefs/kim-putin-2023.yaml'), 'utf8'));
const out = [];
const title = (s) => s.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
const cite = (o) => (o && Array.isArray(o.sources) && o.sources.length ? ` [${o.sources.join(', ')}]` : '');
// Every string of a section, in document order: a bullet per object that carries text, with its sources.
function lines(v, depth) {
  const pad = '  '.repeat(depth);
  if (typeof v === 'string' || typeof v === 'number') return [`${pad}- ${String(v).trim()}`];
  if (Array.isArray(v)) return v.flatMap((x) => lines(x, depth));
  if (v && typeof v === 'object') {
    const own = Object.entries(v).filter(([k, x]) => k !== 'sources' && (typeof x === 'string' || typeof x === 'number'));
    const nested = Object.entries(v).filter(([k, x]) => k !== 'sources' && x && typeof x === 'object');
    const head = own.length ? [`${pad}- ${own.map(([k, x]) => (['text', 'statement', 'name', 'event', 'heading', 'title'].includes(k) ? String(x).trim() : `${k.replace(/_/g, ' ')}: ${String(x).trim()}`)).join('; ')}${cite(v)}`] : [];
    return [...head, ...nested.flatMap(([k, x]) => [`${pad}${head.length ? '  ' : ''}- ${title(k)}`, ...lines(x, depth + (head.length ? 2 : 1))])];
  }
  return [];
}
out.push('<!-- Generated from briefs/kim-putin-2023.yaml by bench/briefToMarkdown.mjs, for the bench: the same content for pandoc. -->', '', '---', `title: "${b.meta.title}"`, `subtitle: "${b.meta.subtitle}"`, `author: "${b.meta.prepared_by}"`, ...(b.meta.as_of ? [`date: "${b.meta.as_of}"`] : []), '---', '');
for (const [k, v] of Object.entries(b)) {
  if (k === 'meta') continue;
  out.push(`# ${title(k)}`, '');
  if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.text === 'string') out.push(v.text.trim() + cite(v), '');
  const rest = v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter(([kk]) => kk !== 'text' && kk !== 'sources' && kk !== 'notes')) : v;
  out.push(...lines(rest, 0), '');
  if (v && typeof v.notes === 'string') out.push('::: notes', v.notes.trim(), ':::', '');
}
process.stdout.write(out.join('\n'));
