import { StepBody } from './decider/case.commands';

/**
 * What a case command reads besides the case stream: the person's record, candidates' records,
 * or who holds the case's post now.
 */
export interface CaseReads {
  personRecord?: boolean;
  /**
   * A discipline case whose decision a workflow carries into this case: the record read as if it
   * were noted closed there (the workflow writes that note after the decision's other writes).
   */
  decidedCase?: string;
  candidates?: string[];
  /**
   * The candidates' open discipline cases are named as the caller's grant reaches them, not the
   * case's unit's: a nomination keeps no note from their records, its only use of them is a
   * refusal, and a refusal is read by the caller (an examination's registration stores its
   * vetting notes in the case, read by whoever reads the case's unit).
   */
  candidatesReadByCaller?: boolean;
  /**
   * The person's open discipline cases are named as the caller's grant reaches them, not the case's
   * unit's: a decision keeps no note from them, its only use of them is a refusal
   * (`discipline.case_open`), read by the caller; a vetting stores its notes in the case, read by
   * whoever reads the case's unit. Before, a leader whose grant reached the discipline case was
   * told of "a discipline case opened by another unit" without its id.
   */
  personReadByCaller?: boolean;
  postHolders?: boolean;
  /** A decision: the post's seats and who holds it on this day, its effective day. */
  postSeatsOn?: string;
  /** A decision: the decisions ending or continuing its person's holding of the post. */
  postHolding?: boolean;
  /**
   * A decision that ends the person's other posts unless it keeps them (kiêm nhiệm): its effective
   * day, on which their holdings are read when the case moves the person.
   */
  postsEndedOn?: string;
}

/**
 * Whether a step reads the person's record: vetting judges it, and a decision checks that the
 * person does not already hold the post (another case's decision put them there meanwhile).
 */
export function stepReadsPersonRecord(body: { kind: string }): boolean {
  return body.kind === 'vetting' || body.kind === 'decision';
}

/**
 * What a step reads: the person's record (above), an examination's registration and a
 * nomination their candidates' (a status holding an appointment back), a council's election who
 * holds the post (whether the seat is free for the council's term), and a decision who holds it on
 * its effective day (whether a seat is free for the person it moves).
 */
export function stepReads(body: StepBody): CaseReads {
  return {
    personRecord: stepReadsPersonRecord(body),
    ...(body.kind === 'registration' || body.kind === 'nomination'
      ? { candidates: body.candidates.map((c) => c.personId) }
      : {}),
    ...(body.kind === 'nomination' ? { candidatesReadByCaller: true } : {}),
    ...(body.kind === 'election' ? { postHolders: true } : {}),
    ...(body.kind === 'decision'
      ? { postSeatsOn: body.effectiveFrom, postHolding: true, personReadByCaller: true }
      : {}),
    ...(body.kind === 'decision' && !body.keepsPreviousPost
      ? { postsEndedOn: body.effectiveFrom }
      : {}),
  };
}

/** Whose record a case's context reads facts from, and how. */
export interface PersonFactsFor {
  personId: string;
  positionId: string;
  /**
   * The person's open discipline cases are named as far as the caller's grant reaches (a
   * refusal's), else the case's unit's (what a case stores).
   */
  readByCaller?: boolean;
  /** A discipline case a workflow carries, read as closed (`CaseReads.decidedCase`). */
  decidedCase?: string;
}

/** Whose record a command on an existing case reads (the context's `personFactsFor`), if any. */
export function personReadBy(
  state: { appointee: string | null; personId: string; positionId: string },
  reads: CaseReads,
): PersonFactsFor | undefined {
  if (!reads.personRecord) return undefined;
  return {
    personId: state.appointee ?? state.personId,
    positionId: state.positionId,
    ...(reads.decidedCase ? { decidedCase: reads.decidedCase } : {}),
    ...(reads.personReadByCaller ? { readByCaller: true } : {}),
  };
}
