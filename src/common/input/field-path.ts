/**
 * Characters a path names by code point (`\u202E`) instead of showing: they show nothing, or
 * differently on each computer (text-characters.ts), so an answer would echo what it refuses.
 */
const UNSHOWN =
  /[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Co}\p{Noncharacter_Code_Point}\u2028\u2029\u2800]/gu;

const escaped = (char: string): string => {
  const hex = char.codePointAt(0)!.toString(16).toUpperCase();
  return hex.length > 4 ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
};

/** The path of a field as error answers name it: `tally.votesByForm.warning`, `items[2].note`, `x["a b"]`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key).replace(UNSHOWN, escaped)}]`;
}
