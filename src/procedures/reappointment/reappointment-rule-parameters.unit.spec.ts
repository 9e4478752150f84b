import * as path from 'node:path';
import { loadCalendar } from '../../workflow/calendar/working-day-calendar';
import { loadRuleSets } from '../../workflow/rule-sets/rule-set-loader';
import { withParams } from '../../workflow/testing/decider-spec';
import { given } from '../../workflow/testing/process-spec';
import { reappointmentOpening, reappointmentTerm } from './reappointment-rules';

const seeds = path.resolve(__dirname, '../../../seeds');
const stateNow = loadRuleSets(path.join(seeds, 'rule-sets')).find(
  (set) => set.id === 'state-2025-10-08',
)!;
const abroad = {
  status: 'abroad' as const,
  from: '2026-01-01',
  until: null,
  note: 'posted abroad',
};
const opening = (ruleSet = stateNow) => ({
  positionId: 'pos-1',
  posts: [{ positionId: 'pos-1', from: '2021-12-01', termEnd: '2026-12-01', decisionRef: 'QĐ 45' }],
  statuses: [abroad],
  pendingDisciplineCases: [],
  today: '2026-06-01',
  ruleSet,
  calendar: loadCalendar(path.join(seeds, 'calendar')),
});

describe('long absences that hold a re-appointment back (reappointment.blockingAbsenceStatuses)', () => {
  it('holds it back while the holder is abroad for 3 months or more under the seeded rules', () => {
    given(opening())
      .when(reappointmentOpening)
      .thenThrows(/the holder is abroad from 2026-01-01/);
  });

  it('lets it open under a rule set that lists no blocking absence', () => {
    const none = withParams(stateNow, { 'reappointment.blockingAbsenceStatuses': [] });
    expect(reappointmentOpening(opening(none))).toMatchObject({ termEnd: '2026-12-01' });
  });
});

describe("a re-appointment's term is the rule set's (appointment.termYears)", () => {
  const person = { dateOfBirth: '1975-01-01', gender: 'male' as const };

  it('refuses a request for another term, naming termYears', () => {
    given(stateNow, person, '2026-12-01', 3)
      .when(reappointmentTerm)
      .thenThrows(/termYears: the term is 5 years under state-2025-10-08/);
  });

  it('follows the parameter: 4 years under a set whose term is 4', () => {
    const fourYears = withParams(stateNow, { 'appointment.termYears': 4 });
    expect(reappointmentTerm(fourYears, person, '2026-12-01')).toMatchObject({
      termYears: 4,
      termEnd: '2030-12-01',
    });
  });
});
