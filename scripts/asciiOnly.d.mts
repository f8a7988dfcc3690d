/** See asciiOnly.mjs. */
export function asciiOnly(js: string): string;
