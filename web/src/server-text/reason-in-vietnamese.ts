import { formatDay } from '../dates';
import { citationInVietnamese } from './legal-citation';
import { Sentence, Untranslated } from './sentences/sentence';
import { BALLOTS, DISCIPLINE, ELECTIONS } from './sentences/ballots';
import {
  ELIGIBILITY,
  ENDINGS,
  PLANNING_RESTORATIONS,
  POST_RESTORATIONS,
  RECORD_NOTES,
  WITHDRAWALS,
} from './sentences/record';
import {
  REAPPOINTMENT_RATINGS,
  REAPPOINTMENT_START,
  TERM_CONTINUATION,
  STATUS_ENDS,
  TERM_RATING_CLEARED,
  TERMS,
} from './sentences/terms';
import { STEP_REFUSALS } from './sentences/step-refusals';
import { ELECTED_POST_REFUSALS, OPENING_REFUSALS } from './sentences/opening-refusals';
import {
  ADMIN_REFUSALS,
  BATCH_REFUSALS,
  PERSON_REFUSALS,
  PLANNING_REFUSALS,
} from './sentences/registry-refusals';
import { DISCIPLINE_REFUSALS, DISCIPLINE_SUBJECT_REFUSALS } from './sentences/discipline-refusals';
import { PREREQUISITE_REFUSALS } from './sentences/prerequisite-refusals';
import { EXAM_REFUSALS } from './sentences/exam-refusals';
import { SCOPE_REFUSALS } from './sentences/scope-import-refusals';
import { IMPORT_CELL_REFUSALS } from './sentences/import-cell-refusals';
import { IMPORT_FILE_REFUSALS } from './sentences/import-file-refusals';
import { REMOVAL_REFUSALS } from './sentences/removal-refusals';
import { QUERY_REFUSALS } from './sentences/query-refusals';
import { VETTING_NOTES } from './sentences/vetting-notes';

/**
 * The words a reason names by id, in the reader's language (a person's name, a post's title, a
 * discipline form, a procedure, a person's status). Unknown ids are shown as they are.
 */
export interface ReasonVocabulary {
  person(id: string): string;
  position(id: string): string;
  form(id: string): string;
  procedure(id: string): string;
  personStatus(id: string): string;
  /** A step of the case's procedure by its title (`conference` → "Hội nghị tập thể lãnh đạo"). */
  step(id: string): string;
  /** An org unit by its name. */
  orgUnit(id: string): string;
  /** A role of the access rules (`organization_staff`). */
  role(id: string): string;
  /** An item vetting checks (`asset_declaration`). */
  vettingItem(id: string): string;
  /** A rule set by its title ("Các quy định có hiệu lực ngày 08/10/2025"). */
  ruleSet(id: string): string;
  /** Parameter `param` of rule set `ruleSetId` by its instrument and article, null when unknown. */
  ruleGround(ruleSetId: string, param: string): string | null;
}

/**
 * The server records a step's reasons in English, with their numbers ("passed: 7 of 13 members
 * for, needs more than 6.5"): they are the case's record and stay as written. A Vietnamese reader
 * gets the same sentence in Vietnamese, read back from its parts: every template the vote rules,
 * the eligibility check and the procedures write has its sentence here, and so has the `detail`
 * of each refusal a form of the web app can meet (sentences/*-refusals.ts). A text no template
 * reads whole (a reason a user typed, a template added later) is shown as the server wrote it,
 * never half translated. `reason-in-vietnamese.spec.ts` and `refusals-in-vietnamese.spec.ts`
 * feed it what the server writes.
 */
export function reasonInVietnamese(text: string, words: ReasonVocabulary): string | null {
  for (const [pattern, say] of SENTENCES) {
    const m = pattern.exec(text);
    if (!m) continue;
    try {
      return say(m.slice(1), new Say(words));
    } catch (error) {
      if (error instanceof Untranslated) continue;
      throw error;
    }
  }
  // A transfer batch's entry names its field by the entry (`entries[1].positionId: …`, the
  // entry's own field prefix replaced, transfer-batch-problem.ts): the row is in its own column.
  const entry = /^entries\[\d+\]\.([\w.[\]]+): (.*)$/s.exec(text);
  if (entry)
    return (
      reasonInVietnamese(`${entry[1]}: ${entry[2]}`, words) ?? reasonInVietnamese(entry[2], words)
    );
  // Several reasons joined ("p-an averaged 8 of 10, …; p-binh averaged …"): each must be read.
  // A reason may hold "; " inside its brackets (a vetting note listing what each discipline
  // bars): split outside brackets first, then, brackets not pairing up, at every "; ".
  for (const parts of [partsOutsideBrackets(text), text.split('; ')]) {
    if (!parts || parts.length < 2) continue;
    const read = parts.map((part) => reasonInVietnamese(part, words));
    if (read.every((part) => part !== null)) return read.join('; ');
  }
  return null;
}

/** `a; b (c; d); e` → `a`, `b (c; d)`, `e`; null when the brackets do not pair up. */
function partsOutsideBrackets(text: string): string[] | null {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let at = 0; at < text.length; at++) {
    if (text[at] === '(') depth++;
    else if (text[at] === ')' && --depth < 0) return null;
    else if (depth === 0 && text.startsWith('; ', at)) {
      parts.push(text.slice(start, at));
      start = at + 2;
    }
  }
  if (depth !== 0) return null;
  parts.push(text.slice(start));
  return parts;
}

/** `item (note)`, one entry of a list of flagged vetting items. */
function entryOfItem(entry: string): { item: string; note: string } {
  const m = /^(\S+) \((.*)\)$/.exec(entry);
  if (!m) throw new Untranslated();
  return { item: m[1], note: m[2] };
}

/**
 * `item (note); item (note)` with each note up to the bracket closing it; null when the brackets
 * do not pair up (a note typed with a bracket left open), for the plain split to try.
 */
function flaggedEntries(list: string): { item: string; note: string }[] | null {
  const entries: { item: string; note: string }[] = [];
  let at = 0;
  while (at < list.length) {
    const head = /^(\S+) \(/.exec(list.slice(at));
    if (!head) return null;
    let end = at + head[0].length;
    for (let depth = 1; depth > 0; end++) {
      if (end >= list.length) return null;
      if (list[end] === '(') depth++;
      else if (list[end] === ')') depth--;
    }
    entries.push({ item: head[1], note: list.slice(at + head[0].length, end - 1) });
    if (end === list.length) break;
    if (!list.startsWith('; ', end)) return null;
    at = end + 2;
  }
  return entries;
}

/** The pieces a sentence is built of, in Vietnamese. */
export class Say {
  constructor(readonly words: ReasonVocabulary) {}

  /** A count or threshold with the Vietnamese decimal comma: `6.5` → `6,5`. */
  n(value: string): string {
    return value.replace('.', ',');
  }

  day(iso: string): string {
    return formatDay(iso);
  }

  /** Who is counted: members of the collective, those summoned, the council's delegates. */
  base(name: string): string {
    const base = BASES[name];
    if (!base) throw new Untranslated();
    return base;
  }

  /** A count of a tally the API takes (`present`, `for`, …). */
  field(name: string): string {
    const field = FIELDS[name];
    if (!field) throw new Untranslated();
    return field;
  }

  /** A part that is itself a reason (a ballot's result inside a refusal). */
  reason(text: string): string {
    const read = reasonInVietnamese(text, this.words);
    if (read === null) throw new Untranslated();
    return read;
  }

  /** A part that may be a reason or a user's own words: read when a template reads it, else as typed. */
  asRecorded(text: string): string {
    return reasonInVietnamese(text, this.words) ?? text;
  }

  /** A rule set's parameter by its instrument, else the rule set by its title (never the ids). */
  ruleGround(ruleSetId: string, param: string): string {
    return this.words.ruleGround(ruleSetId, param) ?? this.words.ruleSet(ruleSetId);
  }

  citation(text: string): string {
    const read = citationInVietnamese(text);
    if (read === null) throw new Untranslated();
    return read;
  }

  /** `organization_staff or leadership` (the roles a rule allows) with their names. */
  roles(list: string, joiner = ' or '): string {
    if (list === 'no role') return 'không có vai trò nào';
    return list
      .split(joiner)
      .map((id) => this.words.role(id))
      .join(joiner === ' or ' ? ' hoặc ' : ', ');
  }

  /**
   * `asset_declaration (note); years_in_post (note)`: flagged vetting items with their notes. A
   * note the record gave is itself a reason, with its own "; " and brackets ("… needs 24 months
   * (2 years; Quy định … (in force from 2025-10-08))"): each note runs to its closing bracket and
   * is read as a reason where a template reads it, else kept as staff typed it (before: the list
   * was cut at every "; ", so a record's note left the whole refusal in English).
   */
  flagged(list: string): string {
    const entries = flaggedEntries(list) ?? list.split('; ').map(entryOfItem);
    return entries
      .map(({ item, note }) => `${this.words.vettingItem(item)} (${this.asRecorded(note)})`)
      .join('; ');
  }

  /** `pos-a (2025-2030), pos-b (2020-2025, term over on 2025-12-31)`: planning entries. */
  poolEntries(list: string): string {
    const entry = /(\S+) \((\d{4}-\d{4})(?:, term over on (\d{4}-\d{2}-\d{2}))?\)(?:, |$)/y;
    const read: string[] = [];
    while (entry.lastIndex < list.length) {
      const m = entry.exec(list);
      if (!m) throw new Untranslated();
      const over = m[3] ? `, đã hết giai đoạn ngày ${this.day(m[3])}` : '';
      read.push(`${this.words.position(m[1])} (${m[2]}${over})`);
    }
    return read.join(', ');
  }

  /** A status (`in hospital`) inside a sentence: "đang điều trị tại bệnh viện", not capitalised. */
  statusInSentence(words: string): string {
    const name = this.words.personStatus(words.replace(/ /g, '_'));
    return name.charAt(0).toLocaleLowerCase('vi') + name.slice(1);
  }

  /** `abroad (from 2026-01-05 until 2026-03-01), in hospital (from …)` with the statuses' names. */
  statusPeriods(list: string): string {
    const entry = /([a-z ]+) \(from (\d{4}-\d{2}-\d{2})(?: until (\d{4}-\d{2}-\d{2}))?\)(?:, |$)/y;
    const read: string[] = [];
    while (entry.lastIndex < list.length) {
      const m = entry.exec(list);
      if (!m) throw new Untranslated();
      const until = m[3] ? ` đến ngày ${this.day(m[3])}` : '';
      read.push(`${this.statusInSentence(m[1])} (từ ngày ${this.day(m[2])}${until})`);
    }
    return read.join(', ');
  }

  /** `p-an, p-binh` (ids the reason lists) with names. */
  list(ids: string, name: (id: string) => string): string {
    return ids.split(', ').map(name).join(', ');
  }

  /** `p-an (16), p-binh (9)` with names. */
  candidates(list: string): string {
    return list
      .split(', ')
      .map((entry) => {
        const m = /^(\S+) \((\d+)\)$/.exec(entry);
        if (!m) throw new Untranslated();
        return `${this.words.person(m[1])} (${m[2]})`;
      })
      .join(', ');
  }

  /** `p-an 10 of 40 summoned (25 %), p-binh 28 of 40 summoned (70 %)` with names. */
  shares(list: string): string {
    return list
      .split(', ')
      .map((entry) => {
        const m = /^(\S+) (\d+) of (\d+) summoned \(([\d.]+) %\)$/.exec(entry);
        if (!m) throw new Untranslated();
        return `${this.words.person(m[1])} ${m[2]}/${m[3]} người được triệu tập (${this.n(m[4])} %)`;
      })
      .join(', ');
  }

  /** `warning 3 + reprimand 4` with the forms' names. */
  formVotes(list: string): string {
    return list
      .split(' + ')
      .map((entry) => {
        const m = /^(\S+) (\d+)$/.exec(entry);
        if (!m) throw new Untranslated();
        return `${this.words.form(m[1])} ${m[2]}`;
      })
      .join(' + ');
  }
}

const BASES: Record<string, string> = {
  members: 'thành viên',
  summoned: 'người được triệu tập',
  delegates: 'đại biểu',
};

const FIELDS: Record<string, string> = {
  members: 'số thành viên',
  summoned: 'số người được triệu tập',
  present: 'số người có mặt',
  for: 'số đồng ý',
  against: 'số không đồng ý',
  abstain: 'số người không biểu quyết',
  invalid: 'số phiếu không hợp lệ',
  noDiscipline: 'số phiếu không kỷ luật',
};

const SENTENCES: Sentence[] = [
  // Refusals of a form (problem `detail`), each a whole sentence of its own.
  ...OPENING_REFUSALS,
  ...ELECTED_POST_REFUSALS,
  ...PREREQUISITE_REFUSALS,
  ...EXAM_REFUSALS,
  ...SCOPE_REFUSALS,
  ...IMPORT_CELL_REFUSALS,
  ...IMPORT_FILE_REFUSALS,
  ...REMOVAL_REFUSALS,
  ...QUERY_REFUSALS,
  ...PERSON_REFUSALS,
  ...PLANNING_REFUSALS,
  ...ADMIN_REFUSALS,
  ...BATCH_REFUSALS,
  ...DISCIPLINE_REFUSALS,
  ...DISCIPLINE_SUBJECT_REFUSALS,
  ...STATUS_ENDS,
  ...REAPPOINTMENT_START,
  ...TERM_CONTINUATION,
  ...REAPPOINTMENT_RATINGS,
  ...TERM_RATING_CLEARED,
  ...BALLOTS,
  ...ELECTIONS,
  ...DISCIPLINE,
  ...PLANNING_RESTORATIONS,
  ...POST_RESTORATIONS,
  ...VETTING_NOTES,
  ...ELIGIBILITY,
  ...ENDINGS,
  ...TERMS,
  ...RECORD_NOTES,
  ...WITHDRAWALS,
  ...STEP_REFUSALS,
];
