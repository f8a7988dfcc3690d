/**
 * Turns the markup tree into Deck IR slides, checking the vocabulary as it goes.
 * Every unknown element, attribute or layout is an error at the template's line.
 */
import { error, type Diagnostic } from '../diagnostics.ts';
import { fillOutlines } from '../kinds/agenda.ts';
import { isLayoutKind, kindOf, LAYOUT_KINDS } from '../kinds/index.ts';
import type { ElementSpec, SlideReader, Vocabulary } from '../kinds/kind.ts';
import type { FieldPath } from '../load/yamlDocument.ts';
import { firstField, unmark } from './fieldMarks.ts';
import type { Item, LayoutKind, Slide, TemplateLoc } from './ir.ts';
import { childElements, collapse, rawText, textOf, type MarkupElement } from './markupTree.ts';
import { didYouMean as suggest } from '../load/didYouMean.ts';

/** The portion mark of the brief item around a field, if it carries one. */
export type PortionOf = (path: FieldPath) => string | undefined;

const SLIDE_ATTRS = ['!layout', '!title', 'outline'] as const;
const NOTES: Readonly<Record<string, ElementSpec>> = { notes: { attrs: [], children: ['p'], text: true }, p: { attrs: [], text: true } };

/** Names without the required marker. */
function attrNames(spec: readonly string[]): string[] {
  return spec.map((a) => a.replace(/^!/, ''));
}

function requiredAttrs(spec: readonly string[]): string[] {
  return spec.filter((a) => a.startsWith('!')).map((a) => a.slice(1));
}

type Diags = Diagnostic[];

function at(loc: TemplateLoc) {
  return { file: loc.file, line: loc.line, col: loc.col };
}

/** Checks an element's attributes against its spec; reports unknown and missing ones. */
function checkAttrs(el: MarkupElement, spec: readonly string[], diags: Diags): void {
  const allowed = attrNames(spec);
  for (const name of Object.keys(el.attrs)) {
    if (!allowed.includes(name)) {
      const hint = suggest(name, allowed);
      diags.push(
        error('E_TEMPLATE_ATTR', `<${el.name}> has no attribute "${name}"`, {
          ...at(el.loc),
          hint: hint ? `did you mean "${hint}"?` : `<${el.name}> takes: ${allowed.join(', ') || 'no attributes'}`,
        }),
      );
    }
  }
  for (const name of requiredAttrs(spec)) {
    if (el.attrs[name] === undefined) {
      diags.push(error('E_TEMPLATE_ATTR', `<${el.name}> needs a "${name}" attribute`, { ...at(el.loc) }));
    }
  }
}

/** Checks an element and its subtree against a kind's vocabulary. */
function checkElement(el: MarkupElement, elements: Vocabulary['elements'], diags: Diags): void {
  const spec = elements[el.name];
  if (!spec) return; // reported by the caller, which knows what was expected instead
  checkAttrs(el, spec.attrs, diags);
  for (const child of el.children) {
    if (typeof child === 'string') {
      if (!spec.text && child.trim() !== '') {
        diags.push(error('E_TEMPLATE_MARKUP', `<${el.name}> cannot hold text ("${collapse(child).slice(0, 40)}")`, { ...at(el.loc) }));
      }
      continue;
    }
    if (!spec.children?.includes(child.name)) {
      const allowed = spec.children ?? [];
      const hint = suggest(child.name, allowed);
      diags.push(
        error('E_TEMPLATE_ELEMENT', `<${child.name}> is not allowed inside <${el.name}>`, {
          ...at(child.loc),
          hint: hint ? `did you mean <${hint}>?` : allowed.length ? `<${el.name}> takes: ${allowed.map((a) => `<${a}>`).join(', ')}` : `<${el.name}> holds text only`,
        }),
      );
      continue;
    }
    checkElement(child, elements, diags);
  }
}

/** The reader a kind module builds its IR with: marks stripped, origins kept, errors collected. */
function reader(slide: MarkupElement, paths: readonly FieldPath[], diags: Diags, portionOf: PortionOf): SlideReader {
  const kids = childElements(slide);
  const value = (el: MarkupElement | undefined, name: string) => el?.attrs[name];
  const r: SlideReader = {
    all: (name) => kids.filter((k) => k.name === name),
    first: (name) => kids.find((k) => k.name === name),
    text: (el) => (el ? textOf(el) : ''),
    optText: (name) => {
      const t = r.text(r.first(name));
      return t === '' ? undefined : t;
    },
    attr: (el, name) => {
      const v = value(el, name);
      if (v === undefined) return undefined;
      const c = collapse(v);
      return c === '' ? undefined : c;
    },
    rawAttr: (el, name) => {
      const v = value(el, name);
      return v === undefined ? undefined : unmark(v);
    },
    origin: (el) => (el ? firstField(rawText(el), paths) : undefined),
    portion: (el, attr) => {
      const o = attr === undefined ? r.origin(el) : r.attrOrigin(el, attr);
      return o ? portionOf(o) : undefined;
    },
    attrOrigin: (el, name) => {
      const v = value(el, name);
      return v === undefined ? undefined : firstField(v, paths);
    },
    item: (el): Item => {
      const level = r.attr(el, 'level') ?? '0';
      if (level !== '0' && level !== '1') r.badAttr(el, `level must be 0 or 1, got "${level}"`);
      if (el.name === 'subhead') return { text: textOf(el), level: 0, subhead: true, origin: r.origin(el) };
      const portion = r.portion(el);
      return { text: textOf(el), level: level === '1' ? 1 : 0, label: r.attr(el, 'label'), ref: r.attr(el, 'ref'), origin: r.origin(el), ...(portion ? { portion } : {}) };
    },
    children: childElements,
    fail: (el, message, hint) => {
      diags.push(error('E_TEMPLATE_MARKUP', message, { ...at(el.loc), ...(hint ? { hint } : {}) }));
    },
    badAttr: (el, message) => {
      diags.push(error('E_TEMPLATE_ATTR', message, { ...at(el.loc) }));
    },
  };
  return r;
}

function notesOf(slide: MarkupElement): string {
  const notes = childElements(slide).filter((c) => c.name === 'notes');
  return notes
    .map((n) => {
      // Paragraphs in document order: loose text between <p> elements is a paragraph too.
      const out: string[] = [];
      let loose = '';
      const flush = () => {
        if (collapse(loose) !== '') out.push(collapse(loose));
        loose = '';
      };
      for (const c of n.children) {
        if (typeof c === 'string') loose += c;
        else if (c.name === 'p') {
          flush();
          out.push(textOf(c));
        }
      }
      flush();
      return out.filter((t) => t !== '').join('\n');
    })
    .filter((t) => t !== '')
    .join('\n');
}

/** One IR slide, read by its kind's module; the slide's children have been checked already. */
function buildSlide<K extends LayoutKind>(layout: K, el: MarkupElement, paths: readonly FieldPath[], diags: Diags, portionOf: PortionOf): Slide {
  const title = el.attrs.title ?? '';
  const outline = el.attrs.outline;
  if (outline !== undefined && outline !== 'true' && outline !== 'false') diags.push(error('E_TEMPLATE_ATTR', `outline must be "true" or "false", got "${outline}"`, { ...at(el.loc) }));
  const base = { title: collapse(title), titleOrigin: firstField(title, paths), notes: notesOf(el), loc: el.loc, ...(outline === 'true' ? { outline: true as const } : {}) };
  return { ...base, layout, ...kindOf(layout).read(reader(el, paths, diags, portionOf), el) } as Slide;
}

/**
 * Converts the whole markup tree; returns slides even when some were invalid, with errors.
 * `paths` names the brief field of each mark id in the markup's text (see fieldMarks.ts);
 * `portionOf` gives the portion mark of the brief item around a field.
 */
export function markupToSlides(root: MarkupElement, paths: readonly FieldPath[] = [], portionOf: PortionOf = () => undefined): { slides: Slide[]; diagnostics: Diagnostic[] } {
  const diags: Diags = [];
  if (root.name !== 'deck') {
    diags.push(error('E_TEMPLATE_ELEMENT', `the markup must start with <deck>, got <${root.name}>`, { ...at(root.loc) }));
    return { slides: [], diagnostics: diags };
  }
  checkAttrs(root, [], diags);
  const slides: Slide[] = [];
  for (const child of root.children) {
    if (typeof child === 'string') {
      if (child.trim() !== '') diags.push(error('E_TEMPLATE_MARKUP', `text outside a slide: "${collapse(child).slice(0, 40)}"`, { ...at(root.loc) }));
      continue;
    }
    if (child.name !== 'slide') {
      diags.push(error('E_TEMPLATE_ELEMENT', `<${child.name}> is not allowed inside <deck>`, { ...at(child.loc), hint: '<deck> holds <slide> elements only' }));
      continue;
    }
    checkAttrs(child, SLIDE_ATTRS, diags);
    const layout = child.attrs.layout;
    if (layout === undefined) continue;
    if (!isLayoutKind(layout)) {
      const hint = suggest(layout, LAYOUT_KINDS);
      diags.push(
        error('E_TEMPLATE_LAYOUT', `unknown layout "${layout}"`, {
          ...at(child.loc),
          hint: `${hint ? `did you mean "${hint}"? ` : ''}layouts: ${LAYOUT_KINDS.join(', ')}`,
        }),
      );
      continue;
    }
    const vocabulary = kindOf(layout).vocabulary;
    const elements = { ...NOTES, ...vocabulary.elements };
    const allowed = ['notes', ...vocabulary.children];
    for (const k of child.children) {
      if (typeof k === 'string') {
        if (k.trim() !== '') diags.push(error('E_TEMPLATE_MARKUP', `text directly inside <slide>: "${collapse(k).slice(0, 40)}"`, { ...at(child.loc), hint: 'wrap it in an element such as <item>' }));
        continue;
      }
      if (!allowed.includes(k.name)) {
        const hint = suggest(k.name, allowed);
        diags.push(
          error('E_TEMPLATE_ELEMENT', `<${k.name}> is not allowed in a "${layout}" slide`, {
            ...at(k.loc),
            hint: `${hint ? `did you mean <${hint}>? ` : ''}a "${layout}" slide takes: ${allowed.map((a) => `<${a}>`).join(', ')}`,
          }),
        );
        continue;
      }
      checkElement(k, elements, diags);
    }
    const slide = buildSlide(layout, child, paths, diags, portionOf);
    if (slide.title === '') diags.push(error('E_TEMPLATE_ATTR', 'every slide needs a non-empty title', { ...at(child.loc), hint: 'titles must be unique and present for screen readers' }));
    slides.push(slide);
  }
  fillOutlines(slides);
  return { slides, diagnostics: diags };
}

