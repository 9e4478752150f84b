import { personDecider } from '../../cadres/person/person.decider';
import { event, fold, given } from '../../workflow/testing/process-spec';
import {
  applyDisciplineDecision,
  noteDisciplineCase,
  reviseDisciplineRecord,
} from './discipline-record.process';
import { disciplineDecider } from './discipline.decider';
import { ExistingDiscipline } from './discipline.state';

const opened = event('DisciplineCaseOpened', {
  caseId: 'd-1',
  procedure: 'discipline',
  track: 'party',
  personId: 'p-1',
  positionId: 'pos-head',
  orgUnitId: 'ou-1',
  ruleSetId: 'party-2025-10-08',
  violation: { category: 'finance', committedOn: '2026-01-10' },
  firstStepId: 'verification',
  firstStepDueOn: null,
});
const decided = (form: string) =>
  event('DisciplineDecided', {
    stepId: 'decision',
    heldOn: '2026-11-20',
    recordedBy: 'u-1',
    nextStepId: null,
    nextStepDueOn: null,
    number: '12/QĐ-UBKT',
    signer: 'Chủ nhiệm',
    form,
    effectiveFrom: '2026-11-21',
    barEndsOn: '2031-11-21',
    barRule: 'x',
    complaintWindowEndsOn: '2026-12-21',
    withinTimeLimit: null,
  });
const discipline = (...events: ReturnType<typeof event>[]) =>
  fold(disciplineDecider, events) as ExistingDiscipline;

const person = fold(personDecider, [
  event('PersonRegistered', { personId: 'p-1', fullName: 'Nguyễn Văn A', orgUnitId: 'ou-1' }),
  event('PostAssigned', {
    personId: 'p-1',
    positionId: 'pos-head',
    from: '2024-01-01',
    termEnd: '2029-01-01',
    decisionRef: 'QĐ 1',
  }),
  event('PostAssigned', {
    personId: 'p-1',
    positionId: 'pos-other',
    from: '2024-01-01',
    termEnd: null,
    decisionRef: 'QĐ 2',
  }),
  event('PlanningPoolEntryAdded', {
    personId: 'p-1',
    positionId: 'pos-director',
    term: '2026-2031',
    decisionRef: 'QĐ 3',
  }),
  event('CaseNoted', {
    personId: 'p-1',
    caseId: 'r-1',
    procedure: 'reappointment',
    status: 'open',
    stage: null,
    on: '2026-10-01',
  }),
  event('CaseNoted', {
    personId: 'p-1',
    caseId: 'a-1',
    procedure: 'appointment',
    status: 'open',
    stage: null,
    on: '2026-10-02',
  }),
]);
const reappointmentOpen = {
  caseId: 'r-1',
  procedure: 'reappointment',
  status: 'open',
  orgUnitId: 'ou-1',
  positionId: 'pos-head',
  // reappointment.standard@1 says so: a re-appointment has no term left once the post ends.
  withdrawnWhenPostEnds: true,
};
const appointmentOpen = {
  ...reappointmentOpen,
  caseId: 'a-1',
  procedure: 'appointment',
  withdrawnWhenPostEnds: false,
};

const recordWrite = (form: string) => ({
  to: 'person',
  personId: 'p-1',
  key: 'record',
  command: {
    type: 'RecordDiscipline',
    data: {
      personId: 'p-1',
      caseId: 'd-1',
      track: 'party',
      form,
      decidedOn: '2026-11-20',
      effectiveFrom: '2026-11-21',
      decisionRef: '12/QĐ-UBKT (2026-11-20)',
      barEndsOn: '2031-11-21',
      ruleSetId: 'party-2025-10-08',
      violationCategory: 'finance',
      orgUnitId: 'ou-1',
    },
  },
});
const poolWrite = (form: string) => ({
  to: 'person',
  personId: 'p-1',
  key: 'pool:pos-director',
  command: {
    type: 'RemovePlanningPoolEntry',
    data: {
      personId: 'p-1',
      positionId: 'pos-director',
      decisionRef: '12/QĐ-UBKT (2026-11-20)',
      reason: `discipline: ${form} (case d-1)`,
      caseId: 'd-1',
    },
  },
});
const flagWrite = (form: string) => ({
  to: 'case',
  caseId: 'a-1',
  orgUnitId: 'ou-1',
  key: 'flag',
  command: {
    type: 'FlagVettingItemFromRecord',
    data: {
      item: 'discipline_bar',
      // The bar's rule is the decision's (its own track's).
      note: `discipline decided: ${form} (12/QĐ-UBKT (2026-11-20), case d-1), bars a higher post until 2031-11-21 (x)`,
      causeRef: 'd-1',
    },
  },
});

/** The open appointment's pool item, flagged: the form took the person off the pool. */
const poolFlagWrite = (form: string) => ({
  to: 'case',
  caseId: 'a-1',
  orgUnitId: 'ou-1',
  key: 'flag:planning_pool',
  command: {
    type: 'FlagVettingItemFromRecord',
    data: {
      item: 'planning_pool',
      note: `discipline decided: ${form} (12/QĐ-UBKT (2026-11-20), case d-1), taken off the planning pool: pos-director 2026-2031 (QĐ 3)`,
      causeRef: 'd-1',
    },
  },
});

describe('discipline-record workflow', () => {
  // Changed with issue 19: a decided warning no longer flags an open re-appointment (NĐ 138 art.
  // 49(5)(a): what holds it back is a pending case or an investigation, not the higher-post bar).
  it('a warning: the record, off the planning pool, the open appointment flagged, not the re-appointment; the post stays', () => {
    given(discipline(opened, decided('warning')), person, [reappointmentOpen, appointmentOpen])
      .when(applyDisciplineDecision)
      .then([
        recordWrite('warning'),
        poolWrite('warning'),
        flagWrite('warning'),
        // Before, the pool item stayed cleared on an entry the decision had just removed.
        poolFlagWrite('warning'),
      ] as never);
  });

  it('a form the rule set keeps in the planning pool leaves the pool alone', () => {
    const keeps = event('DisciplineDecided', {
      ...decided('reprimand').data,
      leavesPlanningPool: false,
      planningPoolRule: 'reprimand: stays in the planning pool',
    });
    given(discipline(opened, keeps), person, [])
      .when(applyDisciplineDecision)
      .then([recordWrite('reprimand')] as never);
  });

  it("the record carries the validity and the other track's case on the same violation", () => {
    const linked = event('DisciplineDecided', {
      ...decided('warning').data,
      inEffectUntil: '2027-11-21',
      sameViolationAs: {
        caseId: 'd-0',
        track: 'civil_service',
        form: 'warning',
        barEndsOn: '2027-11-21',
        decisionRef: '3/QĐ-UBND (2026-11-01)',
      },
    });
    const [recorded] = applyDisciplineDecision(discipline(opened, linked), person, []);
    expect(recorded.command.data).toMatchObject({
      inEffectUntil: '2027-11-21',
      barEndsOn: '2031-11-21',
      sameViolationCaseId: 'd-0',
    });
  });

  it('a removal withdraws the open re-appointment, flags the appointment and ends the case post only', () => {
    given(discipline(opened, decided('removal_from_post')), person, [
      reappointmentOpen,
      appointmentOpen,
    ])
      .when(applyDisciplineDecision)
      .then([
        recordWrite('removal_from_post'),
        poolWrite('removal_from_post'),
        {
          to: 'case',
          caseId: 'r-1',
          orgUnitId: 'ou-1',
          key: 'withdraw',
          command: {
            type: 'WithdrawCase',
            data: {
              reason:
                'withdrawn: the holder was removed from the post by 12/QĐ-UBKT (2026-11-20) (discipline case d-1)',
            },
          },
        },
        flagWrite('removal_from_post'),
        poolFlagWrite('removal_from_post'),
        {
          to: 'person',
          personId: 'p-1',
          key: 'post:pos-head',
          command: {
            type: 'EndPost',
            data: {
              personId: 'p-1',
              positionId: 'pos-head',
              on: '2026-11-21',
              reason: 'discipline: removal_from_post (case d-1)',
              decisionRef: '12/QĐ-UBKT (2026-11-20)',
              caseId: 'd-1',
            },
          },
        },
      ] as never);
  });

  it('a removal from one post keeps the open re-appointment of the other post the person holds', () => {
    // Before: every open re-appointment was withdrawn, whichever post it renewed.
    const otherReappointment = { ...reappointmentOpen, caseId: 'r-2', positionId: 'pos-other' };
    const noted = personDecider.evolve(
      person,
      event('CaseNoted', {
        personId: 'p-1',
        caseId: 'r-2',
        procedure: 'reappointment',
        status: 'open',
        stage: null,
        on: '2026-10-03',
      }),
    );
    const writes = applyDisciplineDecision(
      discipline(opened, decided('removal_from_post')),
      noted,
      [reappointmentOpen, otherReappointment],
    );
    expect(
      writes.filter((w) => w.to === 'case').map((w) => `${w.command.type} ${w.caseId}`),
    ).toEqual(['WithdrawCase r-1']);
  });

  it('a removal only flags an open case whose definition is not withdrawn when the post ends', () => {
    const stays = appointmentOpen;
    const writes = applyDisciplineDecision(
      discipline(opened, decided('removal_from_post')),
      person,
      [stays],
    );
    expect(writes.filter((w) => w.to === 'case').map((w) => w.key)).toEqual([
      'flag',
      'flag:planning_pool',
    ]);
  });

  it('an open case that closed meanwhile gets nothing; an unregistered person only the record', () => {
    const closed = { ...appointmentOpen, status: 'withdrawn' };
    given(discipline(opened, decided('warning')), person, [closed])
      .when(applyDisciplineDecision)
      .then([recordWrite('warning'), poolWrite('warning')] as never);
    given(discipline(opened, decided('warning')), fold(personDecider, []), [])
      .when(applyDisciplineDecision)
      .then([recordWrite('warning')] as never);
  });

  it('a case without a decision has nothing to apply', () => {
    given(discipline(opened), person, [])
      .when(applyDisciplineDecision)
      .thenThrows('discipline case d-1 has no decision');
  });

  it('notes the case at its stage, and whether it runs the person as a cadre or a civil servant (a suspension’s period depends on it)', () => {
    given(discipline(opened), { status: 'open' as const, stage: 'verification', on: '2026-11-20' })
      .when(noteDisciplineCase)
      .then([
        {
          to: 'person',
          personId: 'p-1',
          key: 'note',
          command: {
            type: 'NoteCase',
            data: {
              personId: 'p-1',
              caseId: 'd-1',
              procedure: 'discipline',
              status: 'open',
              stage: 'verification',
              on: '2026-11-20',
              serviceStatus: 'civil_servant',
            },
          },
        },
      ]);
  });

  it('a review that keeps the form writes nothing; one that annuls it revises the record', () => {
    const filed = event('DisciplineComplaintFiled', {
      filedOn: '2026-11-25',
      grounds: 'g',
      recordedBy: 'u',
    });
    const review = (outcome: string) =>
      event('DisciplineComplaintReviewed', {
        heldOn: '2026-12-01',
        number: '15/QĐ',
        outcome,
        form: null,
        barEndsOn: null,
        barRule: null,
        reason: 'r',
        reviewedBy: 'u',
      });
    given(discipline(opened, decided('warning'), filed, review('keep')), person, [])
      .when(reviseDisciplineRecord)
      .then([]);
    given(discipline(opened, decided('warning'), filed, review('annul')), person, [
      reappointmentOpen,
    ])
      .when(reviseDisciplineRecord)
      .then([
        {
          to: 'person',
          personId: 'p-1',
          key: 'revise',
          command: {
            type: 'ReviseDiscipline',
            data: {
              personId: 'p-1',
              caseId: 'd-1',
              outcome: 'annulled',
              form: null,
              barEndsOn: null,
              decisionRef: '15/QĐ (2026-12-01)',
              revisedOn: '2026-12-01',
            },
          },
        },
        // Each open case reads its discipline flag again on the revised record.
        {
          to: 'case',
          caseId: 'r-1',
          orgUnitId: 'ou-1',
          key: 'recheck',
          command: {
            type: 'RecheckVettingItemFromRecord',
            data: { item: 'discipline_bar', causeRef: 'd-1' },
          },
        },
        // And its pool flag, for the entries given back.
        {
          to: 'case',
          caseId: 'r-1',
          orgUnitId: 'ou-1',
          key: 'recheck:planning_pool',
          command: {
            type: 'RecheckVettingItemFromRecord',
            data: { item: 'planning_pool', causeRef: 'd-1' },
          },
        },
      ]);
  });

  it('an annulment puts back the entries its decision took off the pool, and only those', () => {
    const removed = (positionId: string, decisionRef: string, caseId?: string) =>
      event('PlanningPoolEntryRemoved', {
        personId: 'p-1',
        positionId,
        decisionRef,
        reason: 'x',
        ...(caseId ? { caseId } : {}),
      });
    const planned = (positionId: string) =>
      event('PlanningPoolEntryAdded', {
        personId: 'p-1',
        positionId,
        term: '2026-2031',
        decisionRef: `QĐ ${positionId}`,
      });
    const disciplined = fold(personDecider, [
      event('PersonRegistered', { personId: 'p-1', fullName: 'Nguyễn Văn A', orgUnitId: 'ou-1' }),
      ...['pos-director', 'pos-legacy', 'pos-by-hand', 'pos-other-case'].map(planned),
      removed('pos-director', '12/QĐ-UBKT (2026-11-20)', 'd-1'),
      // Written before removals named their case: known by the decision's reference.
      removed('pos-legacy', '12/QĐ-UBKT (2026-11-20)'),
      removed('pos-by-hand', '40-QĐ/TU'),
      removed('pos-other-case', '12/QĐ-UBKT (2026-11-20)', 'd-2'),
    ]);
    const annulled = discipline(
      opened,
      decided('warning'),
      event('DisciplineComplaintFiled', { filedOn: '2026-11-25', grounds: 'g', recordedBy: 'u' }),
      event('DisciplineComplaintReviewed', {
        heldOn: '2026-12-01',
        number: '15/QĐ',
        outcome: 'annul',
        form: null,
        barEndsOn: null,
        barRule: null,
        reason: 'r',
        reviewedBy: 'u',
      }),
    );
    const restore = (positionId: string) => ({
      to: 'person',
      personId: 'p-1',
      key: `restore:${positionId}`,
      command: {
        type: 'RestorePlanningPoolEntry',
        data: {
          personId: 'p-1',
          positionId,
          term: '2026-2031',
          decisionRef: `QĐ ${positionId}`,
          caseId: 'd-1',
          revisedBy: '15/QĐ (2026-12-01)',
        },
      },
    });
    const writes = reviseDisciplineRecord(annulled, disciplined, []);
    expect(writes.slice(1)).toEqual([restore('pos-director'), restore('pos-legacy')]);
  });

  it('a review reducing removal to reprimand gives back the post the removal ended; the pool only where the reprimand keeps it', () => {
    const removedFromPost = fold(personDecider, [
      event('PersonRegistered', { personId: 'p-1', fullName: 'Nguyễn Văn A', orgUnitId: 'ou-1' }),
      event('PostAssigned', {
        personId: 'p-1',
        positionId: 'pos-head',
        from: '2024-01-01',
        termEnd: '2029-01-01',
        decisionRef: 'QĐ 1',
      }),
      event('PlanningPoolEntryAdded', {
        personId: 'p-1',
        positionId: 'pos-director',
        term: '2026-2031',
        decisionRef: 'QĐ 3',
      }),
      event('PlanningPoolEntryRemoved', {
        personId: 'p-1',
        positionId: 'pos-director',
        decisionRef: '12/QĐ-UBKT (2026-11-20)',
        reason: 'x',
        caseId: 'd-1',
      }),
      event('PostEnded', {
        personId: 'p-1',
        positionId: 'pos-head',
        on: '2026-11-21',
        reason: 'discipline: removal_from_post (case d-1)',
        decisionRef: '12/QĐ-UBKT (2026-11-20)',
        caseId: 'd-1',
      }),
    ]);
    const filed = event('DisciplineComplaintFiled', {
      filedOn: '2026-11-25',
      grounds: 'g',
      recordedBy: 'u',
    });
    const reducedTo = (form: string, effects: { endsPost: boolean; leavesPlanningPool: boolean }) =>
      event('DisciplineComplaintReviewed', {
        heldOn: '2026-12-01',
        number: '15/QĐ',
        outcome: 'change',
        form,
        barEndsOn: '2027-11-21',
        barRule: 'x',
        inEffectUntil: '2027-11-21',
        ...effects,
        reason: 'r',
        reviewedBy: 'u',
      });
    const keys = (review: ReturnType<typeof event>) =>
      reviseDisciplineRecord(
        discipline(opened, decided('removal_from_post'), filed, review),
        removedFromPost,
        [],
      ).map((w) => [w.key, w.command.type]);
    const restorePost = ['restore-post:pos-head', 'RestorePost'];
    // The seeded rules: a reprimand takes the person off the pool too, so the entries stay off.
    expect(keys(reducedTo('reprimand', { endsPost: false, leavesPlanningPool: true }))).toEqual([
      ['revise', 'ReviseDiscipline'],
      restorePost,
    ]);
    // A rule set keeping a reprimanded cadre in the pool: the entries come back as well.
    expect(keys(reducedTo('reprimand', { endsPost: false, leavesPlanningPool: false }))).toEqual([
      ['revise', 'ReviseDiscipline'],
      restorePost,
      ['restore:pos-director', 'RestorePlanningPoolEntry'],
    ]);
    // A form that ends the post too (expulsion) gives nothing back.
    expect(keys(reducedTo('expulsion', { endsPost: true, leavesPlanningPool: true }))).toEqual([
      ['revise', 'ReviseDiscipline'],
    ]);
    const annulment = event('DisciplineComplaintReviewed', {
      heldOn: '2026-12-01',
      number: '15/QĐ',
      outcome: 'annul',
      form: null,
      barEndsOn: null,
      barRule: null,
      reason: 'r',
      reviewedBy: 'u',
    });
    expect(keys(annulment)).toEqual([
      ['revise', 'ReviseDiscipline'],
      restorePost,
      ['restore:pos-director', 'RestorePlanningPoolEntry'],
    ]);
    const [, post] = reviseDisciplineRecord(
      discipline(opened, decided('removal_from_post'), filed, annulment),
      removedFromPost,
      [],
    );
    expect(post.command.data).toEqual({
      personId: 'p-1',
      positionId: 'pos-head',
      caseId: 'd-1',
      endedOn: '2026-11-21',
      endedBy: '12/QĐ-UBKT (2026-11-20)',
      revisedBy: '15/QĐ (2026-12-01)',
      on: '2026-12-01',
    });
  });

  it('a review that changes a warning to removal revises the validity and does what a removal decision does', () => {
    const filed = event('DisciplineComplaintFiled', {
      filedOn: '2026-11-25',
      grounds: 'g',
      recordedBy: 'u',
    });
    const heavier = event('DisciplineComplaintReviewed', {
      heldOn: '2026-12-01',
      number: '15/QĐ',
      outcome: 'change',
      form: 'removal_from_post',
      barEndsOn: '2031-11-21',
      barRule: 'x',
      inEffectUntil: '2027-11-21',
      endsPost: true,
      leavesPlanningPool: true,
      reason: 'r',
      reviewedBy: 'u',
    });
    const writes = reviseDisciplineRecord(
      discipline(opened, decided('warning'), filed, heavier),
      person,
      [reappointmentOpen, appointmentOpen],
    );
    expect(writes.map((w) => [w.key, w.command.type])).toEqual([
      ['revise', 'ReviseDiscipline'],
      ['pool:pos-director', 'RemovePlanningPoolEntry'],
      ['withdraw', 'WithdrawCase'],
      ['flag', 'FlagVettingItemFromRecord'],
      ['flag:planning_pool', 'FlagVettingItemFromRecord'],
      ['post:pos-head', 'EndPost'],
      // The flag just raised is read again on the revised record (the withdrawn case is not).
      ['recheck', 'RecheckVettingItemFromRecord'],
      ['recheck:planning_pool', 'RecheckVettingItemFromRecord'],
    ]);
    expect(writes[0].command.data).toMatchObject({
      outcome: 'changed',
      form: 'removal_from_post',
      inEffectUntil: '2027-11-21',
      decisionRef: '15/QĐ (2026-12-01)',
    });
    // The person held the post until the review removed them from it.
    expect(writes[5].command.data).toMatchObject({
      positionId: 'pos-head',
      on: '2026-12-01',
      decisionRef: '15/QĐ (2026-12-01)',
    });
  });
});
