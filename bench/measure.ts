/**
 * Timings for the measurement module: `npx tsx bench/measure.ts`.
 * Run it in a fresh process: the "cold" figures include decoding the font subsets.
 */
export {};

const t = () => performance.now();
const ms = (a: number, b: number) => `${(b - a).toFixed(2)} ms`;

const t0 = t();
const { textWidthIn, wrapText } = await import('../src/layout/measure.ts');
const t1 = t();
textWidthIn('Hello world', { face: 'Arial', sizePt: 18 });
const t2 = t();
textWidthIn('Hello world', { face: 'Arial', sizePt: 18, bold: true });
const t3 = t();
textWidthIn('김정은 국무위원장', { face: 'Arial', sizePt: 18 });
const t4 = t();
textWidthIn('Владимир Путин', { face: 'Calibri', sizePt: 18 });
const t5 = t();
console.log(`import module:                       ${ms(t0, t1)}`);
console.log(`cold first measure, Arial latin:     ${ms(t1, t2)} (loads fontkit)`);
console.log(`cold first measure, Arial bold:      ${ms(t2, t3)}`);
console.log(`cold first measure, Hangul (Noto):   ${ms(t3, t4)}`);
console.log(`cold first measure, Calibri Cyrillic: ${ms(t4, t5)}`);

const words = ['the', 'delegation', 'resumed', 'talks', 'on', 'Tuesday', 'after', 'well-known', 'concessions', 'were',
  'reported', 'by', 'officials', 'in', 'Seoul', '국무위원장', '회의', 'Путин', 'and', 'a', 'state-of-the-art', 'summit'];
let seed = 1;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const paras = Array.from({ length: 1000 }, () =>
  Array.from({ length: 20 + Math.floor(rand() * 40) }, () => words[Math.floor(rand() * words.length)]).join(' '));
const chars = paras.reduce((n, p) => n + p.length, 0);
const font = { face: 'Arial', sizePt: 16 } as const;

for (const label of ['first pass (fills caches)', 'warm']) {
  const a = t();
  let lines = 0;
  for (const p of paras) lines += wrapText(p, font, 5.5).length;
  const b = t();
  console.log(`wrap 1000 paragraphs, ${label}: ${ms(a, b)} (${lines} lines, ${chars} chars, `
    + `${((chars / (b - a)) * 1000 / 1e6).toFixed(2)} M chars/s)`);
}
