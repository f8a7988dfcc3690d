/**
 * The bad-input catalogue, templates and themes: a broken template or theme is an error at
 * the template's (or theme's) own line, with a hint, exit 1, and nothing written. Each case
 * copies the repository's templates/ into a temporary project and adds one broken template
 * from test/fixtures/bad/templates (or a broken theme).
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBrief } from '../../src/build.ts';
import { formatDiagnostic } from '../../src/diagnostics.ts';
import { BAD, expectFailed, GOOD_BRIEF, makeProject, positionOf, runCli, snapshot, type Project } from './harness.ts';

let project: Project | undefined;
afterEach(() => {
  project?.cleanup();
  project = undefined;
});

/** A project with the repository's templates plus the broken one named `broken`. */
async function withBrokenTemplate(broken: string) {
  project = await makeProject(['brief']);
  const templates = project.copyTemplates();
  cpSync(join(BAD, 'templates', broken), join(templates, broken), { recursive: true });
  const brief = project.write('brief.yaml', GOOD_BRIEF);
  const deck = join(templates, broken, 'deck.hbs');
  return { templates, brief, deck, text: readFileSync(deck, 'utf8'), before: snapshot(project.out) };
}

describe('broken templates: error at the template line, with a hint; nothing written', () => {
  it('Handlebars syntax error: a mustache never closed ({{meta.title})', async () => {
    const t = await withBrokenTemplate('hbs-unclosed');
    const r = await buildBrief(t.brief, { outDir: project!.out, templatesDir: t.templates, template: 'hbs-unclosed', projectRoot: project!.root });
    expect(snapshot(project!.out)).toEqual(t.before);
    // On the line of the broken mustache, anywhere from its "{{" to the stray "}".
    const at = positionOf(t.text, '{{meta.title}<');
    const d = expectFailed(r, { code: 'E_TEMPLATE_SYNTAX', file: t.deck });
    expect(d.line, formatDiagnostic(d)).toBe(at.line);
    expect(d.col, formatDiagnostic(d)).toBeGreaterThanOrEqual(at.col);
    expect(d.col, formatDiagnostic(d)).toBeLessThanOrEqual(at.col + '{{meta.title}'.length);
    // The message must say what is wrong, not just "syntax error:".
    expect(d.message.replace(/^syntax error:?\s*/, '').trim(), formatDiagnostic(d)).not.toBe('');
  });

  it('Handlebars syntax error: {{#if}} closed by {{/each}}', async () => {
    const t = await withBrokenTemplate('hbs-mismatch');
    const r = await buildBrief(t.brief, { outDir: project!.out, templatesDir: t.templates, template: 'hbs-mismatch', projectRoot: project!.root });
    expect(snapshot(project!.out)).toEqual(t.before);
    const d = expectFailed(r, { code: 'E_TEMPLATE_SYNTAX', file: t.deck, message: /if.*each|each.*if/ });
    expect(d.line).toBe(positionOf(t.text, '{{#if').line);
  });

  it('unknown helper', async () => {
    const t = await withBrokenTemplate('unknown-helper');
    const r = await buildBrief(t.brief, { outDir: project!.out, templatesDir: t.templates, template: 'unknown-helper', projectRoot: project!.root });
    expect(snapshot(project!.out)).toEqual(t.before);
    const at = positionOf(t.text, '{{shout');
    expectFailed(r, { code: 'E_TEMPLATE_HELPER', file: t.deck, line: at.line, col: at.col, hint: /helpers/, message: /shout/ });
  });

  it('unknown layout, with did-you-mean', async () => {
    const t = await withBrokenTemplate('unknown-layout');
    const r = await buildBrief(t.brief, { outDir: project!.out, templatesDir: t.templates, template: 'unknown-layout', projectRoot: project!.root });
    expect(snapshot(project!.out)).toEqual(t.before);
    const at = positionOf(t.text, '<slide layout="bulets"');
    expectFailed(r, { code: 'E_TEMPLATE_LAYOUT', file: t.deck, line: at.line, col: at.col, hint: /did you mean "bullets"/, message: /bulets/ });
  });

  it('malformed markup (mismatched close tag), at the template line', async () => {
    const t = await withBrokenTemplate('bad-markup');
    const r = await buildBrief(t.brief, { outDir: project!.out, templatesDir: t.templates, template: 'bad-markup', projectRoot: project!.root });
    expect(snapshot(project!.out)).toEqual(t.before);
    const at = positionOf(t.text, '<line>');
    expectFailed(r, { code: 'E_TEMPLATE_MARKUP', file: t.deck, line: at.line, col: at.col, hint: /closed/ });
  });

  it('malformed markup is reported once, not as a cascade of identical errors', async () => {
    const t = await withBrokenTemplate('bad-markup');
    const r = await buildBrief(t.brief, { outDir: project!.out, templatesDir: t.templates, template: 'bad-markup', projectRoot: project!.root });
    const printed = r.diagnostics.map(formatDiagnostic);
    expect(printed.length, printed.join('\n')).toBe(new Set(printed).size);
  });

  it('unknown template name: error listing the available ones (CLI, --template, templates from ./templates)', async () => {
    const t = await withBrokenTemplate('unknown-layout');
    const cli = runCli(['build', 'brief.yaml', '--template', 'briefng'], project!.root);
    expect(cli.code, cli.stderr).toBe(1);
    expect(cli.stderr).toMatch(/error\[E_UNKNOWN_TEMPLATE\]: no template named "briefng"/);
    expect(cli.stderr).toMatch(/hint: did you mean "briefing"\?.*available templates: .*unknown-layout/);
    expect(snapshot(project!.out)).toEqual(t.before);
  });

  it('a broken template through the real CLI, run in the project folder (./templates)', async () => {
    const t = await withBrokenTemplate('unknown-helper');
    const cli = runCli(['build', 'brief.yaml', '--template', 'unknown-helper'], project!.root);
    const at = positionOf(t.text, '{{shout');
    expect(cli.code, cli.stderr).toBe(1);
    // The CLI names the template by its path; relative to the project or absolute.
    expect(cli.stderr).toMatch(new RegExp(`templates/unknown-helper/deck\\.hbs:${at.line}:${at.col}: error\\[E_TEMPLATE_HELPER\\]`));
    expect(cli.stderr).toMatch(/\n {2}hint: \S/);
    expect(cli.stderr).toMatch(/0 briefs ok, 1 failed/);
    expect(snapshot(project!.out)).toEqual(t.before);
  });
});

describe('broken theme', () => {
  it('an invalid colour (text: 12345Z) is E_SCHEMA at the theme line', async () => {
    project = await makeProject(['brief']);
    const templates = project.copyTemplates();
    const civic = readFileSync(join(templates, 'themes', 'civic.yaml'), 'utf8');
    const text = civic.replace(/^(\s+text:\s*)\S+/m, '$112345Z').replace(/^name:.*$/m, 'name: badcolor');
    expect(text).toContain('text: 12345Z');
    const theme = join(templates, 'themes', 'badcolor.yaml');
    writeFileSync(theme, text);
    const brief = project.write('brief.yaml', GOOD_BRIEF);
    const before = snapshot(project.out);
    const r = await buildBrief(brief, { outDir: project.out, templatesDir: templates, theme: 'badcolor', projectRoot: project.root });
    const at = positionOf(text, '12345Z');
    expectFailed(r, { code: 'E_SCHEMA', file: theme, line: at.line, col: at.col, path: 'colors.text', message: /hex|colour/ });
    expect(snapshot(project.out)).toEqual(before);

    // Through the real CLI in the project folder: the theme is read from ./templates/themes.
    const cli = runCli(['build', 'brief.yaml', '--theme', 'badcolor'], project.root);
    expect(cli.code, cli.stderr).toBe(1);
    expect(cli.stderr).toMatch(new RegExp(`themes/badcolor\\.yaml:${at.line}:${at.col}: error\\[E_SCHEMA\\]`));
    expect(snapshot(project.out)).toEqual(before);
  });

  it('an unknown theme name lists the available ones', async () => {
    project = await makeProject(['brief']);
    const brief = project.write('brief.yaml', GOOD_BRIEF);
    const before = snapshot(project.out);
    const r = await buildBrief(brief, { outDir: project.out, theme: 'civik', projectRoot: project.root });
    expectFailed(r, { code: 'E_UNKNOWN_THEME', hint: /did you mean "civic"/ });
    expect(snapshot(project.out)).toEqual(before);
  });
});
