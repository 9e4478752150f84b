import { handlersFor, row } from '../../common/command-table';
import { caseDecider } from '../case/decider/case.decider';
import { RecordWorkflowRunner } from '../case/record/record-workflow-runner';
import { ExtendTermFromDecision } from './extension-record.commands';
import { extendTerm } from './extension-record.process';

/** Reads the case and the person once, asks the pure process what to write, writes it. */
export const EXTENSION_RECORD_HANDLERS = handlersFor(RecordWorkflowRunner, [
  row(ExtendTermFromDecision, async (record: RecordWorkflowRunner, { stream, dispatch }) => {
    const state = await record.caseOf(stream, caseDecider);
    const person = await record.personOf(state.personId);
    return record.write(extendTerm(state, person), dispatch);
  }),
]);
