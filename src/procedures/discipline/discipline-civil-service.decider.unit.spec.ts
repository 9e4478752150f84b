import { givenStream } from '../../workflow/testing/decider-spec';
import { DisciplineCommand } from './discipline.commands';
import { DisciplineContext } from './discipline.context';
import { disciplineDecider } from './discipline.decider';
import {
  ballot,
  civil,
  civilDefinition,
  decide,
  inspector,
  leader,
  meeting,
  open,
  secretary,
  staff,
  stateNow,
  track,
  verified,
  disciplineHistoryOf,
} from './testing/discipline-fixtures';

const given = (...steps: [DisciplineCommand, DisciplineContext][]) =>
  givenStream(disciplineDecider, ...disciplineHistoryOf(disciplineDecider, ...steps));

const civilServantToCouncil: [DisciplineCommand, DisciplineContext][] = [
  [open(), civil.as(inspector)],
  [verified, civil.as(inspector)],
  [meeting('self-criticism'), civil.as(staff)],
  [meeting('review'), civil.as(inspector)],
];

describe('civil-service track: the discipline council by status (discipline.civil-service@2)', () => {
  it('passes a cadre over the council steps to the decision, naming the rule', () => {
    const [recorded] = given(
      [open({}, { serviceStatus: 'cadre' }), civil.as(inspector)],
      [verified, civil.as(inspector)],
    )
      .when(meeting('self-criticism'), civil.as(staff))
      .then(['DisciplineStepRecorded']);
    expect(recorded.data).toMatchObject({
      nextStepId: 'decision',
      skippedSteps: {
        stepIds: ['review', 'ballot'],
        ground: 'no_council_for_cadre',
        rule: expect.stringMatching(/held for civil_servant, not for a cadre/),
      },
    });
  });

  it('a council step passed over is refused as not taken in this case, naming why, not as already done', () => {
    const passedOver = given(
      [open({}, { serviceStatus: 'cadre' }), civil.as(inspector)],
      [verified, civil.as(inspector)],
      [meeting('self-criticism'), civil.as(staff)],
    );
    const review = passedOver
      .when(meeting('review'), civil.as(inspector))
      .refuses('discipline.step_passed_over', /not taken in this case/);
    expect(review).toMatchObject({ category: 'conflict', field: 'stepId' });
    expect(review.message).toMatch(/self-criticism passed over review and ballot/);
    expect(review.message).toMatch(/held for civil_servant, not for a cadre/);
    expect(review.message).toMatch(/current step is decision/);
    expect(review.message).not.toMatch(/already done/);
    const ballotStep = passedOver
      .when(ballot({ reprimand: 10 }), civil.as(secretary))
      .refuses('discipline.step_passed_over');
    expect(ballotStep.details).toMatchObject({
      currentStep: 'decision',
      passedOverBy: 'self-criticism',
      ground: 'no_council_for_cadre',
    });
  });

  it('holds a council for a civil servant unless a skip path applies (conviction, conclusion, Party decision)', () => {
    const atSelfCriticism = given([open(), civil.as(inspector)], [verified, civil.as(inspector)]);
    const [plain] = atSelfCriticism
      .when(meeting('self-criticism'), civil.as(staff))
      .then(['DisciplineStepRecorded']);
    expect(plain.data).toMatchObject({ nextStepId: 'review' });
    const skip = { ground: 'criminal_conviction', reference: 'Bản án 12/2026/HS-ST' };
    const [skipped] = atSelfCriticism
      .when(meeting('self-criticism', { councilSkip: skip }), civil.as(staff))
      .then(['DisciplineStepRecorded']);
    expect(skipped.data).toMatchObject({
      nextStepId: 'decision',
      skippedSteps: { ground: 'criminal_conviction', reference: 'Bản án 12/2026/HS-ST' },
    });
    atSelfCriticism
      .when(
        meeting('self-criticism', { councilSkip: { ground: 'tired', reference: 'x' } }),
        civil.as(staff),
      )
      .refuses(
        'discipline.unknown_council_skip_ground',
        /competent_conclusion, criminal_conviction, party_decision/,
      );
    given([open(), civil.as(inspector)])
      .when(
        meeting('verification', { violationConfirmed: true, councilSkip: skip }),
        civil.as(inspector),
      )
      .refuses('discipline.council_skip_not_here', /councilSkip: only the step before/);
  });

  it('judges the council ballot by its own rule: all members present, not the Party’s 2/3', () => {
    given(...civilServantToCouncil)
      .when(ballot({ warning: 4 }, 5, 4), civil.as(secretary))
      .refuses('ballot.no_quorum');
    given(...civilServantToCouncil)
      .when(ballot({ warning: 3 }, 5), civil.as(secretary))
      .then(['DisciplineBallotTallied']);
  });
});

describe('civil-service track: the council recommends, the authority decides', () => {
  const recommended = () =>
    given(...civilServantToCouncil, [ballot({ warning: 3 }, 5), civil.as(secretary)]);

  it('may decide another form than recommended, only with the reason, and records both', () => {
    recommended()
      .when(decide('reprimand'), civil.as(leader))
      .refuses('discipline.different_form_needs_reason', /council recommended warning/);
    const [decided] = recommended()
      .when(
        decide('reprimand', { reasonForDifferentForm: 'first violation, damage repaired' }),
        civil.as(leader),
      )
      .then(['DisciplineDecided']);
    expect(decided.data).toMatchObject({
      form: 'reprimand',
      differsFromRecommendation: {
        recommended: 'warning',
        reason: 'first violation, damage repaired',
      },
    });
  });

  it('keeps dismissal for civil servants and recall for elected cadres', () => {
    const cadre = given(
      [open({}, { serviceStatus: 'cadre' }), civil.as(inspector)],
      [verified, civil.as(inspector)],
      [meeting('self-criticism'), civil.as(staff)],
    );
    cadre
      .when(decide('dismissal'), civil.as(leader))
      .refuses('discipline.dismissal_needs_civil_servant', /not to a cadre/);
    cadre.when(decide('recall'), civil.as(leader)).refuses('discipline.recall_needs_elected_cadre');
    recommended()
      .when(decide('dismissal', { reasonForDifferentForm: 'grave' }), civil.as(leader))
      .then(['DisciplineDecided']);
  });

  it('keeps recall from an elected cadre run as a civil servant: their council may not vote it', () => {
    // Such a case could open before Dec 2026; the opening refuses it now (elected-cadre-status.ts).
    given(
      [open({}, { electedCadre: true, serviceStatus: 'civil_servant' }), civil.as(inspector)],
      [verified, civil.as(inspector)],
      [meeting('self-criticism'), civil.as(staff)],
      [meeting('review'), civil.as(inspector)],
    )
      .when(ballot({ recall: 9, warning: 1 }), civil.as(secretary))
      .refuses('discipline.recall_needs_elected_cadre', /runs p-1 as a civil servant/);
  });

  it('recalls an elected cadre only by the electing council’s resolution (discipline.formsByElectingCouncil)', () => {
    const elected = given(
      [open({}, { electedCadre: true }), civil.as(inspector)],
      [verified, civil.as(inspector)],
      [meeting('self-criticism'), civil.as(staff)],
    );
    elected
      .when(decide('recall'), civil.as(leader))
      .refuses('discipline.decided_by_electing_council', /art\. 37/);
    const resolution = { number: '07/NQ-HĐND', adoptedOn: '2026-11-14' };
    const [decided] = elected
      .when(decide('recall', { councilResolution: resolution }), civil.as(leader))
      .then(['DisciplineDecided']);
    expect(decided.data).toMatchObject({ form: 'recall', councilResolution: resolution });
  });
});

describe('civil-service track: deferral (chưa xem xét kỷ luật) and the written request', () => {
  const onLeave = (status: string) =>
    track(civilDefinition, stateNow, {
      personStatuses: [{ status, from: '2026-09-01', until: null }] as never,
    });

  it('defers during maternity leave or loss of cognitive capacity, naming the status', () => {
    for (const status of ['maternity_leave', 'lost_cognitive_capacity', 'detained']) {
      const t = onLeave(status);
      given(...civilServantToCouncil, [ballot({ warning: 3 }, 5), t.as(secretary)])
        .when(decide('warning'), t.as(leader))
        .refuses('discipline.deferred', new RegExp(status.replace(/_/g, ' ')));
    }
  });

  it('ends a maternity deferral when the person asks in writing, not a detention', () => {
    const request = { receivedOn: '2026-11-12', reference: 'Đơn ngày 12/11/2026' };
    const maternity = onLeave('maternity_leave');
    const [decided] = given(...civilServantToCouncil, [
      ballot({ warning: 3 }, 5),
      maternity.as(secretary),
    ])
      .when(decide('warning', { personRequest: request }), maternity.as(leader))
      .then(['DisciplineDecided']);
    expect(decided.data).toMatchObject({
      personRequest: { ...request, waived: ['maternity_leave'] },
    });
    const detained = onLeave('detained');
    given(...civilServantToCouncil, [ballot({ warning: 3 }, 5), detained.as(secretary)])
      .when(decide('warning', { personRequest: request }), detained.as(leader))
      .refuses('discipline.deferred', /detained/);
  });
});

describe('civil-service track: a father of a child under 12 months (Nghị định 172/2025)', () => {
  const parent = (gender: 'male' | 'female', fatherCareGround?: string) =>
    track(civilDefinition, stateNow, {
      gender,
      personStatuses: [
        { status: 'child_under_12_months', from: '2026-09-01', until: null, note: '' },
      ].map((p) => (fatherCareGround ? { ...p, fatherCareGround } : p)) as never,
    });
  const decidedFor = (t: ReturnType<typeof parent>) =>
    given(...civilServantToCouncil, [ballot({ warning: 3 }, 5), t.as(secretary)]).when(
      decide('warning'),
      t.as(leader),
    );

  it('defers a mother, and a father whose wife died or cannot raise the child', () => {
    decidedFor(parent('female')).refuses('discipline.deferred', /child under 12 months/);
    for (const ground of ['wife_died', 'wife_unable_to_care'])
      decidedFor(parent('male', ground)).refuses('discipline.deferred', /child under 12 months/);
  });

  it('does not defer a father who states no such ground: the decision goes ahead', () => {
    const [decided] = decidedFor(parent('male')).then(['DisciplineDecided']);
    expect(decided.data).toMatchObject({ form: 'warning' });
  });
});

describe('civil-service track: the time to decide runs from detection (ngày phát hiện)', () => {
  it('counts 90 days from the detection day, and the extension 150 from it too', () => {
    const [opened] = given()
      .when(open({ detectedOn: '2026-10-01' }), civil.as(inspector))
      .then(['DisciplineCaseOpened']);
    // 1 Oct 2026 + 90 days = 30 Dec 2026 (a Wednesday).
    expect(opened.data).toMatchObject({ decideFrom: '2026-10-01', decideBy: '2026-12-30' });
    const [extended] = given([open({ detectedOn: '2026-10-01' }), civil.as(inspector)])
      .when({ type: 'ExtendTimeLimit', data: { reason: 'complex' } }, civil.as(leader))
      .then(['DisciplineTimeLimitExtended']);
    // 1 Oct 2026 + 150 days = 28 Feb 2027, a Sunday: the next working day.
    expect(extended.data).toMatchObject({ from: '2026-12-30', to: '2027-03-01' });
  });

  it('refuses a detection day before the violation or after today', () => {
    given()
      .when(open({ detectedOn: '2025-01-01' }), civil.as(inspector))
      .refuses(
        'field.before_violation',
        /violation.detectedOn: 2025-01-01 is before the violation/,
      );
    given()
      .when(open({ detectedOn: '2026-12-01' }), civil.as(inspector))
      .refuses('field.in_the_future', /violation.detectedOn/);
  });

  it('names a later violation in the future by its entry in brackets, as every list field is named', () => {
    // Before: violation.laterViolationsOn.1, in another style than entries[0].personId.
    const refused = given()
      .when(open({ laterViolationsOn: ['2026-01-05', '2026-12-01'] }), civil.as(inspector))
      .refuses(
        'field.in_the_future',
        /^violation\.laterViolationsOn\[1\]: 2026-12-01 is after today/,
      );
    expect(refused.field).toBe('violation.laterViolationsOn[1]');
  });
});
