import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { listTemplates } from '../../src/compose/templateSet.ts';
import { listThemes } from '../../src/theme/loadTheme.ts';
import { captureOut, SHIPPED_BRIEF } from '../support/helpers.ts';
import { BRIEF_NAME, remove, tempProject } from './helpers.ts';

const cleanups: string[] = [];
afterEach(() => {
  for (const dir of cleanups.splice(0)) remove(dir);
});

describe('choosing templates and themes', () => {
  it('an unknown --template is an error that lists the templates there are', async () => {
    const out = captureOut();
    expect(await main(['check', SHIPPED_BRIEF, '--template', 'breifing'], out)).toBe(1);
    const err = out.err.join('\n');
    expect(err).toContain('error[E_UNKNOWN_TEMPLATE]: no template named "breifing"');
    expect(err).toContain('did you mean "briefing"?');
    expect(err).toContain(`available templates: ${listTemplates('templates').join(', ')}`);
    expect(out.out).toEqual([expect.stringMatching(/^✗ .*kim-putin-2023\.yaml {2}failed$/)]);
  });

  it('an unknown --theme is an error that lists the themes there are', async () => {
    const out = captureOut();
    expect(await main(['check', SHIPPED_BRIEF, '--theme', 'nope'], out)).toBe(1);
    const err = out.err.join('\n');
    expect(err).toContain('error[E_UNKNOWN_THEME]: no theme named "nope"');
    expect(err).toContain(`available themes: ${listThemes('templates/themes').join(', ')}`);
  });

  it('the brief\'s own template: and theme: are used, and checked the same way', async () => {
    const p = tempProject();
    cleanups.push(p.root);
    const brief = join(p.root, 'briefs', BRIEF_NAME);
    writeFileSync(brief, `template: nosuch\ntheme: civic\n${readFileSync(brief, 'utf8')}`);
    const out = captureOut();
    expect(await main(['check'], out, { cwd: p.root })).toBe(1);
    expect(out.err.join('\n')).toContain('no template named "nosuch"');
    // The option overrides the brief.
    expect(await main(['check', '--template', 'briefing'], captureOut(), { cwd: p.root })).toBe(0);
  });

  it('a project\'s own templates/ folder is used when building from it', async () => {
    const p = tempProject();
    cleanups.push(p.root);
    renameSync(join(p.root, 'templates/briefing'), join(p.root, 'templates/house'));
    const out = captureOut();
    expect(await main(['check'], out, { cwd: p.root })).toBe(1);
    expect(out.err.join('\n')).toMatch(/no template named "briefing"\n.*available templates: .*\bhouse\b/);
    expect(await main(['check', '--template', 'house'], captureOut(), { cwd: p.root })).toBe(0);
  });
});
