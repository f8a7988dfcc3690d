/** The `linebreak` package (UAX #14 line breaking), which ships no types. */
declare module 'linebreak' {
  interface LineBreak { position: number; required: boolean }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): LineBreak | null;
  }
}
