import { personDecider } from '../../../cadres/person/person.decider';
import { caseDecider } from '../decider/case.decider';
import { ExistingCase } from '../decider/case.state';
import { event, fold, given } from '../../../workflow/testing/process-spec';
import {
  assignPost,
  endTerm,
  moveRegistrationOnEffectiveDay,
  noteCase,
  reappointmentDue,
  reappointmentFollows,
} from './case-record.process';
import { RecordWrite } from './record-writes';

const opened = event('CaseOpened', {
  caseId: 'a-1',
  procedure: 'appointment',
  personId: 'p-1',
  positionId: 'pos-head',
  orgUnitId: 'ou-1',
  openedOn: '2026-01-05',
  firstStepDueOn: null,
});
const decided = event('DecisionIssued', {
  stepId: 'decision',
  heldOn: '2026-03-01',
  number: '7/QĐ',
  effectiveFrom: '2026-03-02',
  termEnd: '2031-03-02',
  nextStepId: null,
  nextStepDueOn: null,
});
const appointment = (...events: ReturnType<typeof event>[]) =>
  fold(caseDecider, events) as ExistingCase;
const holder = (termEnd: string) =>
  fold(personDecider, [
    event('PersonRegistered', { personId: 'p-1' }),
    event('PostAssigned', {
      personId: 'p-1',
      positionId: 'pos-head',
      from: '2026-03-02',
      termEnd,
      decisionRef: '7/QĐ (2026-03-01)',
    }),
  ]);

describe('case-record workflow', () => {
  it('notes the case on the record with the seed of the triggering event', () => {
    given(appointment(opened), { status: 'open' as const, on: '2026-01-05' })
      .when(noteCase)
      .then([
        {
          to: 'person',
          personId: 'p-1',
          key: null,
          command: {
            type: 'NoteCase',
            data: {
              personId: 'p-1',
              caseId: 'a-1',
              procedure: 'appointment',
              status: 'open',
              stage: null,
              on: '2026-01-05',
            },
          },
        },
      ]);
  });

  it('a decision assigns the post with its term; no decision, nothing to assign', () => {
    given(appointment(opened, decided))
      .when(assignPost)
      .then([
        {
          to: 'person',
          personId: 'p-1',
          key: null,
          command: {
            type: 'AssignPost',
            data: {
              personId: 'p-1',
              positionId: 'pos-head',
              from: '2026-03-02',
              termEnd: '2031-03-02',
              decisionRef: '7/QĐ (2026-03-01)',
              caseId: 'a-1',
              procedure: 'appointment',
            },
          },
        },
      ]);
    given(appointment(opened)).when(assignPost).thenThrows('case a-1 has no decision');
  });

  it('the appointee leaves the planning pool for the post taken up, not for other posts; a redelivery finds it gone', () => {
    const planned = (...positionIds: string[]) =>
      fold(personDecider, [
        event('PersonRegistered', { personId: 'p-1' }),
        ...positionIds.map((positionId) =>
          event('PlanningPoolEntryAdded', {
            personId: 'p-1',
            positionId,
            term: '2025-2030',
            decisionRef: '112-QĐ/TU',
          }),
        ),
      ]);
    const writes = assignPost(appointment(opened, decided), planned('pos-head', 'pos-director'));
    expect(writes.map((w) => [w.key, w.command.type])).toEqual([
      [null, 'AssignPost'],
      ['pool:pos-head', 'RemovePlanningPoolEntry'],
    ]);
    expect(writes[1].command.data).toEqual({
      personId: 'p-1',
      positionId: 'pos-head',
      decisionRef: '7/QĐ (2026-03-01)',
      reason: 'took up the post (case a-1); planned for it in 2025-2030 by 112-QĐ/TU',
    });
    const redelivered = assignPost(appointment(opened, decided), planned('pos-director'));
    expect(redelivered.map((w) => w.command.type)).toEqual(['AssignPost']);
  });

  it('the term end ends the post only while the person holds it with that term', () => {
    given(appointment(opened, decided), holder('2031-03-02'), '2031-03-02')
      .when(endTerm)
      .then([
        {
          to: 'person',
          personId: 'p-1',
          key: null,
          command: {
            type: 'EndPost',
            data: {
              personId: 'p-1',
              positionId: 'pos-head',
              on: '2031-03-02',
              reason: 'term ended (case a-1)',
              decisionRef: '7/QĐ',
            },
          },
        },
      ]);
    given(appointment(opened, decided), holder('2036-03-02'), '2031-03-02').when(endTerm).then([]);
  });

  it('a notice leads to a re-appointment only for a term held that does not run to retirement', () => {
    const toRetirement = appointment(opened, {
      ...decided,
      data: {
        ...decided.data,
        details: { applied: 'ends_at_retirement', retirementDate: '2031-03-02' },
      },
    });
    expect(
      reappointmentFollows(holder('2031-03-02'), appointment(opened, decided), '2031-03-02'),
    ).toBe(true);
    expect(
      reappointmentFollows(holder('2036-03-02'), appointment(opened, decided), '2031-03-02'),
    ).toBe(false);
    // A notice scheduled for this term before decisions stopped scheduling one opens nothing.
    expect(reappointmentFollows(holder('2031-03-02'), toRetirement, '2031-03-02')).toBe(false);
  });

  it('a rotation decision assigns the post with no term, and the end of its period ends nothing', () => {
    const rotation = appointment(
      { ...opened, data: { ...opened.data, caseId: 'r-1', procedure: 'rotation' } },
      { ...decided, data: { ...decided.data, termEnd: '2029-03-02' } },
    );
    expect(assignPost(rotation)[0].command).toMatchObject({
      type: 'AssignPost',
      data: { positionId: 'pos-head', from: '2026-03-02', termEnd: null },
    });
    given(rotation, holder('2029-03-02'), '2029-03-02').when(endTerm).then([]);
  });

  it("a rotation into a leadership post assigns it with the post's term, whose end ends it; the period's end does not", () => {
    const rotation = appointment(
      { ...opened, data: { ...opened.data, caseId: 'r-1', procedure: 'rotation' } },
      {
        ...decided,
        data: {
          ...decided.data,
          termEnd: '2029-03-02',
          postTerm: { termYears: 5, termEnd: '2031-03-02', termRule: 'r' },
        },
      },
    );
    expect(assignPost(rotation)[0].command).toMatchObject({
      type: 'AssignPost',
      data: { positionId: 'pos-head', from: '2026-03-02', termEnd: '2031-03-02' },
    });
    given(rotation, holder('2031-03-02'), '2029-03-02').when(endTerm).then([]);
    expect(endTerm(rotation, holder('2031-03-02'), '2031-03-02')[0].command).toMatchObject({
      type: 'EndPost',
      data: { positionId: 'pos-head', on: '2031-03-02' },
    });
  });

  it('the decision ends the posts the person leaves, but not an elected post it leaves to the council', () => {
    const holds = fold(personDecider, [
      event('PersonRegistered', { personId: 'p-1' }),
      ...['pos-office', 'pos-vice-chair'].map((positionId) =>
        event('PostAssigned', {
          personId: 'p-1',
          positionId,
          from: '2024-01-01',
          termEnd: null,
          decisionRef: 'x',
        }),
      ),
    ]);
    const kept = appointment(opened, {
      ...decided,
      data: {
        ...decided.data,
        electedPostsKept: [{ positionId: 'pos-vice-chair', title: 'Phó Chủ tịch UBND xã' }],
      },
    });
    const ended = assignPost(kept, holds)
      .filter((write) => write.command.type === 'EndPost')
      .map((write) => (write.command.data as { positionId: string }).positionId);
    expect(ended).toEqual(['pos-office']);
  });

  it('the registration moves on the effective day only while the person holds the post the decision gave', () => {
    const rotation = appointment(
      { ...opened, data: { ...opened.data, caseId: 'r-1', procedure: 'rotation' } },
      decided,
    );
    const writes = moveRegistrationOnEffectiveDay(rotation, holder('2031-03-02'), 'ou-2');
    expect(writes.map((write) => write.command)).toEqual([
      {
        type: 'MoveRegistration',
        data: {
          personId: 'p-1',
          orgUnitId: 'ou-2',
          from: '2026-03-02',
          caseId: 'r-1',
          decisionRef: '7/QĐ (2026-03-01)',
        },
      },
    ]);
    // A later transfer took the person elsewhere before that day and ended this post.
    const movedOn = fold(personDecider, [
      event('PersonRegistered', { personId: 'p-1' }),
      event('PostAssigned', {
        personId: 'p-1',
        positionId: 'pos-elsewhere',
        from: '2026-03-01',
        termEnd: null,
        decisionRef: '9/QĐ (2026-03-01)',
      }),
    ]);
    expect(moveRegistrationOnEffectiveDay(rotation, movedOn, 'ou-2')).toEqual([]);
  });

  it('a notice whose case was refused is noted with the refusal, keyed apart from the opening', () => {
    const notice = { termEnd: '2031-03-02', noticeOn: '2030-12-02' };
    const refused = { caseId: null, refusal: 'discipline.bar: a warning bars it' };
    given(appointment(opened, decided), notice, 'open_case' as const, refused)
      .when(reappointmentDue)
      .then([
        {
          to: 'person',
          personId: 'p-1',
          key: 'due',
          command: {
            type: 'NoteReappointmentDue',
            data: {
              personId: 'p-1',
              positionId: 'pos-head',
              ...notice,
              action: 'open_case',
              ...refused,
              orgUnitId: 'ou-1',
            },
          },
        },
      ]);
  });

  describe('an appointment to a new post ends the previous one unless the decision keeps it (kiêm nhiệm)', () => {
    const deputy = fold(personDecider, [
      event('PersonRegistered', { personId: 'p-1' }),
      event('PostAssigned', {
        personId: 'p-1',
        positionId: 'pos-deputy',
        from: '2021-03-01',
        termEnd: '2026-03-01',
        decisionRef: '3/QĐ (2021-02-20)',
      }),
    ]);
    const assigned: RecordWrite = {
      to: 'person',
      personId: 'p-1',
      key: null,
      command: {
        type: 'AssignPost',
        data: {
          personId: 'p-1',
          positionId: 'pos-head',
          from: '2026-03-02',
          termEnd: '2031-03-02',
          decisionRef: '7/QĐ (2026-03-01)',
          caseId: 'a-1',
          procedure: 'appointment',
        },
      },
    };

    it('ends the post held before, on the day the new one begins', () => {
      given(appointment(opened, decided), deputy)
        .when(assignPost)
        .then([
          {
            to: 'person',
            personId: 'p-1',
            key: 'end-previous:pos-deputy',
            command: {
              type: 'EndPost',
              data: {
                personId: 'p-1',
                positionId: 'pos-deputy',
                on: '2026-03-02',
                reason:
                  'appointed to pos-head (case a-1) without keeping this post concurrently (kiêm nhiệm)',
                decisionRef: '7/QĐ',
              },
            },
          },
          assigned,
        ]);
    });

    it('brings forward the end another decision set for a later day, and ends no post before it begins', () => {
      // Another decision put the person into pos-other from 2026-04-01 and ended the deputy post
      // then; this one takes effect on 2026-03-02. Before: the deputy post kept its later end
      // (two posts held for a month) and pos-other was ended on 2026-03-02, before it began.
      const leavingLater = fold(personDecider, [
        event('PersonRegistered', { personId: 'p-1' }),
        event('PostAssigned', {
          personId: 'p-1',
          positionId: 'pos-deputy',
          from: '2021-03-01',
          termEnd: '2026-03-01',
          decisionRef: '3/QĐ (2021-02-20)',
        }),
        event('PostAssigned', {
          personId: 'p-1',
          positionId: 'pos-other',
          from: '2026-04-01',
          termEnd: null,
          decisionRef: '5/QĐ (2026-02-01)',
        }),
        event('PostEnded', {
          personId: 'p-1',
          positionId: 'pos-deputy',
          on: '2026-04-01',
          reason: 'appointed to pos-other',
          decisionRef: '5/QĐ',
        }),
      ]);
      const written = assignPost(appointment(opened, decided), leavingLater);
      expect(
        written.map((w) => [w.command.type, (w.command.data as { positionId: string }).positionId]),
      ).toEqual([
        ['EndPost', 'pos-deputy'],
        ['AssignPost', 'pos-head'],
      ]);
      expect(written[0].command.data).toMatchObject({ on: '2026-03-02' });
    });

    it('ends a post begun on the effective day itself, not the post the decision gives', () => {
      // Appointed deputy head from the day the transfer to head takes effect. Before: both were
      // held (a post begun on the day was left alone), and no PostEnded was written.
      const sameDay = fold(personDecider, [
        event('PersonRegistered', { personId: 'p-1' }),
        event('PostAssigned', {
          personId: 'p-1',
          positionId: 'pos-deputy',
          from: '2026-03-02',
          termEnd: '2031-03-02',
          decisionRef: '3/QĐ (2026-03-02)',
        }),
      ]);
      const written = assignPost(appointment(opened, decided), sameDay);
      expect(
        written.map((w) => [w.command.type, (w.command.data as { positionId: string }).positionId]),
      ).toEqual([
        ['EndPost', 'pos-deputy'],
        ['AssignPost', 'pos-head'],
      ]);
      expect(written[0].command.data).toMatchObject({ on: '2026-03-02' });
    });

    it('keeps it when the decision says kiêm nhiệm', () => {
      const concurrent = event('DecisionIssued', {
        ...decided.data,
        keepsPreviousPost: true,
      });
      given(appointment(opened, concurrent), deputy).when(assignPost).then([assigned]);
    });

    it('a transfer or a rotation moves the person as an appointment does, unless it keeps the post', () => {
      // transfer.standard runs as a rotation case: one procedure for both.
      for (const definition of ['rotation.standard', 'transfer.standard']) {
        const moved = 'rotated or transferred to';
        const opening = {
          ...opened,
          data: { ...opened.data, caseId: 't-1', procedure: 'rotation', definition },
        };
        const written = assignPost(appointment(opening, decided), deputy);
        // Before: only an appointment ended the post left; a transferred deputy held both.
        expect(written.map((w) => w.command.type)).toEqual(['EndPost', 'AssignPost']);
        expect(written[0].command.data).toMatchObject({
          positionId: 'pos-deputy',
          on: '2026-03-02',
          reason: `${moved} pos-head (case t-1) without keeping this post concurrently (kiêm nhiệm)`,
        });
        const keeping = event('DecisionIssued', { ...decided.data, keepsPreviousPost: true });
        const kept = assignPost(appointment(opening, keeping), deputy);
        expect(kept.map((w) => w.command.type)).toEqual(['AssignPost']);
      }
    });

    it('a post case writes on the record of the nominee the final ballot chose', () => {
      const forThePost = event('CaseOpened', { ...opened.data, personId: '', fillsPost: true });
      const chosen = event('BallotTallied', {
        stepId: 'leadership-round-3',
        outcome: 'passed',
        passed: ['p-1'],
        appointee: { personId: 'p-1', by: 'only_one_passed', rule: null },
        nextStepId: 'vetting',
        nextStepDueOn: null,
        recordedBy: 'u-secretary',
      });
      const named = event('DecisionIssued', { ...decided.data, appointee: 'p-1' });
      given(appointment(forThePost, chosen, named), deputy)
        .when(assignPost)
        .then([expect.objectContaining({ key: 'end-previous:pos-deputy' }) as never, assigned]);
      given(appointment(forThePost), { status: 'open' as const, on: '2026-01-05' })
        .when(noteCase)
        .then([]);
    });

    describe('the post it ends takes its open re-appointment with it', () => {
      // Seen before the decision: a re-appointment runs on its post and stops when it ends
      // (reappointment.standard's withdrawnWhenPostEnds); an appointment elsewhere does not.
      const reappointmentOf = (positionId: string, caseId = 'r-9') => ({
        caseId,
        procedure: 'reappointment',
        status: 'open',
        orgUnitId: 'ou-1',
        positionId,
        withdrawnWhenPostEnds: true,
      });
      const withdrawal = (caseId: string): RecordWrite => ({
        to: 'case',
        caseId,
        orgUnitId: 'ou-1',
        key: `withdraw:${caseId}`,
        command: {
          type: 'WithdrawCase',
          data: { reason: 'withdrawn: the post ended by 7/QĐ (2026-03-01) (case a-1)' },
        },
      });

      it('withdraws the re-appointment of the post left, naming the decision and the case', () => {
        // Before: the re-appointment stayed open, its decision refused as reappointment.post_ended.
        const written = assignPost(appointment(opened, decided), deputy, [
          reappointmentOf('pos-deputy'),
        ]);
        expect(written).toEqual([
          withdrawal('r-9'),
          expect.objectContaining({ key: 'end-previous:pos-deputy' }),
          assigned,
        ]);
      });

      it('leaves a case on another post, one not withdrawn with its post, and one closed meanwhile', () => {
        const elsewhere = reappointmentOf('pos-elsewhere', 'r-2');
        const notWithThePost = {
          ...reappointmentOf('pos-deputy', 'a-2'),
          withdrawnWhenPostEnds: false,
        };
        const withdrawnBefore = { ...reappointmentOf('pos-deputy', 'r-3'), status: 'withdrawn' };
        const written = assignPost(appointment(opened, decided), deputy, [
          elsewhere,
          notWithThePost,
          withdrawnBefore,
        ]);
        expect(written.filter((write) => write.to === 'case')).toEqual([]);
      });

      it('a post kept concurrently (kiêm nhiệm) keeps its re-appointment', () => {
        const concurrent = event('DecisionIssued', { ...decided.data, keepsPreviousPost: true });
        given(appointment(opened, concurrent), deputy, [reappointmentOf('pos-deputy')])
          .when(assignPost)
          .then([assigned]);
      });
    });
  });
});
