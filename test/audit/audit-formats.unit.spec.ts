import { NamedAuditEntry } from '../../src/audit/audit-entry';
import { CSV_HEADER, toCsv, toCsvLine } from '../../src/audit/audit-formats';
import { parseStreamName } from '../../src/audit/stream-name';

const entry: NamedAuditEntry = {
  eventId: 'e1',
  sequence: 1,
  globalPosition: '1/1',
  streamId: 'appointment-1',
  streamKind: 'appointment',
  streamKey: '1',
  revision: 0,
  type: 'AppointmentCaseOpened',
  schemaVersion: 1,
  actorId: '=HYPERLINK("x")',
  actorName: 'Chuyên viên, Ban Tổ chức',
  roles: ['organization_staff', 'leadership'],
  orgUnit: 'ou, "north"',
  definitionVersion: null,
  ruleSet: 'vn-2025',
  occurredAt: null,
  recordedAt: '2026-03-02T02:00:00.000Z',
  correlationId: 'c',
  causationId: null,
  hash: 'ab',
  personId: 'p-an',
  data: { a: 1, positionId: 'pos-head' },
  orgUnitName: 'Thành ủy Hà Nội',
  personName: 'Nguyễn Văn An',
  positionId: 'pos-head',
  positionTitle: 'Trưởng ban Tổ chức',
};

describe('audit CSV', () => {
  it('quotes, neutralises formulas, joins roles, writes JSON data and names beside ids', () => {
    expect(toCsvLine(entry)).toBe(
      'e1,1,1/1,appointment-1,appointment,1,0,AppointmentCaseOpened,1,"\'=HYPERLINK(""x"")","Chuyên viên, Ban Tổ chức",organization_staff;leadership,"ou, ""north""",Thành ủy Hà Nội,,vn-2025,,2026-03-02T02:00:00.000Z,c,,ab,p-an,Nguyễn Văn An,pos-head,Trưởng ban Tổ chức,"{""a"":1,""positionId"":""pos-head""}",\r\n',
    );
    // The last column names the fields of data withheld from the reader.
    expect(
      toCsvLine({ ...entry, withheld: ['tally', 'reason'] }).endsWith(',tally;reason\r\n'),
    ).toBe(true);
  });

  it('starts the file with a byte order mark so Excel reads it as UTF-8', () => {
    expect(toCsv([])).toBe(`\uFEFF${CSV_HEADER}`);
    expect(CSV_HEADER.endsWith(',data,withheld\r\n')).toBe(true);
    expect(toCsv([entry]).startsWith('\uFEFFeventId,')).toBe(true);
  });
});

describe('stream names', () => {
  it('splits the kind at the first hyphen, keeping hyphenated ids whole', () => {
    expect(parseStreamName('reappointment-7f1c-22')).toEqual({
      kind: 'reappointment',
      id: '7f1c-22',
    });
    expect(parseStreamName('orphan')).toEqual({ kind: 'orphan', id: 'orphan' });
  });
});
