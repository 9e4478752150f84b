import * as path from 'node:path';
import { Actor } from '../../identity/actor';
import { loadCalendar } from '../../workflow/calendar/working-day-calendar';
import { loadDefinitions } from '../../workflow/definitions/definition-loader';
import { loadRuleSets } from '../../workflow/rule-sets/rule-set-loader';
import { ruleValue } from '../../workflow/rule-sets/rule-set';
import { givenStream, historyOf, withParams } from '../../workflow/testing/decider-spec';
import { given } from '../../workflow/testing/process-spec';
import { CaseCommand } from '../case/decider/case.commands';
import { CaseContext } from '../case/decider/case.context';
import { caseDecider } from '../case/decider/case.decider';
import { prerequisiteCaseFrom } from '../case/prerequisite-case';
import {
  approvalInPrincipleOpening,
  completionPeriod,
  refuseWithoutApproval,
} from './approval-in-principle-rules';

const seeds = path.resolve(__dirname, '../../../seeds');
const definition = loadDefinitions(path.join(seeds, 'definitions')).get('approval.in-principle@1')!;
const stateNow = loadRuleSets(path.join(seeds, 'rule-sets')).find(
  (set) => set.id === 'state-2025-10-08',
)!;
const calendar = loadCalendar(path.join(seeds, 'calendar'));
const actor = (userId: string, role: string): Actor => ({
  userId,
  roles: [role],
  orgUnit: 'ou-home-affairs',
});
const staff = actor('u-staff', 'organization_staff');
const authority = actor('u-chair', 'leadership');

const context = (who: Actor, today = '2026-11-20'): CaseContext => ({
  definition,
  ruleSet: stateNow,
  calendar,
  actor: who,
  today,
  actorReachesCaseUnit: true,
  decisionTerm: (_state, effectiveFrom) => completionPeriod(stateNow, calendar, effectiveFrom),
});
const open: CaseCommand = {
  type: 'OpenCase',
  data: {
    caseId: 'c-aip',
    procedure: 'approval_in_principle',
    personId: 'p-an',
    positionId: 'pos-director',
    orgUnitId: 'ou-home-affairs',
    summary: 'Approval in principle to appoint the director',
  },
};
const request: CaseCommand = {
  type: 'PerformStep',
  data: {
    stepId: 'request',
    body: { kind: 'proposal', heldOn: '2026-11-20', summary: 'Tờ trình 12/TTr-SNV' },
  },
};
const answer = (heldOn: string): CaseCommand => ({
  type: 'PerformStep',
  data: {
    stepId: 'authority-answer',
    body: {
      kind: 'decision',
      heldOn,
      number: '88/UBND-TCCB',
      signer: 'Chủ tịch UBND',
      effectiveFrom: heldOn,
    },
  },
});
const requested = historyOf(caseDecider, [open, context(staff)], [request, context(staff)]);

describe('approval in principle (xin chủ trương), approval.in-principle@1', () => {
  it("gives the authority 15 working days to answer the unit's request", () => {
    const [recorded] = givenStream(caseDecider, requested[0])
      .when(request, context(staff))
      .then(['ProposalRecorded']);
    // Fri 20 Nov 2026 + 15 working days: three weekends skipped.
    expect(recorded.data).toMatchObject({ nextStepId: 'authority-answer' });
    const state = givenStream(caseDecider, ...requested).state;
    expect(state.status === 'open' && state.currentStepDueOn).toBe('2026-12-11');
  });

  it('approves with a completion period of 30 working days from the approval (Nghị định 170/2025 art. 33(1)(c))', () => {
    const [issued] = givenStream(caseDecider, ...requested)
      .when(answer('2026-12-01'), context(authority, '2026-12-01'))
      .then(['DecisionIssued']);
    expect(issued.data).toMatchObject({
      number: '88/UBND-TCCB',
      // Tue 1 Dec 2026 + 30 working days: five weekends and New Year's Day skipped.
      termEnd: '2027-01-13',
      termRule: expect.stringMatching(
        /completed by 2027-01-13: 30 working days \(Nghị định 170\/2025\/NĐ-CP, art\. 33\(1\)\(c\)/,
      ),
    });
  });

  it('states the completion period in its citation as the rule set applies it: 30 working days, not 30 days', () => {
    const period = ruleValue<{ amount: number; unit: string }>(
      stateNow,
      'approvalInPrinciple.completionPeriod',
    );
    // Before: "completes the appointment within 30 days of the approval".
    expect(definition.citation).toContain(
      `completes the appointment within ${period.amount} ${period.unit.replace('_', ' ')} of the approval`,
    );
  });

  it('lets only the authority (leadership) give the answer', () => {
    givenStream(caseDecider, ...requested)
      .when(answer('2026-12-01'), context(staff, '2026-12-01'))
      .refuses('step.role_not_allowed');
  });
});

describe('an appointment that needs approval in principle (appointment.approvalInPrincipleWhen)', () => {
  const post = { id: 'pos-director', appointingAuthority: 'ou-peoples-committee' };
  const opening = { ruleSet: stateNow, post, caseUnitId: 'ou-home-affairs', named: undefined };
  const approved = prerequisiteCaseFrom(
    givenStream(
      caseDecider,
      ...historyOf(
        caseDecider,
        [open, context(staff)],
        [request, context(staff)],
        [answer('2026-12-01'), context(authority, '2026-12-01')],
      ),
    ).state,
  )!;

  it('is refused at opening without one when the authority is another unit, naming the rule', () => {
    given({ ...opening, approvalCase: null })
      .when(approvalInPrincipleOpening)
      .thenThrows(
        /approvalInPrincipleCaseId: an appointment to pos-director run by ou-home-affairs needs the approval in principle of ou-peoples-committee first \(Nghị định 170\/2025\/NĐ-CP, art. 33 .*\[text not checked here\]\); open an approval_in_principle case/,
      );
  });

  it('needs none when the unit running it is the appointing authority, or under a set that says never', () => {
    given({ ...opening, caseUnitId: 'ou-peoples-committee', approvalCase: null })
      .when(approvalInPrincipleOpening)
      .then({});
    const never = withParams(stateNow, { 'appointment.approvalInPrincipleWhen': 'never' });
    given({ ...opening, ruleSet: never, approvalCase: null })
      .when(approvalInPrincipleOpening)
      .then({});
  });

  it('keeps the approval case it names, and refuses one for another post', () => {
    given({ ...opening, named: 'c-aip', approvalCase: approved })
      .when(approvalInPrincipleOpening)
      .then({ approvalInPrincipleCaseId: 'c-aip' });
    given({ ...opening, named: 'c-aip', approvalCase: { ...approved, positionId: 'pos-other' } })
      .when(approvalInPrincipleOpening)
      .thenThrows(/c-aip asks approval for pos-other, not pos-director/);
  });

  it('waits for the answer, refuses after a refusal and after the completion period', () => {
    const pending = prerequisiteCaseFrom(givenStream(caseDecider, ...requested).state)!;
    given(pending, '2026-11-25')
      .when(refuseWithoutApproval)
      .thenThrows(/c-aip\) has not been given yet: its current step is due on 2026-12-11/);
    given(approved, '2027-01-13').when(refuseWithoutApproval).then(undefined);
    given(approved, '2027-01-14')
      .when(refuseWithoutApproval)
      .thenThrows(
        /88\/UBND-TCCB \(c-aip\) of 2026-12-01 gave until 2027-01-13 .* today is 2027-01-14/,
      );
    given(
      { ...approved, status: 'rejected' as const, given: null, endReason: 'post merged' },
      '2026-12-02',
    )
      .when(refuseWithoutApproval)
      .thenThrows(/was rejected: post merged/);
  });
});
