/** The languages error answers are written in: English, and Vietnamese for the staff who ask for it. */
export type Language = 'en' | 'vi';

/**
 * The language an `Accept-Language` header prefers among those we write (RFC 9110 §12.5.4):
 * the supported tag with the highest weight, English when none is named.
 */
export function preferredLanguage(header: string | string[] | undefined): Language {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  let best: { language: Language; weight: number } = { language: 'en', weight: 0 };
  for (const part of value.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const primary = tag.split('-')[0];
    if (primary !== 'vi' && primary !== 'en') continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    const weight = q ? Number(q[1]) : 1;
    if (weight > best.weight) best = { language: primary, weight };
  }
  return best.language;
}
