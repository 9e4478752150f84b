import { RecordedEvent } from '../../event-store/event-envelope';
import { timerIdFor } from '../../jobs/timers/timer.events';
import { SagaOutput } from '../../sagas/saga';
import { DISCIPLINE_TIME_LIMIT_TIMER, disciplineRecordSagaOn } from './discipline-record.saga';

const STREAM = 'discipline-d1';

function stream(...events: [string, Record<string, unknown>][]): RecordedEvent[] {
  return events.map(([type, data], revision) => ({
    id: `e-${revision}`,
    streamId: STREAM,
    revision,
    position: `1/${revision}`,
    type,
    schemaVersion: 1,
    data,
    metadata: { actorId: 'u', correlationId: 'c', causationId: null, occurredAt: '' },
    recordedAt: '',
    hash: '',
  }));
}

const limit = (day: string) =>
  timerIdFor(`${STREAM}/time-limit/${day}`, DISCIPLINE_TIME_LIMIT_TIMER);
const cancels = (outputs: SagaOutput[]) =>
  outputs.flatMap((output) => (output.kind === 'Cancel' ? [output.timerId] : []));

describe('the time limit’s timer of a discipline case whose time to decide is over', () => {
  const opened: [string, Record<string, unknown>] = [
    'DisciplineCaseOpened',
    { openedOn: '2026-12-01', decideBy: '2027-03-01' },
  ];
  const extended: [string, Record<string, unknown>] = [
    'DisciplineTimeLimitExtended',
    { from: '2027-03-01', to: '2027-05-01' },
  ];
  const handle = async (events: RecordedEvent[]) =>
    (await disciplineRecordSagaOn({ readStream: () => Promise.resolve(events) }).handle(
      events[events.length - 1],
      { now: new Date() },
    )) as SagaOutput[];

  it('is cancelled by the decision, at the day as last extended, the same at every delivery', async () => {
    const events = stream(opened, extended, [
      'DisciplineDecided',
      { stepId: 'decision', nextStepId: null, heldOn: '2027-01-10' },
    ]);
    expect(cancels(await handle(events))).toEqual([limit('2027-05-01')]);
    expect(cancels(await handle(events))).toEqual([limit('2027-05-01')]);
  });

  it('is cancelled when staff close the case', async () => {
    const events = stream(opened, [
      'DisciplineCaseClosed',
      { rule: 'discipline.closed_by_staff', closedOn: '2026-12-05' },
    ]);
    expect(cancels(await handle(events))).toEqual([limit('2027-03-01')]);
  });

  it('runs on when a step’s result closed the case: correcting that step may reopen it', async () => {
    const events = stream(opened, [
      'DisciplineCaseClosed',
      { rule: 'discipline.violation_not_confirmed', closedOn: '2026-12-05' },
    ]);
    expect(cancels(await handle(events))).toEqual([]);
  });
});
