import * as path from 'node:path';
import { RecordedEvent } from '../../../event-store/event-envelope';
import { WorkflowCatalog } from '../../../workflow/workflow-catalog';
import { SagaOutput } from '../../../sagas/saga';
import { recordedTermNotice } from './recorded-term-notice.saga';
import { FollowRecordedTerm } from './renewed-term-correction';

const catalog = WorkflowCatalog.load(
  { definitions: 'seeds/definitions', ruleSets: 'seeds/rule-sets', calendar: 'seeds/calendar' },
  path.resolve(__dirname, '../../../..'),
);

const postAssigned = (data: Record<string, unknown>, occurredAt: string): RecordedEvent => ({
  id: 'ev-1',
  streamId: 'cadre-p-an',
  revision: 1,
  position: '1',
  type: 'PostAssigned',
  schemaVersion: 1,
  data: {
    personId: 'p-an',
    positionId: 'pos-head',
    from: '2022-03-01',
    termEnd: '2027-03-01',
    decisionRef: '12-QĐ/UBND',
    ...data,
  },
  metadata: { actorId: 'u-staff', correlationId: 'c', causationId: null, occurredAt },
  recordedAt: occurredAt,
  hash: 'h',
});

describe('the re-appointment notice of a term recorded by hand or imported', () => {
  it('is scheduled 90 calendar days before the term ends when recorded from 8 Oct 2025 (Nghị định 170/2025 art. 39(1)), once per hold', () => {
    const event = postAssigned({}, '2026-12-06T03:00:00.000Z');
    const outputs = recordedTermNotice(event, catalog, 'appointment');
    const [schedule, follow] = outputs;
    expect(outputs).toHaveLength(2);
    expect([schedule]).toEqual([
      expect.objectContaining({
        kind: 'Schedule',
        timer: expect.objectContaining({
          kind: 'recorded-term-notice',
          target: 'cadre-p-an',
          // A term ending 01/03/2027 is noticed on 01/12/2026 (was 16/10/2026: 90 working days).
          dueAt: '2026-12-01T01:00:00.000Z',
          cause: 'p-an/pos-head/2027-03-01',
          payload: expect.objectContaining({
            termEnd: '2027-03-01',
            noticeOn: '2026-12-01',
            decisionRef: '12-QĐ/UBND',
            definition: expect.stringMatching(/^reappointment\.standard@\d+$/),
          }),
        }),
      }),
    ]);
    // The open re-appointment of the post follows the term as recorded (a corrected end).
    expect(follow).toMatchObject({
      kind: 'Send',
      key: 'term',
      command: {
        term: {
          personId: 'p-an',
          positionId: 'pos-head',
          termEnd: '2027-03-01',
          decisionRef: '12-QĐ/UBND',
        },
      },
    });
    expect(follow.kind === 'Send' && follow.command).toBeInstanceOf(FollowRecordedTerm);
    // Delivered again (at-least-once): the same timer, the same id, the same term to follow.
    const again = recordedTermNotice(event, catalog, 'appointment');
    expect(again[0]).toEqual(schedule);
    const followed = (output: SagaOutput) =>
      output.kind === 'Send' ? (output.command as FollowRecordedTerm).term : null;
    expect(again[1]).toMatchObject({ kind: 'Send', key: 'term' });
    expect(followed(again[1])).toEqual(followed(follow));
  });

  it('counts calendar days under the rule set in force on the day it was recorded (Nghị định 138/2020 before 1 July 2025)', () => {
    const [output] = recordedTermNotice(
      postAssigned({ termEnd: '2024-06-30' }, '2023-05-02T03:00:00.000Z'),
      catalog,
      'appointment',
    );
    expect(output).toMatchObject({ timer: { dueAt: '2024-04-01T01:00:00.000Z' } });
  });

  it('is not scheduled for a decided, restored, elected or already ended term, nor one without an end', () => {
    const at = '2026-12-06T03:00:00.000Z';
    for (const data of [
      { caseId: 'appointment-1' },
      { restoredAfter: { caseId: 'discipline-1', decisionRef: 'x' } },
      { electedOn: '2021-06-20' },
      { termEnd: null },
      { termEnd: '2026-12-01' },
    ])
      expect(recordedTermNotice(postAssigned(data, at), catalog, 'appointment')).toEqual([
        expect.objectContaining({ kind: 'Ignore' }),
      ]);
  });

  it('is not scheduled for a post whose position is filled by election, though the hold names no election day', () => {
    // Seeded holders of a chair's post, and posts recorded before electedOn existed, carry none.
    const outputs = recordedTermNotice(
      postAssigned({}, '2026-12-06T03:00:00.000Z'),
      catalog,
      'election',
    );
    expect(outputs).toEqual([
      { kind: 'Ignore', reason: 'an elected post is renewed by an election, not a re-appointment' },
    ]);
  });

  it('is due on the first day of a post recorded to start after its notice day, not at once', () => {
    const [output] = recordedTermNotice(
      postAssigned({ from: '2027-01-15', termEnd: '2027-03-01' }, '2026-12-06T03:00:00.000Z'),
      catalog,
      'appointment',
    );
    expect(output).toMatchObject({
      timer: { dueAt: '2027-01-15T01:00:00.000Z', payload: { noticeOn: '2027-01-15' } },
    });
  });
});
