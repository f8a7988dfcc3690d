/**
 * Estimative language (ICD 203, first row): each likelihood term's probability range, shown
 * beside the term so that everyone in the room reads the same probability.
 */
export const LIKELIHOOD_RANGE: Readonly<Record<string, string>> = {
  'almost no chance': '1–5%',
  'very unlikely': '5–20%',
  unlikely: '20–45%',
  'roughly even chance': '45–55%',
  likely: '55–80%',
  'very likely': '80–95%',
  'almost certain': '95–99%',
};
