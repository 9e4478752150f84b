import { disciplineHistoryOf } from './testing/discipline-fixtures';
import * as path from 'node:path';
import { Actor } from '../../identity/actor';
import { loadCalendar } from '../../workflow/calendar/working-day-calendar';
import { loadDefinitions } from '../../workflow/definitions/definition-loader';
import { loadRuleSets } from '../../workflow/rule-sets/rule-set-loader';
import { RuleSet, ruleSetInForce } from '../../workflow/rule-sets/rule-set';
import { givenStream, withParams } from '../../workflow/testing/decider-spec';
import { DisciplineCommand } from './discipline.commands';
import { DisciplineContext } from './discipline.context';
import { disciplineDecider } from './discipline.decider';
import { disciplineValidity } from './decision-effects';
import { SameViolationCase } from './same-violation';

const seeds = path.resolve(__dirname, '../../../seeds');
const definitions = loadDefinitions(path.join(seeds, 'definitions'));
const sets = loadRuleSets(path.join(seeds, 'rule-sets'));
const byId = (id: string) => sets.find((set) => set.id === id)!;
const partyNow = byId('party-2025-10-08');
const stateNow = byId('state-2025-10-08');
const calendar = loadCalendar(path.join(seeds, 'calendar'));
const party = definitions.get('discipline.party@1')!;
const civil = definitions.get('discipline.civil-service@1')!;

const actor = (userId: string, role: string): Actor =>
  ({ userId, roles: [role], orgUnit: 'ou-1' }) as Actor;
const inspector = actor('u-insp', 'inspector');
const staff = actor('u-staff', 'organization_staff');
const secretary = actor('u-sec', 'ballot_secretary');
const leader = actor('u-lead', 'leadership');

const track = (
  definition = party,
  ruleSet: RuleSet = partyNow,
  extra: Partial<DisciplineContext> = {},
) => ({
  definition,
  ruleSet,
  as: (who: Actor, today = '2026-11-20'): DisciplineContext => ({
    definition,
    ruleSet,
    calendar,
    actor: who,
    today,
    actorReachesCaseUnit: true,
    personStatuses: [],
    ...extra,
  }),
});
type Track = ReturnType<typeof track>;

const opening = (caseId = 'd-1'): DisciplineCommand => ({
  type: 'OpenDisciplineCase',
  data: {
    caseId,
    personId: 'p-1',
    positionId: 'pos-1',
    orgUnitId: 'ou-1',
    electedCadre: false,
    summary: 'vi phạm',
    violation: {
      category: 'land_management',
      committedOn: '2025-06-01',
      description: 'cấp đất sai quy định',
      source: 'inspection',
      severity: 'warning',
    },
  },
});
const step = (stepId: string, body: Record<string, unknown>): DisciplineCommand => ({
  type: 'PerformDisciplineStep',
  data: { stepId, body: { heldOn: '2026-11-10', minutesRef: 'BB-1', ...body } as never },
});
const meeting = (stepId: string, extra: Record<string, unknown> = {}) =>
  step(stepId, { kind: 'meeting', conclusion: 'done', ...extra });
const ballot = (votesByForm: Record<string, number>) =>
  step('ballot', {
    kind: 'ballot',
    tally: { members: 13, summoned: 13, present: 13, invalid: 0, noDiscipline: 0, votesByForm },
  });
const decide = (form: string, extra: Record<string, unknown> = {}) =>
  step('decision', {
    kind: 'decision',
    number: '45-QĐ/UBKT',
    signer: 'Chủ nhiệm UBKT',
    form,
    effectiveFrom: '2026-11-15',
    heldOn: '2026-11-15',
    ...extra,
  });

/** A case of a track balloted to a form, ready for its decision. */
const balloted = (form: string, t: Track = track()) =>
  disciplineHistoryOf(
    disciplineDecider,
    [opening(), t.as(inspector)],
    [meeting('verification', { violationConfirmed: true }), t.as(inspector)],
    [meeting('self-criticism'), t.as(staff)],
    [meeting('review'), t.as(inspector)],
    [
      ballot(form === 'reprimand' ? { reprimand: 13 } : { [form]: 9, reprimand: 4 }),
      t.as(secretary),
    ],
  );
const decided = (form: string, t: Track = track(), extra: Record<string, unknown> = {}) =>
  givenStream(disciplineDecider, ...balloted(form, t))
    .when(decide(form, extra), t.as(leader))
    .then(['DisciplineDecided'])[0].data as Record<string, unknown>;

describe('in effect is not barred: the validity (discipline.effectMonths) and the bar are two dates', () => {
  it('a Party warning has effect 12 months from 15 Nov 2026 (Quy định 69-QĐ/TW art. 2(5)) and bars a higher post 36 (Quy định 377-QĐ/TW)', () => {
    expect(decided('warning')).toMatchObject({
      inEffectUntil: '2027-11-15',
      inEffectRule: expect.stringContaining('in effect for 12 months'),
      barEndsOn: '2029-11-15',
    });
  });

  it('a civil servant’s warning has effect 12 months and bars a higher post 12 (Luật Cán bộ, công chức 2025)', () => {
    expect(decided('warning', track(civil, stateNow))).toMatchObject({
      inEffectUntil: '2027-11-15',
      barEndsOn: '2027-11-15',
    });
  });

  it('a civil servant’s 12 months of effect come from Nghị định 71/2023 (from 20 Sep 2023), not from the Law of 2019', () => {
    const stateOn = (day: string) => ruleSetInForce(sets, day, 'state')!;
    expect(decided('warning', track(civil, stateOn('2024-01-01')))).toMatchObject({
      inEffectUntil: '2027-11-15',
      inEffectRule: expect.stringMatching(/12 months .*Nghị định 71\/2023\/NĐ-CP/),
    });
    // Opened before the amendment: the same 12 months, as what the engine applied, not the Law.
    const before = decided('warning', track(civil, stateOn('2023-01-01')));
    expect(before).toMatchObject({
      inEffectUntil: '2027-11-15',
      inEffectRule: expect.stringMatching(/12 months .*cadreflow setting/),
    });
    expect(before.inEffectRule).not.toMatch(/\(state-[\d-]+: Luật Cán bộ/);
  });

  it('expulsion has neither an end of effect nor of its bar: the person has left the Party', () => {
    const t = track(party, withParams(partyNow, { 'discipline.cellProposalForms': [] }));
    expect(decided('expulsion', t)).toMatchObject({ inEffectUntil: null, barEndsOn: null });
  });

  it('a whole set pinned before validity was a parameter records none (the bar stands for it)', () => {
    const vn2025 = byId('vn-2025');
    expect(decided('warning', track(party, vn2025))).not.toHaveProperty('inEffectUntil');
  });
});

describe('a Party decision has effect 12 months from its announcement, not from its effective day (Quy định 69-QĐ/TW art. 2(5))', () => {
  // Held on 15 Nov 2026, announced to the member ten days later.
  const announcedLater = (t: Track, effectiveFrom = '2026-11-15') =>
    givenStream(disciplineDecider, ...balloted('warning', t)).when(
      decide('warning', { servedOn: '2026-11-25', effectiveFrom }),
      t.as(leader, '2026-11-26'),
    );

  it('the Party warning in effect from its announcement is in effect until 25 Nov 2027, twelve months from it, and barred 36 from it', () => {
    expect(announcedLater(track(), '2026-11-25').then(['DisciplineDecided'])[0].data).toMatchObject(
      {
        effectiveFrom: '2026-11-25',
        servedOn: '2026-11-25',
        inEffectUntil: '2027-11-25',
        inEffectRule: expect.stringMatching(
          /in effect for 12 months from its announcement on 2026-11-25 .*Quy định 69-QĐ\/TW, art\. 2\(5\)/,
        ),
        barEndsOn: '2029-11-25',
      },
    );
  });

  it('a Party decision may not take effect before its announcement: 15 Nov is refused, naming effectiveFrom and Điều lệ Đảng art. 39(6)', () => {
    const refused = announcedLater(track()).refuses(
      'discipline.effective_before_announced',
      /effectiveFrom: 2026-11-15 is before the decision was announced on 2026-11-25 .*Điều lệ Đảng.*art\. 39\(6\)/,
    );
    expect(refused.field).toBe('effectiveFrom');
    expect(announcedLater(track(), '2026-11-30').then(['DisciplineDecided'])[0].data).toMatchObject(
      { effectiveFrom: '2026-11-30', inEffectUntil: '2027-11-25' },
    );
  });

  it('a civil servant’s warning announced later keeps 12 months from its effect (Nghị định 112/2020 art. 2 as amended)', () => {
    expect(
      announcedLater(track(civil, stateNow)).then(['DisciplineDecided'])[0].data,
    ).toMatchObject({
      inEffectUntil: '2027-11-15',
      inEffectRule: expect.stringContaining('from the day it took effect on 2026-11-15'),
    });
  });

  it('disciplineValidity: the Party set counts from the announcement, the State set from the effect, a decision without an announcement from its effect', () => {
    const days = { effectiveFrom: '2026-01-10', servedOn: '2026-01-20' };
    expect(disciplineValidity(partyNow, 'reprimand', days)).toMatchObject({
      inEffectUntil: '2027-01-20',
    });
    expect(disciplineValidity(stateNow, 'reprimand', days)).toMatchObject({
      inEffectUntil: '2027-01-10',
    });
    expect(
      disciplineValidity(partyNow, 'reprimand', { effectiveFrom: '2026-01-10' }),
    ).toMatchObject({
      inEffectUntil: '2027-01-10',
      inEffectRule: expect.stringContaining('no announcement recorded'),
    });
  });
});

describe('a complaint review that changes the form: the new form does what its decision would', () => {
  const t = track();
  const reviewedTo = (
    form: string,
    decision: Record<string, unknown> = {},
    reviewExtra: Record<string, unknown> = {},
    context = t,
  ) => {
    const complained = [
      ...balloted('reprimand', t),
      ...historyOfFrom(balloted('reprimand', t), [
        [decide('reprimand', decision), t.as(leader)],
        [{ type: 'FileComplaint', data: { filedOn: '2026-11-20', grounds: 'g' } }, t.as(staff)],
      ]),
    ];
    const review: DisciplineCommand = {
      type: 'ReviewComplaint',
      data: {
        heldOn: '2026-11-25',
        number: '10-QĐ/TU',
        outcome: 'change',
        form,
        reason: 'r',
        ...reviewExtra,
      } as never,
    };
    return givenStream(disciplineDecider, ...complained)
      .when(review, context.as(leader, '2026-11-30'))
      .then(['DisciplineComplaintReviewed'])[0].data as Record<string, unknown>;
  };

  it.each(['annul', 'keep'])(
    'outcome "%s" with a form is refused naming the form and the rule, not recorded without it',
    (outcome) => {
      const complained = [
        ...balloted('reprimand', t),
        ...historyOfFrom(balloted('reprimand', t), [
          [decide('reprimand'), t.as(leader)],
          [{ type: 'FileComplaint', data: { filedOn: '2026-11-20', grounds: 'g' } }, t.as(staff)],
        ]),
      ];
      const review: DisciplineCommand = {
        type: 'ReviewComplaint',
        data: { heldOn: '2026-11-25', number: '10-QĐ/TU', outcome, form: 'warning', reason: 'r' },
      } as never;
      const refused = givenStream(disciplineDecider, ...complained)
        .when(review, t.as(leader, '2026-11-30'))
        .refuses('discipline.form_without_change', /only with outcome "change"/);
      expect(refused).toMatchObject({ field: 'form', category: 'invalid' });
    },
  );

  it('expulsion: no end of effect or bar, the post ends, the pool is left', () => {
    expect(reviewedTo('expulsion')).toMatchObject({
      form: 'expulsion',
      inEffectUntil: null,
      barEndsOn: null,
      endsPost: true,
      leavesPlanningPool: true,
    });
  });

  it('a Party warning is in effect 12 months from the complaint decision’s announcement (its day, 25 Nov 2026, unless told), barred 36 from the decision’s 18 Nov (Quy định 69-QĐ/TW art. 2(5))', () => {
    const announced18 = { servedOn: '2026-11-18', effectiveFrom: '2026-11-18' };
    expect(reviewedTo('warning', announced18)).toMatchObject({
      servedOn: '2026-11-25',
      inEffectUntil: '2027-11-25',
      inEffectRule: expect.stringContaining(
        'from the announcement of the decision on the complaint on 2026-11-25',
      ),
      barEndsOn: '2029-11-18',
      endsPost: false,
    });
  });

  it('the complaint decision announced on 28 Nov 2026: the changed form is in effect until 28 Nov 2027', () => {
    expect(reviewedTo('warning', {}, { servedOn: '2026-11-28' })).toMatchObject({
      servedOn: '2026-11-28',
      inEffectUntil: '2027-11-28',
    });
  });

  it('a civil servant’s changed form keeps 12 months from the decision’s effect (Nghị định 112/2020 art. 2 as amended)', () => {
    const civilTrack = track(civil, stateNow);
    const complained = [
      ...balloted('reprimand', civilTrack),
      ...historyOfFrom(balloted('reprimand', civilTrack), [
        [decide('reprimand'), civilTrack.as(leader)],
        [
          { type: 'FileComplaint', data: { filedOn: '2026-11-20', grounds: 'g' } },
          civilTrack.as(staff),
        ],
      ]),
    ];
    const review: DisciplineCommand = {
      type: 'ReviewComplaint',
      data: {
        heldOn: '2026-11-25',
        servedOn: '2026-11-28',
        number: '10-QĐ/UBND',
        outcome: 'change',
        form: 'warning',
        reason: 'r',
      },
    };
    expect(
      givenStream(disciplineDecider, ...complained)
        .when(review, civilTrack.as(leader, '2026-11-30'))
        .then(['DisciplineComplaintReviewed'])[0].data,
    ).toMatchObject({ servedOn: '2026-11-28', inEffectUntil: '2027-11-15' });
  });

  it('refuses an announcement before the complaint decision or after today, naming servedOn', () => {
    expect(() => reviewedTo('warning', {}, { servedOn: '2026-11-24' })).toThrow(
      expect.objectContaining({
        rule: 'decision.served_before_signed',
        field: 'servedOn',
      }) as never,
    );
    expect(() => reviewedTo('warning', {}, { servedOn: '2026-12-01' })).toThrow(
      expect.objectContaining({
        rule: 'decision.served_in_the_future',
        field: 'servedOn',
      }) as never,
    );
  });
});

describe('Quy định 377-QĐ/TW: the 36 months are for a warning without relief from post', () => {
  it('a warning with relief from post (miễn nhiệm) is not among the named cases: no date after which a higher post opens', () => {
    expect(decided('warning', track(), { relievedFromPost: true })).toMatchObject({
      relievedFromPost: true,
      barEndsOn: null,
      barRule: expect.stringMatching(
        /warning with relief from post: no date .*Quy định 377-QĐ\/TW/,
      ),
    });
  });

  it('under Quy định 80-QĐ/TW relief makes no difference: 30 months', () => {
    const before = byId('party-2025-05-30');
    expect(decided('warning', track(party, before), { relievedFromPost: true })).toMatchObject({
      barEndsOn: '2029-05-15',
    });
  });
});

describe('the planning pool by form (planning.formsLeavingPool)', () => {
  it('the seeded rules take the person off the pool for a reprimand (Quy định 377-QĐ/TW)', () => {
    expect(decided('reprimand', track(party, partyNow))).toMatchObject({
      leavesPlanningPool: true,
      planningPoolRule: expect.stringContaining('Quy định 377-QĐ/TW'),
    });
  });

  it('a rule set that keeps reprimanded cadres in the pool says so on the decision', () => {
    const keeps = withParams(partyNow, { 'planning.formsLeavingPool': ['warning'] });
    expect(decided('reprimand', track(party, keeps))).toMatchObject({
      leavesPlanningPool: false,
      planningPoolRule: expect.stringContaining('stays in the planning pool'),
    });
  });
});

describe('one violation on both tracks: the longer bar, both decisions linked', () => {
  const partyCase: SameViolationCase = {
    caseId: 'd-party',
    personId: 'p-1',
    track: 'party',
    status: 'decided',
    form: 'warning',
    barEndsOn: '2029-11-01',
    decisionRef: '45-QĐ/UBKT (2026-11-01)',
  };
  const civilWith = (other: SameViolationCase | undefined) =>
    track(civil, stateNow, { sameViolationCase: other });
  const decideLinked = (other: SameViolationCase | undefined, named = 'd-party') =>
    givenStream(disciplineDecider, ...balloted('warning', civilWith(other))).when(
      decide('warning', { sameViolationCaseId: named, number: '12/QĐ-UBND' }),
      civilWith(other).as(leader),
    );

  it('given the Party warning (36 months), the civil-service warning (12 months) carries the Party’s longer bar', () => {
    const [event] = decideLinked(partyCase).then(['DisciplineDecided']);
    expect(event.data).toMatchObject({
      barEndsOn: '2027-11-15',
      sameViolationAs: { caseId: 'd-party', track: 'party', barEndsOn: '2029-11-01' },
      carriedBarEndsOn: '2029-11-01',
      carriedBarRule: expect.stringContaining('the longer bar applies, until 2029-11-01'),
    });
  });

  it('refuses a case on the same track, about another person, not decided, missing, or itself', () => {
    decideLinked({ ...partyCase, track: 'civil_service' }).refuses(
      'discipline.same_violation_same_track',
    );
    decideLinked({ ...partyCase, personId: 'p-2' }).refuses(
      'discipline.same_violation_other_person',
    );
    decideLinked({ ...partyCase, status: 'open' }).refuses('discipline.same_violation_not_decided');
    decideLinked(undefined).refuses('discipline.same_violation_not_found');
    const refused = decideLinked(partyCase, 'd-1').refuses('discipline.same_violation_self');
    expect(refused.field).toBe('sameViolationCaseId');
  });
});

describe('the complaint window by track, first and second (Luật Khiếu nại 2011 art. 48)', () => {
  const t = track(civil, stateNow);
  const complain = (filedOn: string): DisciplineCommand => ({
    type: 'FileComplaint',
    data: { filedOn, grounds: 'quá nặng' },
  });
  const reviewKept: DisciplineCommand = {
    type: 'ReviewComplaint',
    data: { heldOn: '2026-11-25', number: '9/QĐ-UBND', outcome: 'keep', reason: 'giữ nguyên' },
  };
  const reviewedOnce = (form: string) => [
    ...balloted(form, t),
    ...historyOfFrom(balloted(form, t), [
      [decide(form), t.as(leader)],
      [complain('2026-11-20'), t.as(staff)],
      [reviewKept, t.as(leader, '2026-11-25')],
    ]),
  ];

  it('a review is held on or after the day the complaint was filed', () => {
    const complained = [
      ...balloted('warning', t),
      ...historyOfFrom(balloted('warning', t), [
        [decide('warning'), t.as(leader)],
        [complain('2026-11-20'), t.as(staff)],
      ]),
    ];
    const reviewOn = (heldOn: string): DisciplineCommand => ({
      ...reviewKept,
      data: { ...reviewKept.data, heldOn },
    });
    givenStream(disciplineDecider, ...complained)
      .when(reviewOn('2026-11-19'), t.as(leader, '2026-11-25'))
      .refuses(
        'discipline.review_before_complaint',
        /^heldOn: 2026-11-19 is before the complaint, filed on 2026-11-20$/,
      );
    givenStream(disciplineDecider, ...complained)
      .when(reviewOn('2026-11-20'), t.as(leader, '2026-11-25'))
      .then(['DisciplineComplaintReviewed']);
  });

  it('a civil servant has 15 days from receipt: 15 Nov + 15 = 30 Nov 2026', () => {
    expect(decided('warning', t)).toMatchObject({ complaintWindowEndsOn: '2026-11-30' });
  });

  it('a second complaint within 10 days of the first review: 5 Dec 2026 is a Saturday, so Monday 7 Dec', () => {
    const history = reviewedOnce('warning');
    givenStream(disciplineDecider, ...history)
      .when(complain('2026-12-07'), t.as(staff, '2026-12-07'))
      .then(['DisciplineComplaintFiled']);
    givenStream(disciplineDecider, ...history)
      .when(complain('2026-12-08'), t.as(staff, '2026-12-08'))
      .refuses(
        'discipline.complaint_window_closed',
        /second complaint window closed on 2026-12-07/,
      );
  });

  it('a dismissal’s second complaint has 30 days: 25 Dec 2026 is a Friday', () => {
    givenStream(disciplineDecider, ...reviewedOnce('dismissal'))
      .when(complain('2026-12-26'), t.as(staff, '2026-12-26'))
      .refuses('discipline.complaint_window_closed', /closed on 2026-12-25/);
  });

  it('no third complaint after the second review', () => {
    const twice = [
      ...reviewedOnce('warning'),
      ...historyOfFrom(reviewedOnce('warning'), [
        [complain('2026-11-30'), t.as(staff, '2026-11-30')],
        [
          { ...reviewKept, data: { ...reviewKept.data, heldOn: '2026-12-01' } },
          t.as(leader, '2026-12-01'),
        ],
      ]),
    ];
    givenStream(disciplineDecider, ...twice)
      .when(complain('2026-12-02'), t.as(staff, '2026-12-02'))
      .refuses('discipline.no_further_complaint');
  });
});

/** The events appended by commands decided after a given history. */
function historyOfFrom(
  before: ReturnType<typeof disciplineHistoryOf>,
  steps: [DisciplineCommand, DisciplineContext][],
) {
  let state = before.reduce(disciplineDecider.evolve, disciplineDecider.initialState());
  const appended: ReturnType<typeof disciplineHistoryOf> = [];
  for (const [command, context] of steps) {
    for (const event of disciplineDecider.decide(state, command, context)) {
      appended.push(event);
      state = disciplineDecider.evolve(state, event);
    }
  }
  return appended;
}
