/** The read models this process keeps up to date (a `Projection[]`). */
export const PROJECTIONS = Symbol('PROJECTIONS');
