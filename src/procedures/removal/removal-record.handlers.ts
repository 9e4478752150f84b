import { handlersFor, row } from '../../common/command-table';
import { caseDecider } from '../case/decider/case.decider';
import { RecordWorkflowRunner } from '../case/record/record-workflow-runner';
import { ApplyRemovalDecision } from './removal-record.commands';
import { applyRemovalDecision } from './removal-record.process';

/** Reads the case and the person once, asks the pure process what to write, writes it. */
export const REMOVAL_RECORD_HANDLERS = handlersFor(RecordWorkflowRunner, [
  row(ApplyRemovalDecision, async (record: RecordWorkflowRunner, { stream, dispatch }) => {
    const state = await record.caseOf(stream, caseDecider);
    const person = await record.personOf(state.personId);
    const openCases = await record.openCasesOf(person, state);
    return record.write(applyRemovalDecision(state, person, openCases), dispatch);
  }),
]);
