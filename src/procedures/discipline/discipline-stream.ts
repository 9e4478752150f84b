export const disciplineStream = (caseId: string): string => `discipline-${caseId}`;
