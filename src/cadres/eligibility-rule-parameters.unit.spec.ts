import * as path from 'node:path';
import { loadRuleSets } from '../workflow/rule-sets/rule-set-loader';
import { withParams } from '../workflow/testing/decider-spec';
import { event, fold, given } from '../workflow/testing/process-spec';
import { appointmentEligibility } from './eligibility';
import { personDecider } from './person/person.decider';
import { PersonState } from './person/person.state';

const stateNow = loadRuleSets(path.resolve(__dirname, '../../seeds/rule-sets')).find(
  (set) => set.id === 'state-2025-10-08',
)!;
const person = fold(personDecider, [
  event('PersonRegistered', {
    personId: 'p-1',
    fullName: 'Nguyễn Văn A',
    dateOfBirth: '1980-04-12',
    gender: 'male',
    orgUnitId: 'ou-1',
  }),
  event('PlanningPoolEntryAdded', {
    personId: 'p-1',
    positionId: 'pos-1',
    term: '2025-2030',
    decisionRef: 'QĐ 3',
  }),
  event('PersonStatusRecorded', {
    personId: 'p-1',
    status: 'under_investigation',
    from: '2026-10-01',
    until: null,
    note: '',
  }),
]) as Extract<PersonState, { status: 'registered' }>;
const target = { id: 'pos-1', rank: 3 };
const eligibility = (ruleSet = stateNow) =>
  appointmentEligibility(person, target, new Map(), ruleSet, '2026-11-20');

describe('statuses that hold an appointment back (appointment.blockingStatuses)', () => {
  it('a person under investigation is not eligible under the seeded rules, and the reason cites the rule', () => {
    const { eligible, reasons } = eligibility();
    expect(eligible).toBe(false);
    expect(reasons).toEqual([
      {
        rule: 'status.under_investigation',
        reason: expect.stringMatching(
          /^under investigation since 2026-10-01 \(Quy định 377-QĐ\/TW, art\. 20/,
        ),
      },
    ]);
  });

  it('is eligible under a rule set that lists no blocking status', () => {
    const none = withParams(stateNow, { 'appointment.blockingStatuses': [] });
    given(none)
      .when((ruleSet) => eligibility(ruleSet).eligible)
      .then(true);
  });
});
