import { CASE_PROCEDURES } from '../procedures/case/case-stream';

/** Which engine a case id belongs to: the case engine's procedures, or discipline's. */
export type CaseKind = 'case' | 'discipline case';

/** The procedures a case id may belong to: the case engine's, or the discipline engine's. */
export function proceduresOf(kind: CaseKind): string[] {
  return CASE_PROCEDURES.filter((procedure) =>
    kind === 'discipline case' ? procedure === 'discipline' : procedure !== 'discipline',
  );
}

/** The other engine's kind, and the route its cases are read at. */
export function otherKind(kind: CaseKind): { kind: CaseKind; route: string } {
  return kind === 'case'
    ? { kind: 'discipline case', route: '/discipline-cases/' }
    : { kind: 'case', route: '/cases/' };
}
