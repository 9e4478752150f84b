import { WorkflowDispatch } from '../../sagas/workflow-command';
import { CaseState } from './decider/case.state';
import { WrittenCases } from './written-cases';

const dispatch = (cause?: WorkflowDispatch['cause']): WorkflowDispatch => ({
  idSeed: 'seed',
  now: new Date('2026-12-01T00:00:00Z'),
  metadata: { actorId: 'system:saga:test' } as WorkflowDispatch['metadata'],
  cause,
});
const decided = { status: 'decided', caseId: 'c-1' } as unknown as CaseState;

describe('WrittenCases: a saga takes the case as this process wrote it only from its event on', () => {
  const cases = new WrittenCases();
  cases.remember('appointment-c-1', decided, 8);

  it('answers with the kept state when it is at or after the event that set the command off', () => {
    expect(
      cases.sinceCause('appointment-c-1', dispatch({ streamId: 'appointment-c-1', revision: 8 })),
    ).toBe(decided);
    expect(
      cases.sinceCause('appointment-c-1', dispatch({ streamId: 'appointment-c-1', revision: 3 })),
    ).toBe(decided);
  });

  it('reads instead when the kept state is older than the event, or the event is not of that stream', () => {
    expect(
      cases.sinceCause('appointment-c-1', dispatch({ streamId: 'appointment-c-1', revision: 9 })),
    ).toBeNull();
    expect(
      cases.sinceCause('appointment-c-1', dispatch({ streamId: 'cadre-p-1', revision: 2 })),
    ).toBeNull();
    // A timer's command has no event: nothing says how far the state must be.
    expect(cases.sinceCause('appointment-c-1', dispatch())).toBeNull();
    expect(
      cases.sinceCause('appointment-c-2', dispatch({ streamId: 'appointment-c-2', revision: 0 })),
    ).toBeNull();
  });
});
