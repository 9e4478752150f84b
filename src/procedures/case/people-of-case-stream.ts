import { STEPS_NAMING_PEOPLE } from './decider/case-people';

/**
 * Whether a reader is one of a case's people — the person it is about, whom its decision
 * appointed, a nominee or candidate any of its steps (or a correction of one) named — judged from
 * the case's stored events, for the reads that hold events rather than the case's state: the
 * histories, the export, a proof. It is peopleOfCase (case-people.ts) read off the stream, from the
 * same table of steps, so every read path withholds a ballot from the same readers as the case
 * view: a runner-up of the nominations is one of them even where a later ballot's nominees no
 * longer list them. Judged on the whole stream: someone named after a ballot is one of its people
 * for that ballot too, as the case view judges them by the case as it is now.
 */

/** A stored event of a case stream, as the event store or the audit history gives it. */
export interface StoredCaseEvent {
  type: string;
  revision: number;
  data: Record<string, unknown>;
}

const DECISION = 'DecisionIssued';
/** A correction carries the step as corrected (`corrected: {type, data}`); the original stays stored. */
const CORRECTION = 'StepCorrected';

function listAt(data: unknown, path: readonly string[]): unknown[] {
  let value = data;
  for (const key of path) value = (value as Record<string, unknown> | null | undefined)?.[key];
  return Array.isArray(value) ? value : [];
}

function stepNames(type: unknown, data: unknown, personId: string): boolean {
  if (typeof type !== 'string' || !Object.hasOwn(STEPS_NAMING_PEOPLE, type)) return false;
  return listAt(data, STEPS_NAMING_PEOPLE[type].path).some(
    (entry) => (entry as { personId?: unknown } | null)?.personId === personId,
  );
}

/** Whether this stored event names the person as one of the case's people. */
export function eventNamesPersonOfCase(event: StoredCaseEvent, personId: string): boolean {
  const { data } = event;
  if (event.revision === 0 && data.personId === personId) return true;
  if (event.type === DECISION && (data.appointee ?? data.personId) === personId) return true;
  if (event.type === CORRECTION) {
    const corrected = data.corrected as { type?: unknown; data?: unknown } | undefined;
    return stepNames(corrected?.type, corrected?.data, personId);
  }
  return stepNames(event.type, data, personId);
}

/** Whether any event of the case's stream names the reader (a reader who is not a cadre: never). */
export function isPersonOfCaseStream(
  events: readonly StoredCaseEvent[],
  personId: string | undefined,
): boolean {
  if (!personId) return false;
  return events.some((event) => eventNamesPersonOfCase(event, personId));
}

/**
 * The same judgement as a SQL condition on an `audit_history` row (`alias`), the person being the
 * text parameter `personParam`. Its `person_id` column holds an opening's `personId` and a
 * decision's appointee (audit-entry.ts).
 */
export function namesPersonOfCaseSql(alias: string, personParam: string): string {
  const entry = `jsonb_build_array(jsonb_build_object('personId', ${personParam}::text))`;
  // A step (`typeSql`) whose data at `dataPath` lists the person, for each step of the table.
  const stepListsSql = (typeSql: string, dataPath: readonly string[]) =>
    Object.entries(STEPS_NAMING_PEOPLE)
      .map(
        ([type, { path }]) =>
          `(${typeSql} = '${type}' AND ${alias}.data #> '{${[...dataPath, ...path].join(',')}}' @> ${entry})`,
      )
      .join(' OR ');
  const opensOrAppoints = `(${alias}.person_id = ${personParam}::text AND (${alias}.revision = 0 OR ${alias}.event_type = '${DECISION}'))`;
  const step = stepListsSql(`${alias}.event_type`, []);
  const corrected = stepListsSql(`${alias}.data #>> '{corrected,type}'`, ['corrected', 'data']);
  return `(${opensOrAppoints} OR ${step} OR (${alias}.event_type = '${CORRECTION}' AND (${corrected})))`;
}
