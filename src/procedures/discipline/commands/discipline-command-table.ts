import { handlersFor, row } from '../../../common/command-table';
import { DisciplineCommandRunner } from '../discipline-command-runner';
import { ActOnDisciplineCase, OpenDisciplineCase } from './discipline-commands';

/**
 * Every write on a discipline case: opening (a new stream, its id reserved) and every command on
 * an existing case (steps, extension, complaint and its review, closure), which the decider tells
 * apart by type. The runner reads the case stream once and appends at the expected revision.
 */
export const DISCIPLINE_COMMAND_TABLE = [
  row(OpenDisciplineCase, (cases: DisciplineCommandRunner, { input, options }) =>
    cases.open(input, options),
  ),
  row(ActOnDisciplineCase, (cases: DisciplineCommandRunner, { caseId, command, options }) =>
    cases.act(caseId, command, options),
  ),
];

export const DISCIPLINE_COMMAND_HANDLERS = handlersFor(
  DisciplineCommandRunner,
  DISCIPLINE_COMMAND_TABLE,
);
