/** What a case command reads besides the case stream: the person's record, or candidates' records. */
export interface CaseReads {
  personRecord?: boolean;
  candidates?: string[];
}
