import type { Say } from '../reason-in-vietnamese';

/** A number as the server writes it (`6.5`), a day (`2026-01-31`), an id (`p-an`, `pos-chu-tich`). */
export const N = '(\\d+(?:\\.\\d+)?)';
export const DAY = '(\\d{4}-\\d{2}-\\d{2})';
export const ID = '(\\S+)';

/** A server sentence (the whole text, anchored) and how to say it in Vietnamese from its parts. */
export type Sentence = [RegExp, (m: string[], say: Say) => string];

export const sentence = (source: string, say: Sentence[1]): Sentence => [
  new RegExp(`^${source}$`),
  say,
];

/** Thrown by a part that no template reads: the sentence is left to the next template. */
export class Untranslated extends Error {}
