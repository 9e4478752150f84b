import { RecordedEvent } from '../event-store/event-envelope';
import { applyToSummary } from './case-summary';
import { CaseSummaryRow } from './case-summary-row';

const DECIDED: CaseSummaryRow = {
  case_id: 'd-1',
  stream_id: 'discipline-d-1',
  procedure: 'discipline',
  definition: 'discipline.party@2',
  rule_set: 'vn-2025',
  person_id: 'p-1',
  position_id: null,
  org_unit_id: 'ou-1',
  summary: 'Vi phạm',
  status: 'decided',
  current_step_id: null,
  current_step_due_on: null,
  inbox_due: null,
  deadline_missed: false,
  opened_on: '2026-11-02',
  closed_on: '2026-12-07',
  named_people: [],
  nominees: [],
  flagged_items: [],
  last_vetting_items: [],
  opened_sequence: 1,
  updated_sequence: 5,
};

const event = (revision: number, type: string, data: object): RecordedEvent => ({
  id: `e-${revision}`,
  streamId: 'discipline-d-1',
  revision,
  position: String(revision),
  type,
  schemaVersion: 1,
  data: data as Record<string, unknown>,
  metadata: { actorId: 'u', correlationId: 'c', causationId: null, occurredAt: '' },
  recordedAt: '2026-12-10T00:00:00Z',
  hash: '',
});

/**
 * A decided discipline case whose complaint is under review has not ended: the audit case list
 * showed "Ngày kết thúc" (its decision's day) beside "Đang xem xét khiếu nại". It ends again on
 * the day the complaint's decision is signed.
 */
describe('a discipline case’s end day around a complaint', () => {
  const filed = applyToSummary(
    DECIDED,
    event(6, 'DisciplineComplaintFiled', {
      filedOn: '2026-12-10',
      grounds: 'Hình thức quá nặng',
      recordedBy: 'staff-1',
      reviewDueOn: '2027-01-09',
    }),
    6,
  )!;

  it('has none while the complaint is under review', () => {
    expect(filed).toMatchObject({ status: 'under_review', closed_on: null });
  });

  it.each(['keep', 'change', 'annul'] as const)(
    'ends on the day the review is signed (%s)',
    (outcome) => {
      const reviewed = applyToSummary(
        filed,
        event(7, 'DisciplineComplaintReviewed', {
          heldOn: '2027-01-05',
          number: '16-QĐ/UBKTTU',
          outcome,
          form: null,
          barEndsOn: null,
          barRule: null,
        }),
        7,
      );
      expect(reviewed).toMatchObject({ closed_on: '2027-01-05', current_step_id: null });
    },
  );
});
