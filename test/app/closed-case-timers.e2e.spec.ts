import request from 'supertest';
import { CLOCK, Clock } from '../../src/common/clock';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { JobsRuntime } from '../../src/jobs/jobs-runtime';
import { timerStreamId } from '../../src/jobs/timers/timer.events';
import { stepDeadlineSagaOn } from '../../src/procedures/case/deadlines/closed-case-timers';
import { SagaOutput } from '../../src/sagas/saga';
import { SagaOutputExecutor } from '../../src/sagas/saga-outputs';
import { WorkflowCommandBus } from '../../src/sagas/workflow-command';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

interface TimerRow {
  timer_id: string;
  status: string;
  step_id: string;
}

/**
 * A case that ends leaves no step-deadline timer scheduled: before, a withdrawn or rejected case's
 * current step's timer stayed pending (counted in /health and /metrics, queued in Redis near its
 * day) only to fire on a closed case and do nothing.
 */
describe('the step-deadline timers of a case that ends', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);

  beforeAll(async () => {
    t = await startTestApp('closed-case-timers', { RUN_WORKERS: 'true' });
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [{ id: 'pos-deputy', rank: 5 }],
      people: [
        { id: 'p-pooled', dateOfBirth: '1988-02-02', pool: ['pos-deputy'] },
        {
          id: 'p-civil',
          posts: [
            {
              positionId: 'pos-deputy',
              from: addDays(vietnamToday(), -900),
              termEnd: addDays(vietnamToday(), 900),
            },
          ],
        },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function openAtSecondStep(id: string): Promise<void> {
    await http()
      .post('/cases')
      .set(staff)
      .send({
        id,
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-pooled',
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm Phó trưởng phòng',
      })
      .expect(201);
    await http()
      .post(`/cases/${id}/steps/leadership-round-1`)
      .set(staff)
      .send({ heldOn: vietnamToday(), minutesRef: 'BB-1', conclusion: 'agreed' })
      .expect((response) => expect(response.status).toBeLessThan(300));
  }

  /** The case's rows in the `timers` read model, as the operator reads them. */
  const timerRows = async (id: string): Promise<TimerRow[]> =>
    (
      await t.db.pool.query<TimerRow>(
        `SELECT timer_id, status, payload->>'stepId' AS step_id FROM timers
          WHERE target = $1 AND kind = 'step-deadline' ORDER BY scheduled_at`,
        [`appointment-${id}`],
      )
    ).rows;
  const scheduled = (rows: TimerRow[]) => rows.filter((row) => row.status === 'scheduled');
  const pendingOnHealth = async (): Promise<number> => {
    const answer = await http().get('/health');
    return answer.body.details.timers.pending as number;
  };

  /** The case moved on to its second step, whose timer is the one pending; then it ends. */
  async function endedCase(id: string, how: 'withdraw' | 'reject'): Promise<TimerRow[]> {
    await openAtSecondStep(id);
    const before = await eventually(
      () => timerRows(id),
      (rows) => scheduled(rows).length === 1 && rows.length === 2,
    );
    expect(scheduled(before)).toEqual([
      expect.objectContaining({ step_id: 'expanded-nomination' }),
    ]);
    const pendingBefore = await pendingOnHealth();
    await http().post(`/cases/${id}/${how}`).set(staff).send({ reason: 'test' }).expect(200);
    const after = await eventually(
      () => timerRows(id),
      (rows) => scheduled(rows).length === 0,
    );
    expect(after).toEqual([
      expect.objectContaining({ step_id: 'leadership-round-1', status: 'cancelled' }),
      expect.objectContaining({ step_id: 'expanded-nomination', status: 'cancelled' }),
    ]);
    const pendingAfter = await eventually(pendingOnHealth, (pending) => pending < pendingBefore);
    expect(pendingAfter).toBe(pendingBefore - 1);
    return after;
  }

  it('cancels the current step’s timer when the case is withdrawn, and /health counts it no longer pending', async () => {
    await endedCase('c-withdrawn', 'withdraw');
  });

  it('cancels the current step’s timer when the case is rejected', async () => {
    await endedCase('c-rejected', 'reject');
  });

  it('a repeated delivery of the withdrawal cancels nothing twice and errors nothing', async () => {
    const [, next] = await endedCase('c-twice', 'withdraw');
    const store = t.app.get<EventStore>(EVENT_STORE);
    const events = await store.readStream('appointment-c-twice');
    const withdrawn = events.find((event) => event.type === 'CaseWithdrawn')!;
    const saga = stepDeadlineSagaOn(store);
    const outputs = (await saga.handle(withdrawn, { now: new Date() })) as SagaOutput[];
    // The same cancel at each delivery (read from the case's events up to the withdrawal).
    expect(outputs).toEqual([{ kind: 'Cancel', timerId: next.timer_id, reason: 'case closed' }]);
    // The saga sends no command: a bus that fails if it is asked to.
    const noCommands = {
      execute: () => Promise.reject(new Error('the step-deadline saga sends no command')),
    } as unknown as WorkflowCommandBus;
    const executor = new SagaOutputExecutor(
      noCommands,
      t.app.get(JobsRuntime).scheduler,
      t.app.get<Clock>(CLOCK),
    );
    await executor.execute(saga, withdrawn, outputs);
    await executor.execute(saga, withdrawn, outputs);
    const timerEvents = (await store.readStream(timerStreamId(next.timer_id))).map(
      (event) => event.type,
    );
    expect(timerEvents).toEqual(['TimerScheduled', 'TimerCancelled']);
  });

  it('cancels a discipline case’s time-limit timer when staff close the case', async () => {
    const inspector = {
      Authorization: `Bearer ${t.token('u-inspector', ['inspector'], 'ou-town')}`,
    };
    await http()
      .post('/discipline-cases')
      .set(inspector)
      .send({
        id: 'd-closed',
        definition: 'discipline.civil-service',
        personId: 'p-civil',
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'Vi phạm quy định quản lý đất đai',
        violation: {
          category: 'land_management',
          committedOn: addDays(vietnamToday(), -200),
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
          severity: 'warning',
        },
      })
      .expect(201);
    const limits = () =>
      t.db.pool
        .query<{ status: string }>(
          `SELECT status FROM timers WHERE target = 'discipline-d-closed' AND kind = 'discipline-time-limit'`,
        )
        .then(({ rows }) => rows.map((row) => row.status));
    expect(await eventually(limits, (rows) => rows.length === 1)).toEqual(['scheduled']);
    await http()
      .post('/discipline-cases/d-closed/close')
      .set(inspector)
      .send({ reason: 'đơn tố cáo được rút' })
      .expect(200);
    expect(await eventually(limits, (rows) => rows[0] === 'cancelled')).toEqual(['cancelled']);
  });
});
