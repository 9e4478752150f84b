/**
 * A rule set's citation as the server writes it — `<instrument>, <article> (in force from
 * <day>): <the rule in English>[ [text not checked here]]` — shortened for a Vietnamese reader to
 * the instrument and its article, with whether the text was checked. The rule's own wording is
 * English in the rule set; the screens that show a rule's parameters show it whole.
 */
/** What a rule set cites for a figure no instrument sets (a guard against entry errors, a default). */
const ENGINE_SETTING = 'cadreflow setting';

const CITATION = /^(.+), ([^,]+?) \(in force from \d{4}-\d{2}-\d{2}\): [\s\S]*?(\[[^\]]*\])?$/;

export function citationInVietnamese(citation: string): string | null {
  const m = CITATION.exec(citation);
  if (!m) return null;
  const [, instrument, article, checked] = m;
  // An instrument's name has no colon and closes what it opens ("Luật …, 2008 (sửa đổi 2019)"):
  // a sentence that only ends in a citation ("…, 1 given (rotation.minYears: Quy định 65-QĐ/TW,
  // …") would otherwise be read as one, and shown cut at the article.
  if (!isInstrumentName(instrument)) return null;
  const where = articleInVietnamese(article);
  if (where === null) return null;
  const note = checked?.startsWith('[checked against a restatement')
    ? ' — đối chiếu với bản tóm lược, chưa với văn bản gốc'
    : checked === '[text not checked here]'
      ? ' — chưa đối chiếu văn bản gốc'
      : '';
  const name = instrument === ENGINE_SETTING ? 'thiết lập của hệ thống' : instrument;
  return `${name}${where ? `, ${where}` : ''}${note}`;
}

function isInstrumentName(text: string): boolean {
  let open = 0;
  for (const char of text) {
    if (char === ':') return false;
    if (char === '(') open += 1;
    if (char === ')' && --open < 0) return false;
  }
  return open === 0;
}

/** `art. 4(1)` → `Điều 4(1)`; `art. 4 of Quy định 69-QĐ/TW as amended` → `Điều 4 Quy định 69-QĐ/TW (sửa đổi)`. */
function articleInVietnamese(article: string): string | null {
  if (article === 'article not identified here') return '';
  const vi = article
    .replace(/\bart\. /g, 'Điều ')
    .replace(/ of /g, ' ')
    .replace(/ as amended$/, ' (sửa đổi)')
    // A repealed instrument's article that still decides days before its successor (the 2012
    // Labour Code's retirement age for an age reached before 2021).
    .replace(/ \(applied until (\d{4})-(\d{2})-(\d{2})\)/g, ' (áp dụng đến ngày $3/$2/$1)');
  return /\b(art|of|as|amended)\b/.test(vi) ? null : vi;
}
