/**
 * Turns the markup tree into Deck IR slides, checking the vocabulary as it goes.
 * Every unknown element, attribute or layout is an error at the template's line.
 */
import { error, warning, type Diagnostic } from '../diagnostics.ts';
import { LAYOUT_KINDS, type Item, type LayoutKind, type Slide, type TemplateLoc } from './ir.ts';
import { childElements, collapse, textOf, type MarkupElement } from './markupTree.ts';
import { attrNames, ELEMENTS, LAYOUT_CHILDREN, PLACEMAT_MAX_PANELS, requiredAttrs, SLIDE_ATTRS } from './vocabulary.ts';
import { didYouMean as suggest } from '../load/didYouMean.ts';

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

/** Checks an element and its subtree against the vocabulary. */
function checkElement(el: MarkupElement, diags: Diags): void {
  const spec = ELEMENTS[el.name];
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
    checkElement(child, diags);
  }
}

function opt(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = collapse(value);
  return v === '' ? undefined : v;
}

function item(el: MarkupElement, diags: Diags): Item {
  const level = el.attrs.level ?? '0';
  if (level !== '0' && level !== '1') {
    diags.push(error('E_TEMPLATE_ATTR', `level must be 0 or 1, got "${level}"`, { ...at(el.loc) }));
  }
  return { text: textOf(el), level: level === '1' ? 1 : 0, label: opt(el.attrs.label), ref: opt(el.attrs.ref) };
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

/** Builds one IR slide; the slide element's children have been checked already. */
function buildSlide(layout: LayoutKind, el: MarkupElement, diags: Diags): Slide {
  const kids = childElements(el);
  const all = (name: string) => kids.filter((k) => k.name === name);
  const first = (name: string) => all(name)[0];
  const text = (name: string) => {
    const e = first(name);
    return e ? opt(textOf(e)) : undefined;
  };
  const base = { title: collapse(el.attrs.title ?? ''), notes: notesOf(el), loc: el.loc };
  switch (layout) {
    case 'title':
      return { ...base, layout, subtitle: text('subtitle'), lines: all('line').map(textOf).filter((t) => t !== '') };
    case 'agenda':
      return { ...base, layout, items: all('item').map((i) => item(i, diags)) };
    case 'section':
      return { ...base, layout, kicker: text('kicker'), subtitle: text('subtitle') };
    case 'bullets':
      return { ...base, layout, lead: text('lead'), leadRef: opt(first('lead')?.attrs.ref), items: all('item').map((i) => item(i, diags)) };
    case 'judgments':
      return {
        ...base,
        layout,
        lead: text('lead'),
        judgments: all('judgment').map((j) => ({
          statement: textOf(j),
          likelihood: collapse(j.attrs.likelihood ?? ''),
          confidence: collapse(j.attrs.confidence ?? ''),
          ref: opt(j.attrs.ref),
        })),
      };
    case 'comparison': {
      const cols = all('column');
      if (cols.length !== 2) {
        diags.push(error('E_TEMPLATE_MARKUP', `a comparison slide needs exactly 2 <column> elements, got ${cols.length}`, { ...at(el.loc) }));
      }
      const column = (c: MarkupElement | undefined) => ({
        heading: collapse(c?.attrs.heading ?? ''),
        items: c ? childElements(c).map((i) => item(i, diags)) : [],
      });
      const callout = first('callout');
      return {
        ...base,
        layout,
        left: column(cols[0]),
        right: column(cols[1]),
        callout: callout ? { label: collapse(callout.attrs.label ?? ''), text: textOf(callout), ref: opt(callout.attrs.ref) } : undefined,
      };
    }
    case 'table':
      return { ...base, layout, ...table(first('table'), el, diags) };
    case 'cards':
      return {
        ...base,
        layout,
        cards: all('card').map((c) => ({
          title: collapse(c.attrs.title ?? ''),
          subtitle: opt(c.attrs.subtitle),
          badge: opt(c.attrs.badge),
          body: textOf(c),
          ref: opt(c.attrs.ref),
        })),
      };
    case 'timeline':
      return {
        ...base,
        layout,
        events: all('event').map((e) => ({
          when: collapse(e.attrs.when ?? ''),
          text: textOf(e),
          place: opt(e.attrs.place),
          certainty: opt(e.attrs.certainty),
          ref: opt(e.attrs.ref),
        })),
      };
    case 'quote':
      return {
        ...base,
        layout,
        quotes: all('quote').map((q) => {
          const kind = q.attrs.kind ?? 'direct';
          if (kind !== 'direct' && kind !== 'reported') {
            diags.push(error('E_TEMPLATE_ATTR', `quote kind must be "direct" or "reported", got "${kind}"`, { ...at(q.loc) }));
          }
          return { text: textOf(q), speaker: collapse(q.attrs.speaker ?? ''), role: opt(q.attrs.role), kind: kind === 'reported' ? 'reported' : 'direct', ref: opt(q.attrs.ref) };
        }),
      };
    case 'sources':
      return {
        ...base,
        layout,
        sources: all('source').map((s) => ({ id: collapse(s.attrs.id ?? ''), text: textOf(s) })),
        credits: all('credit').map(textOf).filter((t) => t !== ''),
      };
    case 'image': {
      const img = first('image');
      if (!img) diags.push(error('E_TEMPLATE_MARKUP', 'an image slide needs an <image> element', { ...at(el.loc) }));
      return {
        ...base,
        layout,
        path: img?.attrs.path ?? '',
        alt: collapse(img?.attrs.alt ?? ''),
        caption: opt(img?.attrs.caption),
        credit: opt(img?.attrs.credit),
      };
    }
    case 'closing':
      return { ...base, layout, subtitle: text('subtitle'), items: all('item').map((i) => item(i, diags)) };
    case 'placemat': {
      const panels = all('panel');
      if (panels.length < 1 || panels.length > PLACEMAT_MAX_PANELS) {
        diags.push(error('E_TEMPLATE_MARKUP', `a placemat slide needs 1 to ${PLACEMAT_MAX_PANELS} <panel> elements, got ${panels.length}`, { ...at(el.loc), hint: 'guard each <panel> with {{#if ...}}, and keep the placemat to the few panels a reader needs' }));
      }
      return {
        ...base,
        layout,
        panels: panels.map((p) => ({ heading: collapse(p.attrs.heading ?? ''), items: childElements(p).map((i) => item(i, diags)) })),
      };
    }
  }
}

function table(tableEl: MarkupElement | undefined, slide: MarkupElement, diags: Diags) {
  if (!tableEl) {
    diags.push(error('E_TEMPLATE_MARKUP', 'a table slide needs a <table> element', { ...at(slide.loc) }));
    return { columns: [], rows: [] };
  }
  const trs = childElements(tableEl);
  const header = trs.find((r) => r.attrs.header !== undefined);
  if (!header || trs[0] !== header) {
    diags.push(error('E_TEMPLATE_MARKUP', 'a table needs a header row first: <tr header="true">', { ...at(tableEl.loc), hint: 'tables always carry a header row (accessibility), and it repeats on continuation slides' }));
    return { columns: [], rows: [] };
  }
  const columns = childElements(header).map((td) => {
    const w = Number(td.attrs.width ?? '1');
    if (!Number.isFinite(w) || w <= 0) diags.push(error('E_TEMPLATE_ATTR', `column width must be a positive number, got "${td.attrs.width}"`, { ...at(td.loc) }));
    return { header: textOf(td), width: Number.isFinite(w) && w > 0 ? w : 1 };
  });
  const rows = trs.slice(1).map((tr) => {
    if (tr.attrs.header !== undefined) diags.push(error('E_TEMPLATE_MARKUP', 'only the first row may be a header row', { ...at(tr.loc) }));
    const cells = childElements(tr).map((td) => ({ text: textOf(td) }));
    if (cells.length !== columns.length) {
      diags.push(error('E_TEMPLATE_MARKUP', `row has ${cells.length} cells, the header has ${columns.length}`, { ...at(tr.loc), hint: 'tables have no merged cells: give every row one <td> per column' }));
    }
    return cells;
  });
  return { columns, rows };
}

/** Converts the whole markup tree; returns slides even when some were invalid, with errors. */
export function markupToSlides(root: MarkupElement): { slides: Slide[]; diagnostics: Diagnostic[] } {
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
    if (!(LAYOUT_KINDS as readonly string[]).includes(layout)) {
      const hint = suggest(layout, LAYOUT_KINDS);
      diags.push(
        error('E_TEMPLATE_LAYOUT', `unknown layout "${layout}"`, {
          ...at(child.loc),
          hint: `${hint ? `did you mean "${hint}"? ` : ''}layouts: ${LAYOUT_KINDS.join(', ')}`,
        }),
      );
      continue;
    }
    const kind = layout as LayoutKind;
    const allowed = ['notes', ...LAYOUT_CHILDREN[kind]];
    for (const k of child.children) {
      if (typeof k === 'string') {
        if (k.trim() !== '') diags.push(error('E_TEMPLATE_MARKUP', `text directly inside <slide>: "${collapse(k).slice(0, 40)}"`, { ...at(child.loc), hint: 'wrap it in an element such as <item>' }));
        continue;
      }
      if (!allowed.includes(k.name)) {
        const hint = suggest(k.name, allowed);
        diags.push(
          error('E_TEMPLATE_ELEMENT', `<${k.name}> is not allowed in a "${kind}" slide`, {
            ...at(k.loc),
            hint: `${hint ? `did you mean <${hint}>? ` : ''}a "${kind}" slide takes: ${allowed.map((a) => `<${a}>`).join(', ')}`,
          }),
        );
        continue;
      }
      checkElement(k, diags);
    }
    const slide = buildSlide(kind, child, diags);
    if (slide.title === '') diags.push(error('E_TEMPLATE_ATTR', 'every slide needs a non-empty title', { ...at(child.loc), hint: 'titles must be unique and present for screen readers' }));
    slides.push(slide);
  }
  checkTitlesUnique(slides, diags);
  return { slides, diagnostics: diags };
}

function checkTitlesUnique(slides: Slide[], diags: Diags): void {
  const seen = new Map<string, Slide>();
  for (const s of slides) {
    const prev = seen.get(s.title);
    if (prev) {
      diags.push(
        warning('W_DUPLICATE_TITLE', `two slides are titled "${s.title}"`, {
          ...at(s.loc),
          hint: 'unique slide titles let screen-reader users and the outline tell slides apart',
        }),
      );
    } else seen.set(s.title, s);
  }
}
