import { randomUUID } from 'node:crypto';
import { NewEvent } from '../../src/event-store/event-envelope';
import { EventStore } from '../../src/event-store/event-store.port';

export function caseEvent(
  type: string,
  data: Record<string, unknown>,
  meta: Partial<NewEvent['metadata']> = {},
): NewEvent {
  return {
    id: randomUUID(),
    type,
    data,
    metadata: {
      actorId: 'staff-1',
      roles: ['organization_staff'],
      orgUnit: 'ou-province',
      correlationId: 'corr-open',
      causationId: null,
      occurredAt: '2026-03-02T02:00:00.000Z',
      definitionVersion: 'appointment-internal@1',
      ruleSet: 'vn-2025',
      ...meta,
    },
  };
}

export interface AuditScenario {
  personId: string;
  appointmentId: string;
  disciplineId: string;
  otherCaseId: string;
}

/**
 * A person (cadre-<id>), an appointment case and a discipline case about them, and an unrelated
 * case, appended interleaved so the global order differs from any single stream's order.
 */
export async function seedAuditScenario(store: EventStore): Promise<AuditScenario> {
  const personId = randomUUID();
  const appointmentId = randomUUID();
  const disciplineId = randomUUID();
  const otherCaseId = randomUUID();
  const appointment = `appointment-${appointmentId}`;
  await store.append(
    `cadre-${personId}`,
    [
      caseEvent(
        'PersonRegistered',
        { personId, name: 'Nguyễn Văn A' },
        { definitionVersion: undefined },
      ),
    ],
    {
      expectedRevision: 'no_stream',
    },
  );
  const opened = caseEvent('AppointmentCaseOpened', { personId, post: 'pos-1' });
  await store.append(appointment, [opened], { expectedRevision: 'no_stream' });
  await store.append(
    `appointment-${otherCaseId}`,
    [caseEvent('AppointmentCaseOpened', { personId: 'someone-else' })],
    {
      expectedRevision: 'no_stream',
    },
  );
  await store.append(
    `discipline-${disciplineId}`,
    [
      caseEvent(
        'DisciplineCaseOpened',
        { personId, finding: 'late asset declaration, "minor"' },
        {
          actorId: 'inspector-7',
          roles: ['inspector'],
          correlationId: 'corr-disc',
          definitionVersion: 'discipline-party@2',
        },
      ),
    ],
    { expectedRevision: 'no_stream' },
  );
  await store.append(
    appointment,
    [
      caseEvent(
        'BallotTallied',
        { personId, present: 9, for: 7, against: 1, abstain: 1, invalid: 0 },
        {
          actorId: 'secretary-2',
          roles: ['ballot_secretary'],
          correlationId: 'corr-ballot',
          causationId: opened.id,
          occurredAt: '2026-03-10T03:00:00.000Z',
        },
      ),
      caseEvent(
        'AppointmentDecided',
        { personId, decision: '=SUM(A1)' },
        {
          actorId: 'leader-3',
          roles: ['leadership'],
          correlationId: 'corr-ballot',
          causationId: 'cmd-decide-1',
        },
      ),
    ],
    { expectedRevision: 0 },
  );
  return { personId, appointmentId, disciplineId, otherCaseId };
}
