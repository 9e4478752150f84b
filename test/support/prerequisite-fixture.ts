import request from 'supertest';
import { TimerHandlerRegistry } from '../../src/jobs/timers/timer-handlers';
import { TestApp } from './test-app';

/**
 * What the e2e tests of the procedures an appointment waits for (approval in principle,
 * consultation) share: the proposed person, the requests that open and run the cases, and the
 * step-deadline timer their authority's answer is due by.
 */
export function prerequisiteFixture(
  t: TestApp,
  unit: { orgUnitId: string; staff: Record<string, string>; today: string },
) {
  const http = () => request(t.server as never);
  const { orgUnitId, today } = unit;
  return {
    /** Nguyễn Văn An, registered in the unit: the person both cases propose. */
    registerProposedPerson: (as: Record<string, string>) =>
      http()
        .post('/cadres')
        .set(as)
        .send({
          id: 'p-an',
          fullName: 'Nguyễn Văn An',
          dateOfBirth: '1980-04-12',
          gender: 'male',
          ethnicity: 'Kinh',
          partyMember: true,
          educationLevel: 'Thạc sĩ',
          politicalTheoryLevel: 'Cao cấp',
          orgUnitId,
        })
        .expect(201),
    openCase: (
      opening: { procedure: string; definition: string; summary: string } & Record<string, string>,
      id: string,
      positionId: string,
    ) =>
      http()
        .post('/cases')
        .set(unit.staff)
        .send({ id, ...opening, personId: 'p-an', positionId, orgUnitId }),
    /** The unit's request, the prerequisite case's first step (sent today unless `heldOn`). */
    sendRequest: (id: string, summary: string, heldOn = today) =>
      http().post(`/cases/${id}/steps/request`).set(unit.staff).send({ heldOn, summary }),
    /** The first step of an internal appointment (the one a prerequisite holds back). */
    firstStep: (id: string) =>
      http()
        .post(`/cases/${id}/steps/leadership-round-1`)
        .set(unit.staff)
        .send({ heldOn: today, minutesRef: 'BB-1', conclusion: 'post and standards agreed' }),
    scheduledStepTimers: (stream: string, stepId?: string) =>
      scheduledStepTimers(t, stream, stepId),
    fireStepDeadline: (stream: string, timer: ScheduledTimer) => fireStepDeadline(t, stream, timer),
    missedSteps: async (stream: string) =>
      (
        await t.db.pool.query(
          "SELECT data FROM events WHERE stream_id = $1 AND type = 'DeadlineMissed.v1'",
          [stream],
        )
      ).rows.map((r) => r.data.stepId),
  };
}

export interface ScheduledTimer {
  timerId: string;
  dueAt: string;
  payload: Record<string, unknown>;
}

/** The step-deadline timers scheduled for the stream (of one step when named), once written. */
async function scheduledStepTimers(
  t: TestApp,
  stream: string,
  stepId?: string,
): Promise<{ data: ScheduledTimer }[]> {
  let rows: { data: ScheduledTimer }[] = [];
  for (let tries = 0; tries < 100 && rows.length === 0; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    ({ rows } = stepId
      ? await t.db.pool.query(
          "SELECT data FROM events WHERE type = 'TimerScheduled.v1' AND data->>'target' = $1 AND data->'payload'->>'stepId' = $2",
          [stream, stepId],
        )
      : await t.db.pool.query(
          "SELECT data FROM events WHERE type = 'TimerScheduled.v1' AND data->>'target' = $1",
          [stream],
        ));
  }
  return rows;
}

/** Fires a step-deadline timer as the timer worker would. */
async function fireStepDeadline(t: TestApp, stream: string, timer: ScheduledTimer): Promise<void> {
  await t.app.get(TimerHandlerRegistry).get('step-deadline')!(
    {
      timerId: timer.timerId,
      kind: 'step-deadline',
      target: stream,
      dueAt: new Date(timer.dueAt),
      payload: timer.payload,
    },
    {
      idSeed: `timer:${timer.timerId}`,
      metadata: {
        actorId: 'system:timer:step-deadline',
        correlationId: 'c',
        causationId: null,
        occurredAt: new Date().toISOString(),
      },
      now: new Date(),
    },
  );
}
