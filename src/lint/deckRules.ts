/**
 * Rules over the composed deck: what the template made of the brief.
 */
import type { DeckRule } from './deck.ts';
import type { Finding } from './rule.ts';

const key = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

export const duplicateTitle: DeckRule = {
  stage: 'deck',
  code: 'W_DUPLICATE_TITLE',
  severity: 'warning',
  what: 'two slides of the composed deck with the same title',
  hint: "give each slide its own title (the section's `title` field, or the extra slide's): screen readers and the outline tell slides apart by their titles",
  check({ deck, locate }) {
    const seen = new Map<string, number>();
    const out: Finding[] = [];
    deck.slides.forEach((s, i) => {
      const k = key(s.title);
      const first = seen.get(k);
      if (first === undefined) {
        seen.set(k, i);
        return;
      }
      const message = `slide title "${s.title}" is also the title of an earlier slide (composed slides ${first + 1} and ${i + 1})`;
      out.push(s.titleOrigin && locate(s.titleOrigin) ? { path: s.titleOrigin, message } : { at: s.loc, message });
    });
    return out;
  },
};

export const imageNoAlt: DeckRule = {
  stage: 'deck',
  code: 'W_IMAGE_NO_ALT',
  severity: 'warning',
  what: 'an image without alternative text',
  hint: 'say what the image shows in its `alt` (the template\'s <image alt="...">): screen readers read it, and PowerPoint would otherwise fill in the file\'s path',
  check({ deck, locate }) {
    return deck.slides.flatMap((s): Finding[] => {
      if (s.layout !== 'image' || s.alt.trim() !== '') return [];
      const message = `the image "${s.path}" has no alternative text`;
      return [s.origin && locate(s.origin) ? { path: s.origin, message } : { at: s.loc, message }];
    });
  },
};
