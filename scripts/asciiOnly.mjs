// Used by compile.mjs on the bundle it writes; tested by test/cli/asciiOnly.test.ts.

/**
 * The bundle with its last non-ASCII characters as \uXXXX escapes, so that bin/compiled.js can
 * hold its text as a one-byte string (half the memory of the two-byte string a single character
 * beyond Latin-1 makes of the whole text, in every thread). esbuild already escapes strings and
 * templates; what it leaves is in comments and regular expression literals, where an escape of
 * each UTF-16 unit means the same (a surrogate pair escaped stays one code point under /u). A
 * template literal is the one place where an escape could differ (String.raw), so a character on
 * a line of code (not of comment) with a backtick stops the compile rather than being guessed at.
 */
export function asciiOnly(js) {
  let line = 1;
  return js.replace(/\n|[^\x00-\x7f]/g, (c, at) => {
    if (c === '\n') return (line++, c);
    const end = js.indexOf('\n', at);
    const text = js.slice(js.lastIndexOf('\n', at) + 1, end < 0 ? js.length : end);
    if (text.includes('`') && !/^\s*(\/\/|\/\*|\*)/.test(text)) {
      throw new Error(`bundle line ${line}: a non-ASCII character (U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}) on a line with a template literal; write it as an escape in the source`);
    }
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
