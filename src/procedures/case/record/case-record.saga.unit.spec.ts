import { AssignPostFromDecision, NoteCaseOnRecord } from './case-record.commands';
import { RecordedEvent } from '../../../event-store/event-envelope';
import { SagaOutput } from '../../../sagas/saga';
import { caseRecordSaga } from './case-record.saga';

const event = (
  type: string,
  data: Record<string, unknown>,
  streamId = 'reappointment-r-1',
): RecordedEvent =>
  ({
    id: 'e-1',
    streamId,
    type,
    data,
    metadata: {
      actorId: 'u',
      correlationId: 'c',
      causationId: null,
      occurredAt: '2026-11-20T00:00:00Z',
    },
    revision: 0,
    position: '1',
  }) as unknown as RecordedEvent;
const run = (e: RecordedEvent) => caseRecordSaga.handle(e, { now: new Date() }) as SagaOutput[];

describe('case-record saga', () => {
  it('notes an opened case on the record', () => {
    expect(run(event('CaseOpened', { openedOn: '2026-11-20' }))).toEqual([
      {
        kind: 'Send',
        key: 'note',
        command: new NoteCaseOnRecord('reappointment-r-1', 'open', '2026-11-20'),
      },
    ]);
  });

  it('on a decision: assigns the post, closes the case on the record, schedules the notice and the end of the term', () => {
    const outputs = run(
      event('DecisionIssued', {
        heldOn: '2026-11-20',
        termEnd: '2031-12-20',
        reappointmentNoticeOn: '2031-08-06',
      }),
    );
    expect(outputs).toEqual([
      {
        kind: 'Send',
        key: 'assign',
        command: new AssignPostFromDecision('reappointment-r-1'),
      },
      {
        kind: 'Send',
        key: 'note',
        command: new NoteCaseOnRecord('reappointment-r-1', 'closed', '2026-11-20'),
      },
      {
        kind: 'Schedule',
        timer: {
          kind: 'reappointment-reminder',
          dueAt: '2031-08-06T01:00:00.000Z',
          target: 'reappointment-r-1',
          payload: { stream: 'reappointment-r-1', termEnd: '2031-12-20', noticeOn: '2031-08-06' },
        },
      },
      {
        kind: 'Schedule',
        timer: {
          kind: 'term-end',
          dueAt: '2031-12-20T17:00:00.000Z',
          target: 'reappointment-r-1',
          payload: { stream: 'reappointment-r-1', termEnd: '2031-12-20' },
        },
      },
    ]);
  });

  it("a rotation decision has no re-appointment notice and no end of term: its period is not the post's term", () => {
    const kinds = run(
      event(
        'DecisionIssued',
        { heldOn: '2026-11-20', effectiveFrom: '2026-11-20', termEnd: '2029-11-20' },
        'rotation-x',
      ),
    ).map((o) => (o.kind === 'Schedule' ? o.timer.kind : o.kind));
    expect(kinds).toEqual(['Send', 'Send']);
  });

  it("a rotation into a leadership post: the notice and the end of the post's term, not of the period", () => {
    const outputs = run(
      event(
        'DecisionIssued',
        {
          heldOn: '2026-11-20',
          effectiveFrom: '2026-11-20',
          termEnd: '2029-11-20',
          postTerm: { termYears: 5, termEnd: '2031-11-20', termRule: 'r' },
          reappointmentNoticeOn: '2031-07-10',
        },
        'rotation-x',
      ),
    );
    const timers = outputs.flatMap((o) => (o.kind === 'Schedule' ? [o.timer] : []));
    expect(timers.map((timer) => [timer.kind, timer.payload])).toEqual([
      [
        'reappointment-reminder',
        { stream: 'rotation-x', termEnd: '2031-11-20', noticeOn: '2031-07-10' },
      ],
      ['term-end', { stream: 'rotation-x', termEnd: '2031-11-20' }],
    ]);
  });

  it("a move into a post effective after the decision's day moves the registration when that day begins", () => {
    const decision = { heldOn: '2026-11-20', effectiveFrom: '2026-12-01', termEnd: '2029-12-01' };
    const timers = (stream: string) =>
      run(event('DecisionIssued', decision, stream)).flatMap((o) =>
        o.kind === 'Schedule' && o.timer.kind === 'registration-move' ? [o.timer] : [],
      );
    expect(timers('rotation-x')).toEqual([
      {
        kind: 'registration-move',
        dueAt: '2026-11-30T17:00:00.000Z',
        target: 'rotation-x',
        payload: { stream: 'rotation-x' },
      },
    ]);
    expect(timers('appointment-a-1')).toHaveLength(1);
    // A re-appointment keeps the person where they are.
    expect(timers('reappointment-r-1')).toEqual([]);
  });

  it('closes rejected and withdrawn cases on the record and ignores the other steps', () => {
    expect(run(event('CaseRejected', { rejectedOn: '2026-11-21' }))[0]).toMatchObject({
      command: { status: 'closed', on: '2026-11-21' },
    });
    expect(run(event('CaseWithdrawn', { withdrawnOn: '2026-11-22' }))[0]).toMatchObject({
      command: { status: 'closed' },
    });
    expect(run(event('BallotTallied', {}))[0].kind).toBe('Ignore');
  });

  it('notes openings of different people side by side, and handles a closing after everything before it', () => {
    const key = (e: RecordedEvent) => caseRecordSaga.orderingKey!(e);
    // One person's notes follow each other; different people's need not.
    expect(key(event('CaseOpened', { personId: 'p-an' }, 'rotation-a'))).toBe('person:p-an');
    expect(key(event('CaseOpened', { personId: 'p-an' }, 'rotation-b'))).toBe('person:p-an');
    expect(key(event('CaseOpened', { personId: 'p-binh' }, 'rotation-c'))).toBe('person:p-binh');
    // A post case names its appointee only at its ballot: its opening waits like a closing.
    expect(key(event('CaseOpened', { personId: '' }))).toBeUndefined();
    // A decision may end posts an earlier decision assigned, or withdraw the person's other cases.
    for (const type of ['DecisionIssued', 'CaseRejected', 'CaseWithdrawn'])
      expect(key(event(type, {}))).toBeUndefined();
    expect(key(event('MeetingRecorded', {}, 'appointment-a-1'))).toBe('ignored:appointment-a-1');
  });
});
