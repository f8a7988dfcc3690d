import type { Marking } from './ir.ts';

/**
 * Banner colours. US classification banners use the conventional colour bars with white
 * text (black on the light ones); TLP 2.0 labels are coloured text on black, right-justified.
 * Every pair here has a contrast ratio of at least 4.5:1.
 */
const STYLES: Record<string, Omit<Marking, 'text'>> = {
  UNCLASSIFIED: { system: 'classification', fill: '007A33', color: 'FFFFFF' },
  CUI: { system: 'classification', fill: '502B85', color: 'FFFFFF' },
  CONFIDENTIAL: { system: 'classification', fill: '0033A0', color: 'FFFFFF' },
  SECRET: { system: 'classification', fill: 'C8102E', color: 'FFFFFF' },
  'TOP SECRET': { system: 'classification', fill: 'FF8C00', color: '000000' },
  OFFICIAL: { system: 'classification', fill: '3A3A3A', color: 'FFFFFF' },
  'OFFICIAL-SENSITIVE': { system: 'classification', fill: '3A3A3A', color: 'FFFFFF' },
  'TLP:CLEAR': { system: 'tlp', fill: '000000', color: 'FFFFFF' },
  'TLP:GREEN': { system: 'tlp', fill: '000000', color: '33FF00' },
  'TLP:AMBER': { system: 'tlp', fill: '000000', color: 'FFC000' },
  'TLP:AMBER+STRICT': { system: 'tlp', fill: '000000', color: 'FFC000' },
  'TLP:RED': { system: 'tlp', fill: '000000', color: 'FF2B2B' },
};

/** The banner for a marking named in a brief (the schema restricts it to known values). */
export function markingFor(text: string): Marking {
  const style = STYLES[text];
  if (!style) throw new Error(`no banner style for marking ${JSON.stringify(text)}`);
  return { text, ...style };
}
