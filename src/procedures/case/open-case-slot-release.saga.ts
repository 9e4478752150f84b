import { RecordedEvent } from '../../event-store/event-envelope';
import { Ignore, Saga, SagaOutput, Send } from '../../sagas/saga';
import { ReleaseOpenCaseSlot } from './release-open-case-slot';

/** The events that close an appointment, re-appointment or rotation case. */
const CLOSING = { DecisionIssued: 'decided', CaseRejected: 'rejected', CaseWithdrawn: 'withdrawn' };
const SLOTTED_PROCEDURES = [
  'appointment',
  'reappointment',
  'rotation',
  'removal',
  'extension',
  'election',
];

/**
 * The command path frees a closed case's open-case slot in the closing's own write where the
 * store's multi-stream write is all or nothing, and marks the closing so (`writtenWith`): this
 * saga then leaves it be. Elsewhere it frees it right after the append, and a crash between the
 * two, or a retry answered from the idempotency store, would leave the slot held: this saga makes
 * the release at-least-once there. Every unmarked closing event asks for it, and the release does
 * nothing when the case no longer holds the slot.
 */
export const OPEN_CASE_SLOT_RELEASE_SAGA = 'open-case-slot-release';

export const openCaseSlotReleaseSaga: Saga = {
  name: OPEN_CASE_SLOT_RELEASE_SAGA,
  filter: {
    eventTypes: Object.keys(CLOSING),
    streamPrefix: SLOTTED_PROCEDURES.map((procedure) => `${procedure}-`),
  },
  handle(event: RecordedEvent): SagaOutput[] {
    const reason = CLOSING[event.type as keyof typeof CLOSING];
    if (!reason) return [Ignore('does not close the case')];
    return [Send(new ReleaseOpenCaseSlot(event.streamId, reason))];
  },
};
