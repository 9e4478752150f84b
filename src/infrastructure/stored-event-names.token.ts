/** The names events are stored under, with their upcasters; both event stores map through it. */
export const STORED_EVENT_NAMES = Symbol('STORED_EVENT_NAMES');
