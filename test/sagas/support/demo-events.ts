import { randomUUID } from 'node:crypto';
import { EventStore } from '../../../src/event-store/event-store.port';
import { DEMO_CASE_PREFIX } from './demo-saga';

/** Opens a demo case: one DemoCaseOpened event on `democase-<id>`; returns the case id and event position. */
export async function openDemoCase(
  store: EventStore,
  occurredAt = new Date(),
): Promise<{ caseId: string; eventId: string; position: string }> {
  const caseId = randomUUID();
  const eventId = randomUUID();
  const result = await store.append(
    `${DEMO_CASE_PREFIX}${caseId}`,
    [
      {
        id: eventId,
        type: 'DemoCaseOpened',
        data: { caseId },
        metadata: {
          actorId: 'user-1',
          correlationId: `corr-${caseId}`,
          causationId: null,
          occurredAt: occurredAt.toISOString(),
        },
      },
    ],
    { expectedRevision: 'no_stream' },
  );
  return { caseId, eventId, position: result.position };
}
