import { RunCommandResult } from '../../common/stream-command-runner';
import { DomainEvent } from '../../common/stream-decider';
import { RecordOrigins } from '../../identity/record-origins';

/**
 * After an opening's write: when it appended the case's events from revision 0 (not a repeat of
 * an earlier opening), its stream's first event and its procedure are kept as the store would
 * answer them (RecordOrigins), so the case's first steps check its unit without reading its id
 * reservation and first event again.
 */
export function keepOpenedCase(
  origins: RecordOrigins,
  opened: { caseId: string; procedure: string },
  result: Pick<RunCommandResult<unknown>, 'appended' | 'replayed' | 'revision'>,
): void {
  const [first] = result.appended as DomainEvent[];
  if (!first || result.replayed || result.revision !== result.appended.length - 1) return;
  origins.caseOpened(opened.caseId, opened.procedure, { type: first.type, data: first.data });
}
