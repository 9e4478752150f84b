import { VETTING_ITEMS, VettingItem } from '../workflow/definitions/procedure-definition';
import { CellParser, cellText, Parsed } from './cell-parsers';

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(rule: string, message: string): Parsed<T> => ({ ok: false, rule, message });

/** A count of a tally: a whole number, 0 or more (a number cell or its text). */
export const count: CellParser<number> = (cell) => {
  const value = typeof cell === 'number' ? cell : Number(cellText(cell));
  if (!Number.isInteger(value) || value < 0)
    return bad('import.count', `số nguyên ≥ 0 (a whole number ≥ 0); có "${cellText(cell) ?? ''}"`);
  return ok(value);
};

/** Entries of a compact cell: `a: x; b: y` (`;` or a line break between entries). */
function entries(cell: Parameters<CellParser<unknown>>[0]): [string, string][] | null {
  const text = cellText(cell) ?? '';
  const parts = text
    .split(/[;\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
  const pairs = parts.map((part) => {
    const colon = part.indexOf(':');
    return colon < 0
      ? null
      : ([part.slice(0, colon).trim(), part.slice(colon + 1).trim()] as const);
  });
  if (pairs.length === 0 || pairs.some((pair) => pair === null)) return null;
  return pairs as [string, string][];
}

/** A nomination's votes per candidate: `p-nguyen-van-an: 16; p-tran-thi-binh: 7`. */
export const candidateVotes: CellParser<{ personId: string; votes: number }[]> = (cell) => {
  const pairs = entries(cell);
  const votes = pairs?.map(([personId, n]) => ({ personId, votes: Number(n) }));
  if (
    !votes ||
    votes.some((v) => !/^[a-z0-9][a-z0-9-]{1,63}$/.test(v.personId) || !Number.isInteger(v.votes))
  )
    return bad(
      'import.candidates',
      `mã cán bộ: số phiếu, cách nhau bởi dấu ; (person id: votes, separated by ;), ví dụ "p-nguyen-van-an: 16; p-tran-thi-binh: 7"; có "${cellText(cell) ?? ''}"`,
    );
  return ok(votes);
};

const RESULTS: Record<string, 'cleared' | 'flagged'> = {
  đạt: 'cleared',
  cleared: 'cleared',
  vướng: 'flagged',
  'không đạt': 'flagged',
  flagged: 'flagged',
};

type VettingEntry = { item: VettingItem; result: 'cleared' | 'flagged'; note?: string };

/** One vetting entry: `health: Đạt (giấy khám 12/3/2026)`; the note in brackets is optional. */
function vettingEntry([item, rest]: [string, string]): VettingEntry | null {
  const match = /^([^()]+?)\s*(?:\((.*)\))?$/.exec(rest);
  const result = match ? RESULTS[match[1].trim().toLowerCase()] : undefined;
  if (!VETTING_ITEMS.includes(item as VettingItem) || !result) return null;
  const note = match?.[2]?.trim();
  return { item: item as VettingItem, result, ...(note ? { note } : {}) };
}

/** The vetting items entered by staff: `background: Đạt; health: Đạt (giấy khám 12/3/2026)`. */
export const vettingItems: CellParser<VettingEntry[]> = (cell) => {
  const items = entries(cell)?.map(vettingEntry);
  if (!items || items.some((item) => item === null))
    return bad(
      'import.vetting_items',
      `mục: Đạt | Vướng (ghi chú), cách nhau bởi dấu ; (item: Đạt or Vướng, an optional note in brackets); mục là một trong ${VETTING_ITEMS.join(', ')}; có "${cellText(cell) ?? ''}"`,
    );
  return ok(items as VettingEntry[]);
};
