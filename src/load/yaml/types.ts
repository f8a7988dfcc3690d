/** The shapes the YAML loader hands out; the modules beside this one fill them in. */

/** A field path as data: keys and list indexes, e.g. ['delegation', 'members', 2, 'role']. */
export type FieldPath = readonly (string | number)[];

/** 1-based line and column (columns count UTF-16 code units, as editors mostly do). */
export interface Position {
  line: number;
  col: number;
}

/** Turns an offset into the source text into a line and column. */
export type PositionAt = (offset: number) => Position;

/** A loaded document: its value plus the means to point back into the file. */
export interface Loaded<T> {
  value: T;
  file: string;
  /** Position of the node at a field path, e.g. ['delegation','members',2,'role'] (falls back to the nearest existing ancestor). */
  positionOf(path: FieldPath): Position | undefined;
}

/** Parsed, not yet validated: `value` is the plain data. */
export interface ParsedYaml extends Loaded<unknown> {
  /** Position of the key (not the value) at a field path; for "unknown field" diagnostics. */
  keyPositionOf(path: FieldPath): Position | undefined;
}
