/**
 * A refusal's message as the user reads it on the form: the server's input check names the body's
 * key (`year phải lớn hơn hoặc bằng 1945`, `bắt buộc phải có personOpinion`), which the user never
 * saw; the form knows the field's label, so the key reads as the label (a hint in brackets after
 * it, such as «(dd/mm/yyyy)», left out). A key inside another word, or a message without it, is
 * left as it is.
 */
export function fieldInWords(message: string, field: string, label: string): string {
  const name = label.replace(/\s*\([^)]*\)\s*$/, '').trim();
  if (!field || !name) return message;
  const key = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return message.replace(
    new RegExp(`(^|[^\\p{L}\\p{N}_.])${key}(?![\\p{L}\\p{N}_.])`, 'gu'),
    `$1${name}`,
  );
}
