import { RecordedEvent, systemMetadata } from '../event-store/event-envelope';
import { claimsNotWithdrawn, seatClaimWithdrawal, SeatClaimEvent } from './seat-claim-withdrawal';

/**
 * A seat stream's withdrawal is named after its claim: a planning pool's place is taken back by
 * `PlanningPoolSeatClaimWithdrawn`, a post's seat by `PostSeatClaimWithdrawn`, and each takes back
 * only claims of its own kind.
 */
describe('seat claim withdrawal', () => {
  const metadata = systemMetadata('u-staff', 'req-1', new Date('2026-12-06T03:00:00Z'));
  const planningClaim = (claimant: string, id: string): SeatClaimEvent => ({
    id,
    type: 'PlanningPoolSeatClaimed',
    data: { claimant },
  });
  const recorded = (events: SeatClaimEvent[]): RecordedEvent[] =>
    events.map(
      (event, revision) =>
        ({
          ...event,
          metadata,
          streamId: 'planningseat-pos-head/2025-2030',
          revision,
          recordedAt: '2026-12-06T03:00:00.000Z',
        }) as RecordedEvent,
    );

  it('takes back a planning pool place by the planning event, without a post seat’s day', () => {
    const claim = planningClaim('p-late', 'c-1');
    const withdrawal = seatClaimWithdrawal(claim, 'record_not_written', metadata);
    expect(withdrawal).toMatchObject({
      type: 'PlanningPoolSeatClaimWithdrawn',
      data: { claimId: 'c-1', claimant: 'p-late', reason: 'record_not_written' },
    });
    expect(withdrawal.data).not.toHaveProperty('from');
    const events = recorded([claim, planningClaim('p-next', 'c-2'), withdrawal]);
    expect(claimsNotWithdrawn(events, 'PlanningPoolSeatClaimed').map((e) => e.id)).toEqual(['c-2']);
  });

  it('leaves a claim of another kind alone', () => {
    const claim = planningClaim('p-late', 'c-1');
    const postWithdrawal = {
      ...seatClaimWithdrawal(claim, 'record_not_written', metadata),
      type: 'PostSeatClaimWithdrawn',
    };
    const events = recorded([claim, postWithdrawal]);
    expect(claimsNotWithdrawn(events, 'PlanningPoolSeatClaimed').map((e) => e.id)).toEqual(['c-1']);
  });

  it('refuses to withdraw what is not a seat claim', () => {
    const notAClaim = { id: 'e-1', type: 'PlanningPoolEntryAdded', data: { claimant: 'p-late' } };
    expect(() => seatClaimWithdrawal(notAClaim, 'record_not_written', metadata)).toThrow(
      'PlanningPoolEntryAdded is not a seat claim',
    );
  });
});
