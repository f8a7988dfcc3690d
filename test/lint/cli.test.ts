/**
 * `briefdeck lint`: findings one per line with file:line:col, code and hint; --strict fails on
 * any; --json prints the same as data; check and build run the same rules.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { captureOut, FIXTURES } from '../support/helpers.ts';

const LINT = join(FIXTURES, 'lint');
const fixture = (name: string) => join(LINT, `${name}.yaml`);

describe('briefdeck lint', () => {
  it('reports a finding with its position, code, field and hint; exit 0 without --strict', async () => {
    const out = captureOut();
    expect(await main(['lint', fixture('unsourced')], out)).toBe(0);
    expect(out.err.join('\n')).toContain(`${fixture('unsourced')}:14:7: warning[W_UNSOURCED]: context.history[0]: cites no source\n  hint: add \`sources: [id]\``);
    expect(out.out).toEqual([`✓ ${fixture('unsourced')}  1 finding`]);
  });

  it('fails under --strict on any finding, and passes a clean brief', async () => {
    const bad = captureOut();
    expect(await main(['lint', '--strict', fixture('hedge-weaker')], bad)).toBe(1);
    expect(bad.err.join('\n')).toMatch(/error\[E_STRICT\]/);
    const clean = captureOut();
    expect(await main(['lint', '--strict', fixture('clean')], clean)).toBe(0);
    expect(clean.out).toEqual([`✓ ${fixture('clean')}  clean`]);
  });

  it('prints findings as JSON with --json', async () => {
    const out = captureOut();
    expect(await main(['lint', '--json', fixture('single-source'), fixture('clean')], out)).toBe(0);
    const json = JSON.parse(out.out.join('\n')) as { ok: boolean; results: Array<{ brief: string; findings: number; diagnostics: Array<{ code: string; line: number; path: string }> }> };
    expect(json.ok).toBe(true);
    expect(json.results.map((r) => r.findings)).toEqual([1, 0]);
    expect(json.results[0]!.diagnostics[0]).toMatchObject({ code: 'W_CONFIDENCE_SINGLE_SOURCE', line: 16, path: 'key_judgments.items[0].confidence' });
  });

  it('fails on a portion above its banner even without --strict: it is an error', async () => {
    const out = captureOut();
    expect(await main(['lint', fixture('portion-above-banner')], out)).toBe(1);
    expect(out.err.join('\n')).toContain('error[E_PORTION_ABOVE_BANNER]');
  });

  it('shows only lint findings, not other build warnings', async () => {
    const out = captureOut();
    await main(['lint', fixture('small-body-text')], out);
    expect(out.err.join('\n')).toContain('W_BODY_TEXT_SMALL');
    expect(out.err.join('\n')).not.toContain('W_TEXT_TOO_LONG');
  });

  it('is listed in the main help, with help of its own', async () => {
    const help = captureOut();
    expect(await main(['--help'], help)).toBe(0);
    expect(help.out.join('\n')).toMatch(/\n {2}lint +Check briefs against briefing conventions/);
    const own = captureOut();
    expect(await main(['lint', '--help'], own)).toBe(0);
    expect(own.out.join('\n')).toContain('Usage: briefdeck lint [FILES...]');
    expect(own.out.join('\n')).toContain('--strict         fail on any finding');
  });

  it('is run by check, where --strict turns findings into a failure', async () => {
    const lax = captureOut();
    expect(await main(['check', fixture('unsourced')], lax)).toBe(0);
    expect(lax.err.join('\n')).toContain('warning[W_UNSOURCED]');
    const strict = captureOut();
    expect(await main(['check', '--strict', fixture('unsourced')], strict)).toBe(1);
  });

  it('a bad flag is a usage error (exit 2)', async () => {
    expect(await main(['lint', '--bogus'], captureOut())).toBe(2);
  });
});

describe('briefdeck lint on a brief that cannot be read', () => {
  it('says it was not linted, with the error, and exits 1', async () => {
    const out = captureOut();
    const file = join(FIXTURES, 'bad/tab-indent.yaml');
    expect(await main(['lint', file], out)).toBe(1);
    expect(out.out).toEqual([`✗ ${file}  not linted: it has errors`]);
    expect(out.err.join('\n')).toContain('error[E_YAML_SYNTAX]');
  });
});
