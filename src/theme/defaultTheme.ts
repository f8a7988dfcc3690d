/** The theme a brief gets when neither it nor the command names one. */
export const DEFAULT_THEME = 'civic';
