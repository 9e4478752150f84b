import { ApiError } from '../api/client';
import { Link } from '../router';

/** The server's refusal of a second case on one violation (409, Nghị định 112/2020/NĐ-CP art. 2(2)). */
export const VIOLATION_ALREADY_HANDLED = 'discipline.violation_already_handled';

/** The refusal, when `error` is it: shown on the violation, not in the box under the form. */
export function violationAlreadyHandled(error: unknown): ApiError | null {
  return error instanceof ApiError && error.rule === VIOLATION_ALREADY_HANDLED ? error : null;
}

/**
 * The refusal's Vietnamese sentence with the other case as a link to it, by the id the server
 * names (`otherCaseId`; a case outside the grant is named by no id, and stays plain text), so the
 * reader can open it and see whether it is the same violation (before: the id as plain text).
 */
export function ViolationAlreadyHandled({ error, text }: { error: ApiError; text: string }) {
  const caseId = typeof error.body.otherCaseId === 'string' ? error.body.otherCaseId : null;
  const at = caseId ? text.indexOf(caseId) : -1;
  if (!caseId || at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <Link to={`/discipline-cases/${encodeURIComponent(caseId)}`}>{caseId}</Link>
      {text.slice(at + caseId.length)}
    </>
  );
}
