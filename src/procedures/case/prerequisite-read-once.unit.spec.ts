import { APPROVAL_IN_PRINCIPLE } from '../approval-in-principle/approval-in-principle-rules';
import { CaseService } from './case.service';
import { CaseContext } from './decider/case.context';
import { CaseState, ExistingCase } from './decider/case.state';
import { ProcedureServices } from './case-procedure.module';
import { prerequisiteGate } from './prerequisite-procedure.module';

/**
 * A command on an appointment that rests on an approval in principle reads the approval once:
 * the command's context asks whom it was given for, and the gate before the first step asks
 * whether it is given, of the same case state (before: the approval case was read twice).
 */
describe('the prerequisite read once a command', () => {
  const reads: string[] = [];
  const cases = {
    stateOf: async (caseId: string) => {
      reads.push(caseId);
      return { status: 'none' } as unknown as CaseState;
    },
  } as unknown as CaseService;
  const gate = prerequisiteGate(
    {
      names: APPROVAL_IN_PRINCIPLE,
      definitionIds: [],
      decisionTerm: async () => undefined,
      gates: 'appointment',
      opening: () => ({}),
      refuseUntilGiven: () => undefined,
    },
    { cases } as ProcedureServices,
  );
  const appointment = () =>
    ({ openFacts: { [APPROVAL_IN_PRINCIPLE.field]: 'aip-1' } }) as unknown as ExistingCase;
  const context = { definition: { steps: [{ id: 'nomination', kind: 'nomination' }] } } as never;
  const command = async (state: ExistingCase) => {
    await gate.personAskedFor!(state);
    await gate.beforeStep!({ state, stepId: 'nomination', context: context as CaseContext });
  };

  beforeEach(() => reads.splice(0));

  it('reads the approval once for the context and the gate of one attempt', async () => {
    await command(appointment());
    expect(reads).toEqual(['aip-1']);
  });

  it('reads it afresh for a retried attempt, which decides on a new state', async () => {
    await command(appointment());
    await command(appointment());
    expect(reads).toEqual(['aip-1', 'aip-1']);
  });
});
