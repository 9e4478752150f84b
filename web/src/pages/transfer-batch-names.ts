/**
 * Staff paste a reorganisation's list as a spreadsheet has it: people by full name, posts by
 * title, units by name; no screen shows them the registry's ids. Each name is turned into its id
 * before the list is checked (an id is kept as it is); a name the registry does not have, or has
 * more than once, is a problem of that line and column, said here and never sent.
 */

export interface BatchEntry {
  personId: string;
  currentPositionId: string;
  positionId: string;
  orgUnitId: string;
  reason: string;
}

export interface LineProblem {
  index: number;
  field: string;
  rule: string;
  message: string;
}

interface PersonFound {
  id: string;
  fullName: string;
  orgUnitId: string;
}
interface PostListed {
  id: string;
  title: string;
  orgUnitId: string;
}
interface UnitListed {
  id: string;
  name: string;
}

/** What the names are looked up in: the people in the grant (by name), every post, every unit. */
export interface NameDirectory {
  peopleNamed(name: string): Promise<PersonFound[]>;
  positions(): Promise<PostListed[]>;
  units(): Promise<UnitListed[]>;
}

/** The directory over the service's lists: `GET /cadres?q=` (the grant's people), `/positions`, `/org-units`. */
export function serviceDirectory(get: <T>(path: string) => Promise<T>): NameDirectory {
  let positions: Promise<PostListed[]> | null = null;
  let units: Promise<UnitListed[]> | null = null;
  return {
    // A blank cell names no one; the service refuses an empty `q` (query.empty).
    peopleNamed: (name) =>
      name.trim() === ''
        ? Promise.resolve([])
        : get(`/cadres?q=${encodeURIComponent(name)}&limit=100`),
    positions: () => (positions ??= get('/positions')),
    units: () => (units ??= get('/org-units')),
  };
}

/** Names compared as written (diacritics count), without regard to case or spacing. */
const sameName = (a: string, b: string) =>
  a.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi') ===
  b.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');

/** A registry id has no spaces (`p-ngo-thi-lan`); a name has (`Ngô Thị Lan`). */
const looksLikeId = (cell: string) => cell !== '' && !/\s/.test(cell);

type Found = { id: string } | { problem: Omit<LineProblem, 'index' | 'field'> };

function oneOf<T extends { id: string }>(
  cell: string,
  matches: T[],
  what: { noun: string; code: string },
): Found {
  if (matches.length === 1) return { id: matches[0].id };
  if (matches.length === 0)
    return {
      problem: {
        rule: `transfer_batch.${what.code}_not_found`,
        message: `không tìm thấy ${what.noun} tên “${cell}”${what.code === 'person' ? ' trong phạm vi được giao' : ''}`,
      },
    };
  return {
    problem: {
      rule: `transfer_batch.${what.code}_ambiguous`,
      message: `có ${matches.length} ${what.noun} tên “${cell}”: ghi mã (${matches.map((m) => m.id).join(', ')})`,
    },
  };
}

const PERSON = { noun: 'cán bộ', code: 'person' };
const POST = { noun: 'chức vụ', code: 'position' };
const UNIT = { noun: 'đơn vị', code: 'org_unit' };

/** A cell naming a unit or a post: its id as written, or the one listed under that name. */
function listed<T extends { id: string }>(
  cell: string,
  list: T[],
  nameOf: (item: T) => string,
  what: { noun: string; code: string },
  preferred: (item: T) => boolean = () => false,
): Found {
  if (cell === '' || looksLikeId(cell)) return { id: cell };
  const named = list.filter((item) => sameName(nameOf(item), cell));
  const narrowed = named.filter(preferred);
  return oneOf(cell, named.length > 1 && narrowed.length ? narrowed : named, what);
}

/**
 * Each entry with its names turned into ids, and the names that could not be. A post title the
 * registry has in several units is the one in the receiving unit (the post received) or in the
 * person's unit (the post held).
 */
export async function resolveNames(
  entries: BatchEntry[],
  directory: NameDirectory,
): Promise<{ entries: BatchEntry[]; problems: LineProblem[] }> {
  const people = new Map<string, Promise<PersonFound[]>>();
  const peopleNamed = (name: string) => {
    const key = name.normalize('NFC').trim().toLocaleLowerCase('vi');
    if (!people.has(key)) people.set(key, directory.peopleNamed(name));
    return people.get(key)!;
  };
  const [posts, units] = await Promise.all([directory.positions(), directory.units()]);
  const problems: LineProblem[] = [];
  const resolved = await Promise.all(
    entries.map(async (entry, index) => {
      const settle = (field: keyof BatchEntry, found: Found): string => {
        if ('id' in found) return found.id;
        problems.push({ index, field: `entries[${index}].${field}`, ...found.problem });
        return entry[field];
      };
      const named = looksLikeId(entry.personId)
        ? []
        : (await peopleNamed(entry.personId)).filter((p) => sameName(p.fullName, entry.personId));
      const personId = settle(
        'personId',
        looksLikeId(entry.personId) ? { id: entry.personId } : oneOf(entry.personId, named, PERSON),
      );
      const personUnit = named.length === 1 ? named[0].orgUnitId : undefined;
      const orgUnitId = settle(
        'orgUnitId',
        listed(entry.orgUnitId, units, (u) => u.name, UNIT),
      );
      const post = (cell: string, unit: string | undefined) =>
        listed(
          cell,
          posts,
          (p) => p.title,
          POST,
          (p) => p.orgUnitId === unit,
        );
      return {
        ...entry,
        personId,
        currentPositionId: settle('currentPositionId', post(entry.currentPositionId, personUnit)),
        positionId: settle('positionId', post(entry.positionId, orgUnitId)),
        orgUnitId,
      };
    }),
  );
  problems.sort((a, b) => a.index - b.index);
  return { entries: resolved, problems };
}
