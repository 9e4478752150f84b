import { RecordedEvent } from '../../src/event-store/event-envelope';
import { demoSaga, followUpStream, RecordFollowUp } from './support/demo-saga';

describe('demo saga (given event, then outputs)', () => {
  it('DemoCaseOpened → send RecordFollowUp and schedule the reminder 300 ms after the case opened', async () => {
    const event = {
      id: 'e1',
      streamId: 'democase-c1',
      type: 'DemoCaseOpened',
      data: { caseId: 'c1' },
      metadata: { occurredAt: '2026-03-02T00:00:00.000Z' },
    } as unknown as RecordedEvent;
    expect(await demoSaga.handle(event, { now: new Date() })).toEqual([
      {
        kind: 'Send',
        command: new RecordFollowUp('c1'),
        key: 'follow-up',
      },
      {
        kind: 'Schedule',
        timer: {
          kind: 'demo-reminder',
          dueAt: '2026-03-02T00:00:00.300Z',
          target: followUpStream('c1'),
          payload: { caseId: 'c1' },
        },
      },
    ]);
  });
});
