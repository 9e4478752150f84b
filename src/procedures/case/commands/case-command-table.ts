import { handlersFor, row } from '../../../common/command-table';
import { CaseCommandRunner } from '../case-command-runner';
import {
  ActOnCase,
  CloseCase,
  CorrectCaseStep,
  OpenCase,
  PerformCaseStep,
  ResolveVettingItem,
} from './case-commands';
import { stepReads } from '../case-reads';

/**
 * Every write on a personnel case (appointment, re-appointment, rotation, transfer), from HTTP or
 * a workflow: the decider command it becomes and what it reads besides the case stream. The
 * runner does the rest the same way for all of them (one stream read, If-Match, decide, append).
 */
export const CASE_COMMAND_TABLE = [
  row(OpenCase, (cases: CaseCommandRunner, { input, options }) => cases.open(input, options)),
  row(PerformCaseStep, (cases: CaseCommandRunner, { caseId, stepId, body, options }) =>
    cases.act(caseId, { type: 'PerformStep', data: { stepId, body } }, options, stepReads(body)),
  ),
  row(CorrectCaseStep, (cases: CaseCommandRunner, { caseId, stepId, body, reason, options }) =>
    cases.correct(caseId, { stepId, body, reason }, options),
  ),
  row(ResolveVettingItem, (cases: CaseCommandRunner, { caseId, item, note, options }) =>
    // The record is read with it: a flag it raised is judged again on the record as it stands.
    cases.act(caseId, { type: 'ResolveVettingItem', data: { item, note } }, options, {
      personRecord: true,
    }),
  ),
  row(CloseCase, (cases: CaseCommandRunner, { caseId, how, reason, options }) =>
    cases.act(
      caseId,
      how === 'withdraw'
        ? { type: 'WithdrawCase', data: { reason } }
        : { type: 'RejectCase', data: { reason } },
      options,
    ),
  ),
  // A workflow's second reading of a flag reads the person's record with it; so does its flag,
  // for the day the record stops bearing it out (the flag-end timer's day).
  row(ActOnCase, (cases: CaseCommandRunner, { caseId, command, options }) =>
    cases.act(caseId, command, options, {
      personRecord:
        command.type === 'RecheckVettingItemFromRecord' ||
        command.type === 'FlagVettingItemFromRecord',
      // The flag carries a decided discipline case: the record counts it closed, named or not.
      ...(command.type === 'FlagVettingItemFromRecord'
        ? { decidedCase: command.data.causeRef }
        : {}),
    }),
  ),
];

export const CASE_COMMAND_HANDLERS = handlersFor(CaseCommandRunner, CASE_COMMAND_TABLE);
