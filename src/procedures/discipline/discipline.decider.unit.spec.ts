import { openedBeforeSteps } from './testing/discipline-fixtures';
import * as path from 'node:path';
import { DomainEvent } from '../../common/stream-decider';
import { Actor } from '../../identity/actor';
import { loadCalendar } from '../../workflow/calendar/working-day-calendar';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { loadDefinitions } from '../../workflow/definitions/definition-loader';
import { loadRuleSets } from '../../workflow/rule-sets/rule-set-loader';
import { ruleCitation } from '../../workflow/rule-sets/rule-set';
import { DisciplineCommand } from './discipline.commands';
import { DisciplineContext } from './discipline.context';
import { complaintWindowCitation, complaintWindowEnd } from './complaint-window';
import { disciplineBar, disciplineDecider } from './discipline.decider';
import { DisciplineState } from './discipline.state';

const seeds = path.resolve(__dirname, '../../../seeds');
const definitions = loadDefinitions(path.join(seeds, 'definitions'));
const [vn2022, vn2025] = loadRuleSets(path.join(seeds, 'rule-sets'));
const calendar = loadCalendar(path.join(seeds, 'calendar'));
const party = definitions.get('discipline.party@1')!;
const civil = definitions.get('discipline.civil-service@1')!;

const inspector: Actor = { userId: 'u-insp', roles: ['inspector'], orgUnit: 'ou-town' };
const staff: Actor = { userId: 'u-staff', roles: ['organization_staff'], orgUnit: 'ou-town' };
const secretary: Actor = { userId: 'u-sec', roles: ['ballot_secretary'], orgUnit: 'ou-town' };
const leader: Actor = { userId: 'u-lead', roles: ['leadership'], orgUnit: 'ou-town' };
const TODAY = '2026-11-20';

const ctx = (actor: Actor, overrides: Partial<DisciplineContext> = {}): DisciplineContext => ({
  definition: party,
  ruleSet: vn2025,
  calendar,
  actor,
  today: TODAY,
  actorReachesCaseUnit: true,
  personStatuses: [],
  ...overrides,
});

const open = (
  violation: Partial<{ committedOn: string; severity: string }> = {},
  extra: Partial<{ electedCadre: boolean }> = {},
): DisciplineCommand => ({
  type: 'OpenDisciplineCase',
  data: {
    caseId: 'd-1',
    personId: 'p-1',
    positionId: 'pos-1',
    orgUnitId: 'ou-town',
    electedCadre: extra.electedCadre ?? false,
    summary: 'vi phạm',
    violation: {
      category: 'land_management',
      committedOn: '2025-06-01',
      description: 'cấp đất sai quy định',
      source: 'inspection',
      severity: 'warning',
      ...violation,
    },
  },
});
const step = (stepId: string, body: Record<string, unknown>): DisciplineCommand => ({
  type: 'PerformDisciplineStep',
  data: { stepId, body: { heldOn: '2026-11-10', minutesRef: 'BB-1', ...body } as never },
});
const verify = step('verification', {
  kind: 'meeting',
  conclusion: 'xác minh có vi phạm',
  violationConfirmed: true,
});
const selfCriticism = step('self-criticism', { kind: 'meeting', conclusion: 'đã kiểm điểm' });
const review = step('review', { kind: 'meeting', conclusion: 'đề nghị cảnh cáo' });
const ballot = (
  votesByForm: Record<string, number>,
  noDiscipline = 0,
  proposal?: { cellMembers: number; for: number },
) => {
  const present = Object.values(votesByForm).reduce((a, b) => a + b, 0) + noDiscipline;
  return step('ballot', {
    kind: 'ballot',
    tally: { members: 13, summoned: 13, present, invalid: 0, noDiscipline, votesByForm },
    ...(proposal ? { expulsionProposal: proposal } : {}),
  });
};
const decide = (form: string, heldOn = '2026-11-15') =>
  step('decision', {
    kind: 'decision',
    number: '45-QĐ/UBKT',
    signer: 'Chủ nhiệm UBKT',
    form,
    effectiveFrom: heldOn,
    heldOn,
  });

/** The case opened on CASE_OPENED_ON, before the steps the specs date from 10 Nov 2026. */
function given(...history: [DisciplineCommand, DisciplineContext][]) {
  return givenAsIs(...history.map(openedBeforeSteps));
}

function givenAsIs(...history: [DisciplineCommand, DisciplineContext][]) {
  let state: DisciplineState = disciplineDecider.initialState();
  for (const [command, context] of history) {
    for (const event of disciplineDecider.decide(state, command, context))
      state = disciplineDecider.evolve(state, event);
  }
  return {
    state,
    when: (command: DisciplineCommand, context: DisciplineContext) => ({
      then: (types: string[]): DomainEvent[] => {
        const events = disciplineDecider.decide(state, command, context);
        expect(events.map((e) => e.type)).toEqual(types);
        return events;
      },
      refuses: (rule: string, message?: RegExp) => {
        let caught: unknown;
        try {
          disciplineDecider.decide(state, command, context);
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(DomainRuleViolation);
        expect((caught as DomainRuleViolation).rule).toBe(rule);
        if (message) expect((caught as DomainRuleViolation).message).toMatch(message);
      },
    }),
  };
}

const throughReview: [DisciplineCommand, DisciplineContext][] = [
  [open(), ctx(inspector)],
  [verify, ctx(inspector)],
  [selfCriticism, ctx(staff)],
  [review, ctx(inspector)],
];

describe('discipline case: opening', () => {
  it('records the violation and (civil service) the 90-day time limit; the limitation waits for the form', () => {
    const [event] = given()
      .when(open(), ctx(inspector, { definition: civil }))
      .then(['DisciplineCaseOpened']);
    expect(event.data).toMatchObject({
      track: 'civil_service',
      violation: { category: 'land_management', source: 'inspection', severity: 'warning' },
      limitation: null,
      decideFrom: '2026-11-20',
      decideBy: '2027-02-18',
      firstStepId: 'verification',
    });
    const [partyCase] = given().when(open(), ctx(inspector)).then(['DisciplineCaseOpened']);
    expect(partyCase.data).toMatchObject({ track: 'party', decideBy: null });
  });

  it('moves a time limit that would end on a Saturday to the Monday after (Civil Code art. 148)', () => {
    // 22 Nov 2026 + 90 days is Saturday 20 Feb 2027.
    const [event] = given()
      .when(open(), ctx(inspector, { definition: civil, today: '2026-11-22' }))
      .then(['DisciplineCaseOpened']);
    expect(event.data).toMatchObject({ decideBy: '2027-02-22' });
  });

  it('no longer refuses an old violation at opening: its limitation follows the form voted', () => {
    given()
      .when(open({ committedOn: '2021-06-01', severity: 'reprimand' }), ctx(inspector))
      .then(['DisciplineCaseOpened']);
  });

  it('refuses a severity that is not a form of the track under the rule set', () => {
    given()
      .when(open({ severity: 'demotion' }), ctx(inspector, { definition: civil }))
      .refuses('discipline.unknown_form', /not a civil_service form under vn-2025/);
    given()
      .when(open({ severity: 'demotion' }), ctx(inspector, { definition: civil, ruleSet: vn2022 }))
      .then(['DisciplineCaseOpened']);
  });

  it('opens a Party case only for a Party member (Quy định 69-QĐ/TW art. 1); the civil-service track for anyone', () => {
    given()
      .when(open(), ctx(inspector, { partyMember: false }))
      .refuses('discipline.not_party_member', /^personId: p-1 is not a Party member/);
    given()
      .when(open(), ctx(inspector, { partyMember: true }))
      .then(['DisciplineCaseOpened']);
    given()
      .when(
        open({ severity: 'warning' }),
        ctx(inspector, { definition: civil, partyMember: false }),
      )
      .then(['DisciplineCaseOpened']);
  });

  it('is opened by an inspector or organization staff only', () => {
    given().when(open(), ctx(leader)).refuses('step.role_not_allowed');
  });
});

describe('discipline case: steps and ballot', () => {
  it('closes the case when verification does not confirm the violation', () => {
    given([open(), ctx(inspector)])
      .when(
        step('verification', {
          kind: 'meeting',
          conclusion: 'không có vi phạm',
          violationConfirmed: false,
        }),
        ctx(inspector),
      )
      .then(['DisciplineStepRecorded', 'DisciplineCaseClosed']);
  });

  it('takes no step dated before the case was opened, as the appointment procedures', () => {
    // Before: a case opened on 20 Nov took its verification of 10 Nov, and the audit listed it
    // as opened after it ended. Discipline has no records clerk's paper opening: none is exempt.
    const openedToday = givenAsIs([open(), ctx(inspector)]);
    expect(openedToday.state).toMatchObject({ openedOn: TODAY });
    openedToday
      .when(verify, ctx(inspector))
      .refuses('step.held_before_opening', /^heldOn: 2026-11-10 is before 2026-11-20 \(openedOn\)/);
    const onTheDay = step('verification', {
      kind: 'meeting',
      conclusion: 'có vi phạm',
      violationConfirmed: true,
      heldOn: TODAY,
    });
    openedToday.when(onTheDay, ctx(inspector)).then(['DisciplineStepRecorded']);
  });

  it('takes steps in order', () => {
    given([open(), ctx(inspector)])
      .when(review, ctx(inspector))
      .refuses('step.out_of_order', /current step is verification/);
  });

  it('chooses the form by adding votes from the heaviest down when none passes alone', () => {
    const [tallied] = given(...throughReview)
      .when(ballot({ removal_from_post: 4, warning: 3, reprimand: 5 }, 1), ctx(secretary))
      .then(['DisciplineBallotTallied']);
    expect(tallied.data).toMatchObject({
      outcome: 'form_chosen',
      form: 'warning',
      accumulated: true,
      announced: false,
      nextStepId: 'decision',
    });
  });

  it('closes the case without discipline when no form reaches the threshold', () => {
    given(...throughReview)
      .when(ballot({ reprimand: 6 }, 7), ctx(secretary))
      .then(['DisciplineBallotTallied', 'DisciplineCaseClosed']);
  });

  it('refuses expulsion without two thirds of the cell proposing it', () => {
    given(...throughReview)
      .when(ballot({ expulsion: 9, warning: 4 }, 0, { cellMembers: 12, for: 7 }), ctx(secretary))
      .refuses('discipline.expulsion_not_proposed', /at least 8 of the cell's 12 members/);
    given(...throughReview)
      .when(ballot({ expulsion: 9, warning: 4 }, 0, { cellMembers: 12, for: 8 }), ctx(secretary))
      .then(['DisciplineBallotTallied']);
  });
});

describe('discipline case: decision', () => {
  const balloted: [DisciplineCommand, DisciplineContext][] = [
    ...throughReview,
    [ballot({ warning: 8, reprimand: 5 }), ctx(secretary)],
  ];

  it('applies the ballot form with its bar on higher posts by rule set (36 months under vn-2025) and the complaint window', () => {
    const [decided] = given(...balloted)
      .when(decide('warning'), ctx(leader))
      .then(['DisciplineDecided']);
    expect(decided.data).toMatchObject({
      form: 'warning',
      barEndsOn: '2029-11-15',
      complaintWindowEndsOn: '2026-12-15',
      nextStepId: null,
    });
  });

  it('uses 30 months for a warning under vn-2022', () => {
    const old = (actor: Actor) => ctx(actor, { ruleSet: vn2022 });
    const [decided] = given(
      [open(), old(inspector)],
      [verify, old(inspector)],
      [selfCriticism, old(staff)],
      [review, old(inspector)],
      [ballot({ warning: 8, reprimand: 5 }), old(secretary)],
    )
      .when(decide('warning'), old(leader))
      .then(['DisciplineDecided']);
    expect(decided.data).toMatchObject({ barEndsOn: '2029-05-15' });
  });

  it('refuses a form other than the ballot chose, and a second decision', () => {
    given(...balloted)
      .when(decide('reprimand'), ctx(leader))
      .refuses('discipline.form_differs_from_ballot', /the ballot chose warning/);
    given(...balloted, [decide('warning'), ctx(leader)])
      .when(decide('warning'), ctx(leader))
      .refuses('decision.already_issued');
  });

  it('is deferred while the person is pregnant, naming the status and its dates', () => {
    given(...balloted)
      .when(
        decide('warning'),
        ctx(leader, {
          personStatuses: [
            { status: 'pregnant', from: '2026-09-01', until: '2027-03-01', note: '' },
          ],
        }),
      )
      .refuses('discipline.deferred', /pregnant \(from 2026-09-01 until 2027-03-01\)/);
    // A period that ended no longer defers.
    given(...balloted)
      .when(
        decide('warning'),
        ctx(leader, {
          personStatuses: [
            { status: 'detained', from: '2026-01-01', until: '2026-02-01', note: '' },
          ],
        }),
      )
      .then(['DisciplineDecided']);
  });

  it('is deferred under the pinned sets as the decrees say: leave (civil service, vn-2022), maternity leave, loss of cognitive capacity', () => {
    const ballotedUnder = (overrides: Partial<DisciplineContext>) =>
      given(
        ...([open(), verify, selfCriticism, review] as DisciplineCommand[]).map(
          (command, i): [DisciplineCommand, DisciplineContext] => [
            command,
            ctx([inspector, inspector, staff, inspector][i], overrides),
          ],
        ),
        [ballot({ warning: 8, reprimand: 5 }), ctx(secretary, overrides)],
      );
    type Status = DisciplineContext['personStatuses'][number]['status'];
    const onStatus = (status: Status, overrides: Partial<DisciplineContext>) =>
      ctx(leader, {
        ...overrides,
        personStatuses: [{ status, from: '2026-11-01', until: null, note: '' }],
      });
    const civil2022 = { ruleSet: vn2022, definition: civil };
    for (const status of ['on_leave', 'maternity_leave', 'lost_cognitive_capacity'] as const)
      ballotedUnder(civil2022)
        .when(decide('warning'), onStatus(status, civil2022))
        .refuses('discipline.deferred', new RegExp(status.replace(/_/g, ' ')));
    // Quy định 69-QĐ/TW defers no Party decision for leave; maternity leave it does.
    const party2022 = { ruleSet: vn2022 };
    ballotedUnder(party2022)
      .when(decide('warning'), onStatus('on_leave', party2022))
      .then(['DisciplineDecided']);
    ballotedUnder(party2022)
      .when(decide('warning'), onStatus('maternity_leave', party2022))
      .refuses('discipline.deferred', /maternity leave/);
    for (const status of ['maternity_leave', 'lost_cognitive_capacity'] as const)
      ballotedUnder({})
        .when(decide('warning'), onStatus(status, {}))
        .refuses('discipline.deferred', new RegExp(`${status.replace(/_/g, ' ')}.*172\\/2025`));
  });

  it('keeps the tally recorder from issuing the decision', () => {
    const both: Actor = {
      userId: 'u-both',
      roles: ['ballot_secretary', 'leadership'],
      orgUnit: 'ou-town',
    };
    given(...throughReview, [ballot({ warning: 8, reprimand: 5 }), ctx(both)])
      .when(decide('warning'), ctx(both))
      .refuses('separation.tally_and_decision');
  });

  it('extends the civil-service time limit once, to 150 days', () => {
    const c = (actor: Actor) => ctx(actor, { definition: civil });
    const [extended] = given([open(), c(inspector)])
      .when({ type: 'ExtendTimeLimit', data: { reason: 'phức tạp' } }, c(leader))
      .then(['DisciplineTimeLimitExtended']);
    // vn-2025's cases opened from 8 Oct 2025, under Nghị định 172/2025 (it replaced 112 on 1 Jul 2025).
    // Counted from the opening on CASE_OPENED_ON (9 Nov 2026).
    expect(extended.data).toMatchObject({
      from: '2027-02-12',
      to: '2027-04-08',
      citation: expect.stringMatching(/^Nghị định 172\/2025\/NĐ-CP .*90 days/),
    });
    for (const council of ['discipline.councilQuorum', 'discipline.councilPass'])
      expect(ruleCitation(vn2025, council)).toMatch(/^Nghị định 172\/2025\/NĐ-CP /);
    given([open(), c(inspector)], [{ type: 'ExtendTimeLimit', data: { reason: 'x' } }, c(leader)])
      .when({ type: 'ExtendTimeLimit', data: { reason: 'again' } }, c(leader))
      .refuses('discipline.time_limit_already_extended');
    given([open(), ctx(inspector)])
      .when({ type: 'ExtendTimeLimit', data: { reason: 'x' } }, ctx(leader))
      .refuses('discipline.no_time_limit');
  });

  it('records a missed time limit once, and not after the extension moved it', () => {
    const c = (actor: Actor) => ctx(actor, { definition: civil });
    const miss: DisciplineCommand = {
      type: 'RecordTimeLimitMissed',
      data: { dueOn: '2027-02-12', missedAt: '2027-02-12T17:00:00Z' },
    };
    given([open(), c(inspector)])
      .when(miss, c(leader))
      .then(['DeadlineMissed']);
    given([open(), c(inspector)], [miss, c(leader)])
      .when(miss, c(leader))
      .then([]);
    given([open(), c(inspector)], [{ type: 'ExtendTimeLimit', data: { reason: 'x' } }, c(leader)])
      .when(miss, c(leader))
      .then([]);
  });
});

describe('discipline case: complaint and review', () => {
  const decided: [DisciplineCommand, DisciplineContext][] = [
    ...throughReview,
    [ballot({ warning: 8, reprimand: 5 }), ctx(secretary)],
    [decide('warning'), ctx(leader)],
  ];
  const complain = (filedOn: string): DisciplineCommand => ({
    type: 'FileComplaint',
    data: { filedOn, grounds: 'hình thức quá nặng' },
  });
  const reviewed = (outcome: 'keep' | 'change' | 'annul', form?: string): DisciplineCommand => ({
    type: 'ReviewComplaint',
    data: { heldOn: '2026-11-20', number: '9-QĐ', outcome, form, reason: 'xem xét lại' },
  });

  it('accepts a complaint within the window and refuses one after it', () => {
    given(...decided)
      .when(complain('2026-11-18'), ctx(staff))
      .then(['DisciplineComplaintFiled']);
    given(...decided)
      .when(complain('2026-12-16'), ctx(staff, { today: '2026-12-20' }))
      .refuses('discipline.complaint_window_closed', /closed on 2026-12-15/);
  });

  it('a review can change the form (with a new bar) or annul it', () => {
    const changed = given(...decided, [complain('2026-11-18'), ctx(staff)])
      .when(reviewed('change', 'reprimand'), ctx(leader))
      .then(['DisciplineComplaintReviewed']);
    expect(changed[0].data).toMatchObject({
      outcome: 'change',
      form: 'reprimand',
      barEndsOn: '2028-11-15',
    });
    const after = given(
      ...decided,
      [complain('2026-11-18'), ctx(staff)],
      [reviewed('annul'), ctx(leader)],
    ).state;
    expect(after.status).toBe('annulled');
    given(...decided)
      .when(reviewed('keep'), ctx(leader))
      .refuses('discipline.no_complaint');
  });
});

describe('discipline case: the rules in force on the opening day, by track', () => {
  const sets = loadRuleSets(path.join(seeds, 'rule-sets'));
  const inForce = (day: string, track: 'party' | 'state') =>
    sets.find(
      (set) =>
        set.track === track &&
        set.effectiveFrom <= day &&
        (!set.effectiveTo || day <= set.effectiveTo),
    )!;

  it('refuses demotion to a civil-service case opened on 1 Aug 2025: Nghị định 172/2025 abolished it on 1 Jul 2025', () => {
    const august = inForce('2025-08-01', 'state');
    expect(august.id).toBe('state-2025-07-01');
    given()
      .when(
        open({ severity: 'demotion', committedOn: '2025-05-01' }),
        ctx(inspector, { definition: civil, ruleSet: august, today: '2025-08-01' }),
      )
      .refuses('discipline.unknown_form', /not a civil_service form under state-2025-07-01/);
    const june = inForce('2025-06-30', 'state');
    given()
      .when(
        open({ severity: 'demotion', committedOn: '2025-05-01' }),
        ctx(inspector, { definition: civil, ruleSet: june, today: '2025-06-30' }),
      )
      .then(['DisciplineCaseOpened']);
  });

  const decidedWarning = (ruleSet: ReturnType<typeof inForce>, definition = party) => {
    const at = (actor: Actor) => ctx(actor, { ruleSet, definition });
    const [decided] = given(
      [open(), at(inspector)],
      [verify, at(inspector)],
      [selfCriticism, at(staff)],
      [review, at(inspector)],
      [ballot({ warning: 8, reprimand: 5 }), at(secretary)],
    )
      .when(decide('warning'), at(leader))
      .then(['DisciplineDecided']);
    return decided.data as { barEndsOn: string; barRule: string };
  };

  it('bars a Party warning 30 months until 7 Oct 2025 (Quy định 80-QĐ/TW) and 36 from 8 Oct 2025 (Quy định 377-QĐ/TW)', () => {
    const before = decidedWarning(inForce('2025-10-07', 'party'));
    expect(before.barEndsOn).toBe('2029-05-15');
    expect(before.barRule).toMatch(/Quy định 80-QĐ\/TW/);
    const after = decidedWarning(inForce('2025-10-08', 'party'));
    expect(after.barEndsOn).toBe('2029-11-15');
    expect(after.barRule).toMatch(/Quy định 377-QĐ\/TW/);
  });

  it('bars a civil servant’s warning 12 months (the law’s own figure), not the Party’s 36', () => {
    const { barEndsOn, barRule } = disciplineBar(
      inForce('2026-11-20', 'state'),
      'warning',
      '2026-11-15',
    );
    expect(barEndsOn).toBe('2027-11-15');
    expect(barRule).toMatch(/12 months .*Luật Cán bộ, công chức 2025/);
    expect(disciplineBar(inForce('2025-06-30', 'state'), 'demotion', '2025-06-30').barRule).toMatch(
      /24 months .*art\. 82\(2\)-\(3\)/,
    );
  });
});

describe('discipline case: the complaint window by track', () => {
  const sets = loadRuleSets(path.join(seeds, 'rule-sets'));
  const now = (track: 'party' | 'state') =>
    sets.find((set) => set.track === track && !set.effectiveTo)!;

  // Changed with issue 19: the Party's one month (Điều lệ Đảng art. 39(7)) is applied as 30
  // working days from the announcement, no longer one calendar month; cited to the regulation in
  // force on the day (Quy định 22-QĐ/TW, then 296-QĐ/TW), not to the 2011 guidance they replaced.
  it('gives a Party member 30 working days from the announcement, a civil servant 15 days (Luật Khiếu nại 2011 art. 48)', () => {
    expect(complaintWindowEnd(now('party'), calendar, '2026-11-16')).toBe('2026-12-28');
    expect(complaintWindowCitation(now('party'))).toMatch(
      /^Quy định 296-QĐ\/TW, article not identified here \(in force from 2025-05-30\): .*30 working days/,
    );
    const party2024 = sets.find((set) => set.id === 'party-2022-08-18')!;
    expect(complaintWindowEnd(party2024, calendar, '2026-11-16')).toBe('2026-12-28');
    expect(complaintWindowCitation(party2024)).toMatch(
      /^Quy định 22-QĐ\/TW, article not identified here \(in force from 2021-07-28\): .*30 working days/,
    );
    // 16 Nov + 15 days is Tuesday 1 Dec.
    expect(complaintWindowEnd(now('state'), calendar, '2026-11-16')).toBe('2026-12-01');
    expect(complaintWindowCitation(now('state'))).toMatch(/Luật Khiếu nại 2011, art\. 48/);
  });

  it('cites the Charter for the whole sets’ one month (Điều lệ Đảng art. 39(7)), not Quy định 69-QĐ/TW', () => {
    for (const pinned of [vn2022, vn2025]) {
      expect(complaintWindowCitation(pinned)).toMatch(
        /^Điều lệ Đảng art\. 39\(7\): one month from receiving the decision.*Quyết định 46-QĐ\/TW.*30 working days/,
      );
      expect(complaintWindowEnd(pinned, calendar, '2026-11-16')).toBe('2026-12-16');
    }
  });

  it('counts from the day the decision was served, not the day it was signed', () => {
    const at = (actor: Actor) => ctx(actor, { ruleSet: now('party') });
    const history = [
      [open(), at(inspector)],
      [verify, at(inspector)],
      [selfCriticism, at(staff)],
      [review, at(inspector)],
      [ballot({ warning: 8, reprimand: 5 }), at(secretary)],
    ] as [DisciplineCommand, DisciplineContext][];
    const servedOn = (day: string) =>
      step('decision', {
        kind: 'decision',
        number: '45-QĐ/UBKT',
        signer: 'Chủ nhiệm UBKT',
        form: 'warning',
        // A Party decision takes effect when announced (Điều lệ Đảng art. 39(6)).
        effectiveFrom: day < '2026-11-15' ? '2026-11-15' : day,
        heldOn: '2026-11-15',
        servedOn: day,
      });
    const served = servedOn('2026-11-20');
    const [decided] = given(...history)
      .when(served, at(leader))
      .then(['DisciplineDecided']);
    expect(decided.data).toMatchObject({
      servedOn: '2026-11-20',
      complaintWindowEndsOn: '2027-01-04', // 30 working days; 1 Jan is a holiday
    });
    const early = servedOn('2026-11-01');
    given(...history)
      .when(early, at(leader))
      .refuses('decision.served_before_signed');
  });
});
