import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBrief } from '../../src/build.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const BRIEF = join(ROOT, 'briefs', 'kim-putin-2023.yaml');
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('the same brief, template and theme give the same bytes', () => {
  it('twice in one process (pptxgenjs keeps module-wide counters), and in another process and time zone', async () => {
    const { SOURCE_DATE_EPOCH: _unset, ...env } = process.env;
    const a = await buildBrief(BRIEF, { outDir: mkdtempSync(join(tmpdir(), 'bd-det-')), env });
    const b = await buildBrief(BRIEF, { outDir: mkdtempSync(join(tmpdir(), 'bd-det-')), env });
    expect(a.ok && b.ok).toBe(true);
    expect(sha(b.pptx!)).toBe(sha(a.pptx!));

    const out = mkdtempSync(join(tmpdir(), 'bd-det-'));
    execFileSync(process.execPath, [join(ROOT, 'bin', 'briefdeck.js'), 'build', BRIEF, '--out', out], { env: { ...env, TZ: 'Asia/Seoul' }, stdio: 'pipe' });
    const c = readFileSync(join(out, 'kim-putin-2023.pptx'));
    expect(sha(c)).toBe(sha(a.pptx!));
  });

  it('SOURCE_DATE_EPOCH sets the dates, so it changes the bytes, reproducibly', async () => {
    const env = { ...process.env, SOURCE_DATE_EPOCH: '1700000000' };
    const a = await buildBrief(BRIEF, { outDir: mkdtempSync(join(tmpdir(), 'bd-det-')), env });
    const b = await buildBrief(BRIEF, { outDir: mkdtempSync(join(tmpdir(), 'bd-det-')), env });
    const plain = await buildBrief(BRIEF, { outDir: mkdtempSync(join(tmpdir(), 'bd-det-')), env: {} });
    expect(sha(a.pptx!)).toBe(sha(b.pptx!));
    expect(sha(a.pptx!)).not.toBe(sha(plain.pptx!));
  });
});
