/** Appointed posts take appointment cases; elected ones are filled by their council or congress. */
export const POST_FILLED_BY = ['appointment', 'election'] as const;
export type PostFilledBy = (typeof POST_FILLED_BY)[number];
