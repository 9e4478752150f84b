/** The service's own writers (`system:seed`, `system:saga:case-record`, a timer): no person acted. */
export const SYSTEM_ACTOR_PREFIX = 'system:';

/** Whether the id is one of the service's own writers. */
export function isSystemActor(id: unknown): boolean {
  return typeof id === 'string' && id.startsWith(SYSTEM_ACTOR_PREFIX);
}

/**
 * Who acted, as a reader reads it wherever an actor is shown (a step's recorder, a correction's,
 * a withdrawal's): the service's own writer as `system` (the caller's «Hệ thống»), never its
 * id; a person by the name recorded with them, else their id; '—' when none is known.
 */
export function actorLabel(id: unknown, name: unknown, system: string): string {
  if (isSystemActor(id)) return system;
  if (typeof name === 'string' && name) return name;
  return typeof id === 'string' && id ? id : '—';
}
