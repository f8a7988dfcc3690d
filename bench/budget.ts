/**
 * A figure against its budget, the way the bench prints every timing that a test used to
 * assert: the tests check what happens (refused, with its code; rebuilt), the bench says how
 * long it took and whether that is within the budget. Over budget is printed, never thrown:
 * wall-clock time on a loaded machine is a figure to read, not a verdict.
 */

const f = (ms: number) => (ms < 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(0)} ms`);

/** `label ....  123 ms  budget 3000 ms  ok` (or `OVER BUDGET`), aligned in columns. */
export function budgetLine(label: string, ms: number, budgetMs: number, note = ''): string {
  const verdict = ms <= budgetMs ? 'ok' : 'OVER BUDGET';
  return `  ${label.padEnd(54)} ${f(ms).padStart(9)}  budget ${f(budgetMs).padStart(9)}  ${verdict}${note ? `  (${note})` : ''}`;
}

/** Times one call, sync or async. */
export async function timed<T>(run: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await run();
  return { ms: performance.now() - t0, value };
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
