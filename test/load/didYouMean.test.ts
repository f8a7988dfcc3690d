import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { allowedKeys, describeField, didYouMean, editDistance, isOptionalField, schemaAt } from '../../src/load/didYouMean.ts';
import { Brief, SourceId } from '../../src/load/schema.ts';
import { Theme } from '../../src/theme/schema.ts';

describe('editDistance', () => {
  it.each([
    ['delegaton', 'delegation', 1],
    ['sourecs', 'sources', 1],
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 3], // optimal string alignment: no edits to a transposed pair
    ['', 'abc', 3],
    ['same', 'same', 0],
  ])('%s -> %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('gives up past the limit but never reports a distance at or under it wrongly', () => {
    expect(editDistance('abcdefgh', 'zyxwvuts', 2)).toBeGreaterThan(2);
    expect(editDistance('delegaton', 'delegation', 1)).toBe(1);
    expect(editDistance('abcd', 'badc', 2)).toBe(2);
  });
});

describe('didYouMean', () => {
  const keys = ['meta', 'bluf', 'delegation', 'sources', 'timeline'];

  it('suggests the closest candidate within a third of the word length', () => {
    expect(didYouMean('delegaton', keys)).toBe('delegation');
    expect(didYouMean('sourecs', keys)).toBe('sources');
    expect(didYouMean('metta', keys)).toBe('meta');
  });

  it('suggests nothing when nothing is close', () => {
    expect(didYouMean('classification', keys)).toBeUndefined();
    expect(didYouMean('xy', keys)).toBeUndefined();
    expect(didYouMean('', keys)).toBeUndefined();
  });

  it('ignores case', () => {
    expect(didYouMean('unclassified', ['UNCLASSIFIED', 'SECRET'])).toBe('UNCLASSIFIED');
  });

  it('matches aliases but suggests the value they stand for, only when that value is allowed', () => {
    const aliases = { probable: 'likely' };
    expect(didYouMean('probable-ish', ['unlikely', 'likely'], aliases)).toBe('likely');
    expect(didYouMean('probable', ['low', 'high'], aliases)).toBeUndefined();
  });

  it('suggests nothing for a megabyte-long value (time: npm run bench -- limits)', () => {
    expect(didYouMean('x'.repeat(1_000_000), keys)).toBeUndefined();
  });
});

describe('schema navigation', () => {
  it('finds the allowed keys at a path, through optional, array and default wrappers', () => {
    expect(allowedKeys(Brief, [])).toContain('delegation');
    expect(allowedKeys(Brief, ['delegation', 'members', 3])).toEqual([
      'name',
      'native_name',
      'aliases',
      'role',
      'portfolio',
      'significance',
      'presence',
      'side',
      'portion',
      'sources',
    ]);
    expect(allowedKeys(Brief, ['bluf', 'points', 0])).toEqual(['text', 'sources', 'basis', 'portion']);
    expect(allowedKeys(Brief, ['closing'])).toEqual(['title', 'subtitle', 'questions', 'notes']);
  });

  it('finds keys through refinements and transforms (the theme schema)', () => {
    expect(allowedKeys(Theme, ['fit'])).toContain('bodyFloor');
    expect(allowedKeys(Theme, ['colors'])).toContain('accent');
    const Piped = z.object({ a: z.object({ b: z.string() }).transform((o) => o.b) });
    expect(allowedKeys(Piped, ['a'])).toEqual(['b']);
  });

  it('returns undefined off the schema or where there is no object', () => {
    expect(allowedKeys(Brief, ['nope'])).toBeUndefined();
    expect(allowedKeys(Brief, ['meta', 'title'])).toBeUndefined();
    expect(schemaAt(Brief, ['meta', 'title', 'deeper'])).toBeUndefined();
    expect(schemaAt(Brief, ['sources', 'x'])).toBeUndefined();
  });

  it('keeps schema identity so citations can be recognised', () => {
    expect(schemaAt(Brief, ['bluf', 'sources', 0])).toBe(SourceId);
    expect(schemaAt(Brief, ['sources', 0, 'id'])).not.toBe(SourceId);
  });

  it('reads descriptions and optionality through wrappers', () => {
    expect(describeField(Brief, ['meta', 'subtitle'])).toBe('One line under the title.');
    expect(isOptionalField(Brief, ['meta', 'subtitle'])).toBe(true);
    expect(isOptionalField(Brief, ['meta', 'type'])).toBe(true); // has a default
    expect(isOptionalField(Brief, ['meta', 'title'])).toBe(false);
  });
});
