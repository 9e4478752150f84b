import * as path from 'node:path';
import { Actor } from '../../identity/actor';
import { loadCalendar } from '../../workflow/calendar/working-day-calendar';
import { loadDefinitions } from '../../workflow/definitions/definition-loader';
import { loadRuleSets } from '../../workflow/rule-sets/rule-set-loader';
import { givenStream, historyOf } from '../../workflow/testing/decider-spec';
import { given } from '../../workflow/testing/process-spec';
import { CaseCommand } from '../case/decider/case.commands';
import { CaseContext } from '../case/decider/case.context';
import { caseDecider } from '../case/decider/case.decider';
import { prerequisiteCaseFrom } from '../case/prerequisite-case';
import { agreementTerm, consultationOpening, refuseWithoutAgreement } from './consultation-rules';

const seeds = path.resolve(__dirname, '../../../seeds');
const definition = loadDefinitions(path.join(seeds, 'definitions')).get(
  'consultation.inter-level@1',
)!;
const sets = loadRuleSets(path.join(seeds, 'rule-sets'));
const stateNow = sets.find((set) => set.id === 'state-2025-10-08')!;
const calendar = loadCalendar(path.join(seeds, 'calendar'));
const staff: Actor = { userId: 'u-staff', roles: ['organization_staff'], orgUnit: 'ou-dept' };
const context = (today = '2026-11-20'): CaseContext => ({
  definition,
  ruleSet: stateNow,
  calendar,
  actor: staff,
  today,
  actorReachesCaseUnit: true,
  decisionTerm: (_state, effectiveFrom) => agreementTerm(effectiveFrom),
});
const open: CaseCommand = {
  type: 'OpenCase',
  data: {
    caseId: 'c-hy',
    procedure: 'consultation',
    personId: 'p-an',
    positionId: 'pos-director',
    orgUnitId: 'ou-dept',
    summary: 'Hiệp y bổ nhiệm Giám đốc Sở',
  },
};
const request: CaseCommand = {
  type: 'PerformStep',
  data: {
    stepId: 'request',
    body: { kind: 'proposal', heldOn: '2026-11-20', summary: 'CV 5/SNV' },
  },
};
const agreement: CaseCommand = {
  type: 'PerformStep',
  data: {
    stepId: 'agreement',
    body: {
      kind: 'decision',
      heldOn: '2026-12-01',
      number: '77/BNV-TCBC',
      signer: 'Bộ Nội vụ',
      effectiveFrom: '2026-12-01',
    },
  },
};
const asked = historyOf(caseDecider, [open, context()], [request, context()]);
const director = {
  id: 'pos-director',
  rank: 5,
  appointingAuthority: 'ou-peoples-committee',
  appointingAuthorityKind: 'peoples_committee',
};

describe('inter-level consultation (hiệp y), consultation.inter-level@1', () => {
  it('gives the other body 15 working days to answer, and records its agreement without a term', () => {
    const state = givenStream(caseDecider, ...asked).state;
    expect(state.status === 'open' && state.currentStepDueOn).toBe('2026-12-11');
    const [issued] = givenStream(caseDecider, ...asked)
      .when(agreement, context('2026-12-01'))
      .then(['DecisionIssued']);
    expect(issued.data).toMatchObject({ number: '77/BNV-TCBC', termYears: 0 });
  });
});

describe('an appointment that needs a consultation (appointment.consultationWhen)', () => {
  it('is refused at opening without one for a department head appointed by the people’s committee', () => {
    given({ ruleSet: stateNow, post: director, named: undefined, consultationCase: null })
      .when(consultationOpening)
      .thenThrows(
        /consultationCaseId: an appointment to pos-director \(rank 5 ≥ 5, appointed by the peoples_committee ou-peoples-committee\) needs the agreement \(hiệp y\) of the line ministry/,
      );
  });

  it('needs none for a deputy (rank 4) or a post another kind of unit appoints', () => {
    for (const post of [
      { ...director, rank: 4 },
      { ...director, appointingAuthorityKind: 'party_committee' },
    ])
      given({ ruleSet: stateNow, post, named: undefined, consultationCase: null })
        .when(consultationOpening)
        .then({});
  });

  it('waits for the agreement and refuses after a refusal; an agreement does not run out', () => {
    const pending = prerequisiteCaseFrom(givenStream(caseDecider, ...asked).state)!;
    given(pending, '2026-11-25')
      .when(refuseWithoutAgreement)
      .thenThrows(
        /agreement \(hiệp y\) \(c-hy\) has not been given yet: its current step is due on 2026-12-11/,
      );
    const agreed = prerequisiteCaseFrom(
      givenStream(
        caseDecider,
        ...historyOf(
          caseDecider,
          [open, context()],
          [request, context()],
          [agreement, context('2026-12-01')],
        ),
      ).state,
    )!;
    given(agreed, '2027-06-01').when(refuseWithoutAgreement).then(undefined);
    given(
      { ...agreed, status: 'rejected' as const, given: null, endReason: 'Bộ không đồng ý' },
      '2026-12-02',
    )
      .when(refuseWithoutAgreement)
      .thenThrows(/was rejected: Bộ không đồng ý/);
  });
});
