import { SubjectRefusal, subjectRefusal } from '../../../workflow/step-engine/actors';
import { refuse } from '../../../workflow/step-engine';
import { StepBody } from './case.commands';
import { ExistingCase } from './case.state';

/**
 * Whom a case names: the person it is about and, in a case that fills a post, every nominee and
 * examination candidate named so far (a post case opens with no person, so its subject is only
 * known at the decision). Separation of duties keeps each of them from every step of the case:
 * a nominee who records the nominations, ballots or vetting decides their own appointment.
 */
export interface PersonOfCase {
  personId: string;
  /** What they are in the case, as the refusal says it ("the subject of …"). */
  about: string;
  /** Where the request being decided names them; absent when an earlier step did. */
  field?: string;
}

const SUBJECT = 'this case';
const NOMINEE = "this case's nominations";
const CANDIDATE = "this case's examination";

/** The people the case's recorded steps (and the versions corrections replaced) name. */
export function peopleOfCase(state: ExistingCase): PersonOfCase[] {
  const people: PersonOfCase[] = [];
  const add = (personId: string | undefined | null, about: string) => {
    if (personId) people.push({ personId, about });
  };
  add(state.personId, SUBJECT);
  add(state.appointee, NOMINEE);
  for (const personId of state.nominees ?? []) add(personId, NOMINEE);
  const recorded = [...state.steps, ...state.corrections.map((c) => c.replaced)];
  for (const { type, data } of recorded as { type: string; data: Record<string, unknown> }[])
    for (const { personId, about } of peopleOfStep(type, data)) add(personId, about);
  return people;
}

/** The nominees and candidates a stored step names, by its type (the inbox keeps them too). */
export function namedInStep(type: string, data: object): string[] {
  return peopleOfStep(type, data as Record<string, unknown>).map(({ personId }) => personId);
}

/**
 * Where each stored step that names nominees or candidates lists them: a list of entries with
 * `personId` at this path of the event's data. The one table the case's people are read from,
 * whether from the case's state (peopleOfCase) or from its stored events (people-of-case-stream.ts).
 */
export const STEPS_NAMING_PEOPLE: Readonly<
  Record<string, { path: readonly string[]; about: string }>
> = {
  NominationTallied: { path: ['tally', 'candidates'], about: NOMINEE },
  BallotTallied: { path: ['nominees'], about: NOMINEE },
  CandidatesRegistered: { path: ['candidates'], about: CANDIDATE },
  ExamScoresRecorded: { path: ['scores'], about: CANDIDATE },
};

/** Nominees and candidates a stored step names, by its type. */
function peopleOfStep(type: string, data: Record<string, unknown>): PersonOfCase[] {
  const naming = Object.hasOwn(STEPS_NAMING_PEOPLE, type) ? STEPS_NAMING_PEOPLE[type] : undefined;
  if (!naming) return [];
  let list: unknown = data;
  for (const key of naming.path) list = (list as Record<string, unknown> | undefined)?.[key];
  if (!Array.isArray(list)) return [];
  return list
    .map((entry) => (entry as { personId?: unknown } | null)?.personId)
    .filter((personId): personId is string => typeof personId === 'string')
    .map((personId) => ({ personId, about: naming.about }));
}

/** The nominees and candidates a step being recorded names, with where the body names them. */
export function peopleOfStepBody(body: StepBody): PersonOfCase[] {
  const each = (list: { personId: string }[] | undefined, path: string, about: string) =>
    (list ?? []).map(({ personId }, i) => ({ personId, about, field: `${path}[${i}].personId` }));
  const chosen = (personId: string | undefined, field: string, about: string) =>
    personId ? [{ personId, about, field }] : [];
  switch (body.kind) {
    case 'nomination':
      return each(body.candidates, 'candidates', NOMINEE);
    case 'ballot':
      return [
        ...each(body.tallies, 'tallies', NOMINEE),
        ...chosen(body.headChoice, 'headChoice', NOMINEE),
      ];
    case 'registration':
      return each(body.candidates, 'candidates', CANDIDATE);
    case 'scores':
      return [
        ...each(body.scores, 'scores', CANDIDATE),
        ...chosen(body.winnerChoice, 'winnerChoice', CANDIDATE),
      ];
    default:
      return [];
  }
}

/** Why the actor may take no step of the case (one of its people), or null. */
export function personOfCaseRefusal(
  people: PersonOfCase[],
  actor: { personId?: string },
): SubjectRefusal | null {
  const own = people.find((person) => person.personId === actor.personId);
  return own ? subjectRefusal(own.personId, { actor }, own.about, own.field) : null;
}

/** Refuses one of the case's people (403 `separation.subject`, naming the field that names them). */
export function refusePersonOfCase(people: PersonOfCase[], actor: { personId?: string }): void {
  const own = people.find((person) => person.personId === actor.personId);
  const refusal = own && subjectRefusal(own.personId, { actor }, own.about, own.field);
  if (refusal) refuse(refusal.rule, refusal.message, 'forbidden', own.field);
}
