import * as path from 'node:path';
import { initialPersonState, evolvePerson } from '../cadres/person/person.decider';
import { PersonState } from '../cadres/person/person.state';
import { PostAssigned } from '../cadres/person/person.events';
import { loadRuleSets } from '../workflow/rule-sets/rule-set-loader';
import { ruleSetInForce } from '../workflow/rule-sets/rule-set';
import { CellValue } from './cell-parsers';
import { planImport } from './import-plan';
import { simulateImport } from './import-simulation';
import { sheetSpec, SheetKind } from './import-template';
import { parseRows } from './parse-rows';
import { columnLetter, RawSheet } from './spreadsheet-reader';

const ruleSets = loadRuleSets(path.resolve(__dirname, '../../seeds/rule-sets'));
const context = {
  ruleSetOn: (day: string, track: 'party' | 'state') => ruleSetInForce(ruleSets, day, track),
  unitOf: () => 'ou-a',
  today: '2026-12-06',
};

/** A sheet as the readers hand it over: headers from the template, cells by header. */
function sheet(kind: SheetKind, rows: Record<string, CellValue>[]): RawSheet {
  const spec = sheetSpec(kind);
  const headers = spec.columns.map((c, i) => ({ header: c.header, column: columnLetter(i + 1) }));
  return {
    spec,
    name: spec.name,
    headers,
    rows: rows.map((cells, index) => ({
      line: index + 2,
      cells: new Map(
        headers.map((h) => [h.header, { value: cells[h.header] ?? null, column: h.column }]),
      ),
    })),
  };
}

const person = {
  'Mã cán bộ': 'p-a',
  'Họ và tên': 'Nguyễn Văn A',
  'Ngày sinh': '1/2/1980',
  'Giới tính': 'nam',
  'Dân tộc': 'Kinh',
  'Đảng viên': 'Có',
  'Trình độ chuyên môn': 'Cử nhân',
  'Lý luận chính trị': 'Trung cấp',
  'Mã đơn vị': 'ou-a',
};

describe('import rows → registry commands', () => {
  it('reads days, labels and choices into the registry’s values, and keeps each row’s place', () => {
    const { rows, problems } = parseRows([sheet('people', [person])]);
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({
      line: 2,
      key: 'p-a',
      values: { dateOfBirth: '1980-02-01', gender: 'male', partyMember: true },
      cells: { dateOfBirth: { header: 'Ngày sinh', cell: 'C2' } },
    });
  });

  it('a discipline takes the bar of the rules in force on its own day and track', () => {
    const { rows } = parseRows([
      sheet('discipline', [
        {
          'Mã cán bộ': 'p-a',
          Khối: 'Đảng',
          'Hình thức': 'Cảnh cáo',
          'Ngày quyết định': '2024-03-01',
          'Số quyết định': '1',
          'Loại vi phạm': 'budget',
        },
        {
          'Mã cán bộ': 'p-a',
          Khối: 'Đảng',
          'Hình thức': 'Cảnh cáo',
          'Ngày quyết định': '2025-11-03',
          'Số quyết định': '2',
          'Loại vi phạm': 'budget',
        },
      ]),
    ]);
    const { planned } = planImport(rows, context);
    // Quy định 80-QĐ/TW: 30 months; Quy định 377-QĐ/TW (from 8 Oct 2025): 36 months.
    expect(planned.map((p) => (p.command.data as { barEndsOn: string }).barEndsOn)).toEqual([
      '2026-09-01',
      '2028-11-03',
    ]);
  });

  it('a discipline decided after today is a bad row naming its day (before: written, its bar ending in 10000)', () => {
    const { rows } = parseRows([
      sheet('discipline', [
        {
          'Mã cán bộ': 'p-a',
          Khối: 'Đảng',
          'Hình thức': 'Cảnh cáo',
          'Ngày quyết định': '9999-12-31',
          'Số quyết định': '8-QĐ/ĐU',
          'Loại vi phạm': 'budget',
        },
      ]),
    ]);
    const { planned, problems } = planImport(rows, context);
    expect(planned).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({
        column: 'Ngày quyết định',
        rule: 'discipline.decided_in_the_future',
        message: expect.stringContaining('9999-12-31 is after today (2026-12-06)'),
      }),
    ]);
  });

  it('a discipline row with a category that cannot be read still tells the form its rule set lacks (before: only the category)', () => {
    const civilServiceDemotion = {
      'Mã cán bộ': 'p-a',
      Khối: 'Công chức',
      'Hình thức': 'Giáng chức',
      'Ngày quyết định': '01/09/2026',
      'Số quyết định': '3-QĐ',
    };
    const { rows, partlyRead, problems } = parseRows([
      sheet('discipline', [{ ...civilServiceDemotion, 'Loại vi phạm': 'Ngân sách?' }]),
    ]);
    const plan = planImport(rows, context, partlyRead);
    expect([...problems, ...plan.problems].map((p) => [p.column, p.rule])).toEqual([
      ['Loại vi phạm', 'import.choice'],
      ['Hình thức', 'discipline.form_not_in_rule_set'],
    ]);
  });

  it('"Loại vi phạm" takes the category by its Vietnamese name, as the other columns take labels, or by its code', () => {
    const row = (category: string, ref: string) => ({
      'Mã cán bộ': 'p-a',
      Khối: 'Đảng',
      'Hình thức': 'Cảnh cáo',
      'Ngày quyết định': '01/09/2026',
      'Số quyết định': ref,
      'Loại vi phạm': category,
    });
    const { rows, problems } = parseRows([
      sheet('discipline', [
        row('Tài chính, ngân sách', '1'),
        row('budget', '2'),
        row('land_management', '3'),
      ]),
    ]);
    expect(problems).toEqual([]);
    expect(rows.map((r) => r.values.violationCategory)).toEqual([
      'budget',
      'budget',
      'land_management',
    ]);
  });

  it('"Loại vi phạm" refuses a code outside the closed list the API takes, naming the codes (before: any lower-case code was taken)', () => {
    const row = (category: string, ref: string) => ({
      'Mã cán bộ': 'p-a',
      Khối: 'Đảng',
      'Hình thức': 'Cảnh cáo',
      'Ngày quyết định': '01/09/2026',
      'Số quyết định': ref,
      'Loại vi phạm': category,
    });
    const { rows, problems } = parseRows([
      sheet('discipline', [row('zzz_bogus', '1'), row('land', '2'), row('Đất đai', '3')]),
    ]);
    expect(problems.map((p) => [p.column, p.rule])).toEqual([['Loại vi phạm', 'import.choice']]);
    expect(problems[0].message).toMatch(/land_management, land, budget/);
    expect(rows.map((r) => r.values.violationCategory)).toEqual(['land', 'land']);
  });

  it('a person already registered with the same data is unchanged; with other data, the differing cell is refused', () => {
    const { rows } = parseRows([sheet('people', [person])]);
    const { planned } = planImport(rows, context);
    const registered = (fullName: string): PersonState =>
      evolvePerson(initialPersonState(), {
        type: 'PersonRegistered',
        data: { ...(planned[0].command.data as object), fullName },
      });
    const same = simulateImport(planned, new Map([['p-a', registered('Nguyễn Văn A')]]));
    expect(same.commands.map((c) => c.outcome)).toEqual(['unchanged']);
    const other = simulateImport(planned, new Map([['p-a', registered('Nguyễn Văn B')]]));
    expect(other.problems).toEqual([
      expect.objectContaining({
        column: 'Họ và tên',
        cell: 'B2',
        rule: 'person.already_registered',
      }),
    ]);
  });

  it('a post row is unchanged only on the very term on record; another term end is a change, the term before an extension on record', () => {
    const { rows: people } = parseRows([sheet('people', [person])]);
    const registration = planImport(people, context).planned[0].command;
    if (registration.type !== 'RegisterPerson') throw new Error('a people row registers');
    const registered = evolvePerson(initialPersonState(), {
      type: 'PersonRegistered',
      data: registration.data,
    });
    const holding = (post: Partial<PostAssigned['data']>): PersonState =>
      evolvePerson(registered, {
        type: 'PostAssigned',
        data: {
          personId: 'p-a',
          positionId: 'pos-n2',
          from: '2022-01-01',
          termEnd: '2027-01-10',
          decisionRef: 'N2-1b',
          ...post,
        },
      });
    const outcome = (termEnd: string, record: PersonState) => {
      const { rows } = parseRows([
        sheet('posts', [
          {
            'Mã cán bộ': 'p-a',
            'Mã chức vụ': 'pos-n2',
            'Từ ngày': '01/01/2022',
            'Hết nhiệm kỳ': termEnd,
            'Số quyết định': 'N2-1b',
          },
        ]),
      ]);
      const { commands, problems } = simulateImport(
        planImport(rows, context).planned,
        new Map([['p-a', record]]),
      );
      expect(problems).toEqual([]);
      return commands.map((c) => c.outcome);
    };
    expect(outcome('10/01/2027', holding({}))).toEqual(['unchanged']);
    // Before: unchanged too, the record keeping 2027-01-10.
    expect(outcome('10/01/2028', holding({}))).toEqual(['write']);
    // Extended to retirement since: the file's own term is the one before the extension.
    const extended = holding({
      termEnd: '2040-02-01',
      extendedBy: { decisionRef: 'KD-1', on: '2027-01-10' },
    });
    expect(outcome('10/01/2027', extended)).toEqual(['unchanged']);
    expect(outcome('10/01/2041', extended)).toEqual(['write']);
  });

  it('the same record twice in a sheet is refused at the later line', () => {
    const { problems } = parseRows([sheet('people', [person, person])]);
    expect(problems).toEqual([
      expect.objectContaining({ line: 3, column: 'Mã cán bộ', rule: 'import.duplicate_row' }),
    ]);
    expect(problems[0].message).toBe('trùng với dòng 2 (the same record as line 2: p-a)');
  });

  it('the same person twice with other data is told as such, not as the same record', () => {
    const renamed = { ...person, 'Họ và tên': 'Nguyễn Văn B' };
    const { problems } = parseRows([sheet('people', [person, renamed])]);
    expect(problems).toEqual([
      expect.objectContaining({ line: 3, column: 'Mã cán bộ', rule: 'import.duplicate_row' }),
    ]);
    expect(problems[0].message).toBe(
      'trùng mã với dòng 2 nhưng khác nội dung; mỗi mã chỉ một dòng (the same key as line 2 with other data: p-a; one row per key)',
    );
  });
});
