import { NoteDisciplineCaseOnRecord, ReviseDisciplineOnRecord } from './discipline-record.commands';
import { RecordedEvent } from '../../event-store/event-envelope';
import { timerIdFor } from '../../jobs/timers/timer.events';
import { disciplineRecordSaga } from './discipline-record.saga';

const event = (type: string, data: Record<string, unknown>): RecordedEvent =>
  ({
    id: 'e-1',
    streamId: 'discipline-d-1',
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
const run = (e: RecordedEvent) =>
  disciplineRecordSaga.handle(e, { now: new Date() }) as unknown as Record<string, unknown>[];

describe('discipline-record saga', () => {
  it('notes the case on opening and schedules the civil-service time limit', () => {
    expect(
      run(event('DisciplineCaseOpened', { openedOn: '2026-11-20', decideBy: '2027-02-18' })),
    ).toEqual([
      {
        kind: 'Send',
        key: 'note',
        command: new NoteDisciplineCaseOnRecord('d-1', 'open', 'verification', '2026-11-20'),
      },
      {
        kind: 'Schedule',
        timer: {
          kind: 'discipline-time-limit',
          dueAt: '2027-02-18T17:00:00.000Z',
          target: 'discipline-d-1',
          payload: { caseId: 'd-1', dueOn: '2027-02-18' },
          cause: 'discipline-d-1/time-limit/2027-02-18',
        },
      },
    ]);
    expect(
      run(event('DisciplineCaseOpened', { openedOn: '2026-11-20', decideBy: null })),
    ).toHaveLength(1);
  });

  it('takes a time-barred case off the person’s open cases, writing no discipline', () => {
    expect(run(event('DisciplineTimeBarred', { stepId: 'ballot', heldOn: '2026-11-22' }))).toEqual([
      {
        kind: 'Send',
        key: 'note',
        command: new NoteDisciplineCaseOnRecord('d-1', 'closed', null, '2026-11-22'),
      },
    ]);
  });

  it('marks the case past verification only when the violation is confirmed', () => {
    expect(
      run(
        event('DisciplineStepRecorded', {
          stepId: 'verification',
          heldOn: '2026-11-21',
          violationConfirmed: true,
        }),
      )[0],
    ).toMatchObject({ command: { stage: 'past_verification' } });
    expect(
      run(event('DisciplineStepRecorded', { stepId: 'review', heldOn: '2026-11-21' }))[0].kind,
    ).toBe('Ignore');
  });

  it('moves the time-limit timer when the limit is extended', () => {
    expect(
      run(event('DisciplineTimeLimitExtended', { from: '2027-02-18', to: '2027-04-19' })),
    ).toEqual([
      {
        kind: 'Cancel',
        timerId: timerIdFor('discipline-d-1/time-limit/2027-02-18', 'discipline-time-limit'),
        reason: 'time limit extended',
      },
      expect.objectContaining({
        kind: 'Schedule',
        timer: expect.objectContaining({ dueAt: '2027-04-19T17:00:00.000Z' }),
      }),
    ]);
  });

  it('applies a decision to the record, revises it after a changed or annulled review, not after a kept one', () => {
    expect(
      run(event('DisciplineDecided', { heldOn: '2026-11-25' })).map(
        (o) => (o.command as object).constructor.name,
      ),
    ).toEqual(['ApplyDisciplineDecisionToRecord', 'NoteDisciplineCaseOnRecord']);
    expect(run(event('DisciplineComplaintReviewed', { outcome: 'annul' }))[0]).toMatchObject({
      command: new ReviseDisciplineOnRecord('d-1'),
    });
    expect(run(event('DisciplineComplaintReviewed', { outcome: 'keep' }))[0].kind).toBe('Ignore');
  });
});
