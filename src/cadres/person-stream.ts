/** The event stream of a person's record. */
export const personStream = (personId: string): string => `cadre-${personId}`;
