import { RecordedEvent, systemMetadata } from '../event-store/event-envelope';
import { AppendOptions, StreamAppend } from '../event-store/event-store.port';
import { seatClaimWithdrawal, withdrawClaimIfWritten } from './seat-claim-withdrawal';
import { postSeatClaimAppend, seatClaimsOf } from './post-seat-claims';

/**
 * A claim whose write was refused after it is withdrawn on the seat stream and no longer counts.
 * Before, nothing withdrew it: it held the seat for a minute for someone who never held the post.
 */
describe('post seat claims withdrawn', () => {
  const metadata = systemMetadata('u-staff', 'req-1', new Date('2026-12-06T03:00:00Z'));
  const claimOf = (personId: string): StreamAppend =>
    postSeatClaimAppend(
      'pos-head',
      { personId, from: '2026-01-01', termEnd: null },
      null,
      metadata,
    );
  const recorded = (events: StreamAppend['events']): RecordedEvent[] =>
    events.map(
      (event, revision) =>
        ({
          ...event,
          streamId: 'postseat-pos-head',
          revision,
          recordedAt: '2026-12-06T03:00:00.000Z',
        }) as RecordedEvent,
    );

  it('lists a claim until a withdrawal names it, and only that claim', () => {
    const mine = claimOf('p-nfd2').events[0];
    const other = claimOf('p-d2').events[0];
    expect(seatClaimsOf(recorded([mine, other])).map((c) => c.personId)).toEqual([
      'p-nfd2',
      'p-d2',
    ]);
    const withdrawal = seatClaimWithdrawal(mine, 'record_not_written', metadata);
    expect(withdrawal).toMatchObject({
      type: 'PostSeatClaimWithdrawn',
      data: { claimId: mine.id, claimant: 'p-nfd2', from: '2026-01-01' },
    });
    expect(seatClaimsOf(recorded([mine, other, withdrawal])).map((c) => c.personId)).toEqual([
      'p-d2',
    ]);
  });

  describe('a claim a refused write may have left (a store writing stream by stream)', () => {
    const storeHolding = (stored: StreamAppend['events']) => {
      const appended: { streamId: string; events: unknown[]; options: AppendOptions }[] = [];
      return {
        appended,
        readStream: (streamId: string) =>
          Promise.resolve(streamId === 'postseat-pos-head' ? recorded(stored) : []),
        append: (streamId: string, events: unknown[], options: AppendOptions) => {
          appended.push({ streamId, events, options });
          return Promise.resolve({ nextRevision: stored.length, position: '0' });
        },
      };
    };

    it('is withdrawn when it is on the seat stream', async () => {
      const planned = claimOf('p-nfd2');
      const store = storeHolding(planned.events);
      expect(await withdrawClaimIfWritten(store, planned, 'decision_not_written', metadata)).toBe(
        true,
      );
      expect(store.appended).toEqual([
        {
          streamId: 'postseat-pos-head',
          events: [
            expect.objectContaining({
              type: 'PostSeatClaimWithdrawn',
              data: expect.objectContaining({
                claimId: planned.events[0].id,
                reason: 'decision_not_written',
              }),
            }),
          ],
          options: { expectedRevision: 'any' },
        },
      ]);
    });

    it('writes nothing when it never landed', async () => {
      const store = storeHolding(claimOf('p-d2').events);
      const planned = claimOf('p-nfd2');
      expect(await withdrawClaimIfWritten(store, planned, 'decision_not_written', metadata)).toBe(
        false,
      );
      expect(store.appended).toEqual([]);
    });
  });
});
