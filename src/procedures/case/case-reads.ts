/** What a case command reads besides the case stream: the person's record, or candidates' records. */
export interface CaseReads {
  personRecord?: boolean;
  candidates?: string[];
}

/**
 * Whether a step reads the person's record: vetting judges it, and a decision checks that the
 * person does not already hold the post (another case's decision put them there meanwhile).
 */
export function stepReadsPersonRecord(body: { kind: string }): boolean {
  return body.kind === 'vetting' || body.kind === 'decision';
}
