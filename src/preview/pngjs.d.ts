// The slice of pngjs 7 that the contact sheet uses; pngjs ships no type declarations.
declare module 'pngjs' {
  export interface PNGOptions {
    width?: number;
    height?: number;
    fill?: boolean;
    /** 0 grey, 2 RGB, 4 grey+alpha, 6 RGBA. */
    colorType?: 0 | 2 | 4 | 6;
    inputHasAlpha?: boolean;
    deflateLevel?: number;
  }
  export class PNG {
    constructor(options?: PNGOptions);
    width: number;
    height: number;
    /** RGBA, 4 bytes per pixel, row-major. */
    data: Buffer;
    static bitblt(src: PNG, dst: PNG, srcX: number, srcY: number, width: number, height: number, deltaX: number, deltaY: number): void;
    static sync: {
      read(buffer: Buffer): PNG;
      write(png: PNG, options?: PNGOptions): Buffer;
    };
  }
}
