/**
 * formatNumber writes whole numbers without Intl (whose first use loads ICU's number data); it
 * must give exactly what toLocaleString('en-US') gives, for every number.
 */
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../src/numbers.ts';

describe('formatNumber', () => {
  it("writes numbers exactly as toLocaleString('en-US') does", () => {
    const samples = [0, -0, 1, 9, 10, 99, 100, 999, 1000, 1001, 9999, 10000, 123456, 999999, 1000000, 1234567, -1, -1000, -1234567, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53, 1e21, 0.5, 0.05, 0.0005, 2.5, 1250.75, 1234.5678, -0.333, NaN, Infinity, -Infinity];
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      samples.push(Math.round((seed / 2 ** 31) * 10 ** (i % 12)) * (i % 3 === 0 ? -1 : 1), (seed / 2 ** 31) * 10 ** (i % 7));
    }
    for (const n of samples) {
      expect(formatNumber(n), String(n)).toBe(n.toLocaleString('en-US'));
      expect(formatNumber(n, 2), String(n)).toBe(n.toLocaleString('en-US', { maximumFractionDigits: 2 }));
    }
  });
});
