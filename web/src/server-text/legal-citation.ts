/**
 * A rule set's citation as the server writes it — `<instrument>, <article> (in force from
 * <day>): <the rule in English>[ [text not checked here]]` — shortened for a Vietnamese reader to
 * the instrument and its article, with whether the text was checked. The rule's own wording is
 * English in the rule set; the screens that show a rule's parameters show it whole.
 */
const CITATION = /^(.+), ([^,]+?) \(in force from \d{4}-\d{2}-\d{2}\): [\s\S]*?(\[[^\]]*\])?$/;

export function citationInVietnamese(citation: string): string | null {
  const m = CITATION.exec(citation);
  if (!m) return null;
  const [, instrument, article, checked] = m;
  const where = articleInVietnamese(article);
  if (where === null) return null;
  const note = checked?.startsWith('[checked against a restatement')
    ? ' — đối chiếu với bản tóm lược, chưa với văn bản gốc'
    : checked === '[text not checked here]'
      ? ' — chưa đối chiếu văn bản gốc'
      : '';
  return `${instrument}${where ? `, ${where}` : ''}${note}`;
}

/** `art. 4(1)` → `Điều 4(1)`; `art. 4 of Quy định 69-QĐ/TW as amended` → `Điều 4 Quy định 69-QĐ/TW (sửa đổi)`. */
function articleInVietnamese(article: string): string | null {
  if (article === 'article not identified here') return '';
  const vi = article
    .replace(/\bart\. /g, 'Điều ')
    .replace(/ of /g, ' ')
    .replace(/ as amended$/, ' (sửa đổi)');
  return /\b(art|of|as|amended)\b/.test(vi) ? null : vi;
}
