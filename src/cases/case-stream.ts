/** Procedures with their own case streams: `<procedure>-<caseId>`. */
export const CASE_PROCEDURES = ['appointment', 'reappointment', 'rotation', 'discipline'] as const;
export type CaseProcedure = (typeof CASE_PROCEDURES)[number];

export const caseStream = (procedure: string, caseId: string): string => `${procedure}-${caseId}`;
