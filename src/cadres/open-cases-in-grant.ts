import { Actor } from '../identity/actor';
import { OrgScope } from '../identity/org-scope';
import { OpenCaseOnRecord, PersonState } from './person/person.state';
import { personView } from './person-view';
import { OpenedOutOfGrant } from './discipline-standing';

/**
 * A person's record as `actor` may read it: the open cases about them that were opened in a unit
 * the reader's grant does not cover are left out. A unit above may open a case about a unit's
 * official (the city's discipline case or transfer of a commune's official); the commune reads
 * the official's record, but none of the city's cases — not even that one is open, its id or its
 * stage (`GET /discipline-cases/:id` is 403 to it).
 */
export async function withOpenCasesInGrant<V extends { openCases: OpenCaseOnRecord[] }>(
  view: V,
  scope: Pick<OrgScope, 'anyCaseUnit' | 'reaches'>,
  actor: Actor,
): Promise<V> {
  const openCases = await openCasesInGrant(view.openCases, scope, actor);
  return openCases.length === view.openCases.length ? view : { ...view, openCases };
}

/** The cases among these opened in a unit the reader's grant covers (see above). */
export async function openCasesInGrant(
  cases: OpenCaseOnRecord[],
  scope: Pick<OrgScope, 'anyCaseUnit' | 'reaches'>,
  actor: Actor,
): Promise<OpenCaseOnRecord[]> {
  const readable = await Promise.all(
    cases.map(async ({ caseId }) => {
      const unit = await scope.anyCaseUnit(caseId);
      return unit !== null && (await scope.reaches(actor, unit));
    }),
  );
  return cases.filter((_, i) => readable[i]);
}

/** A person's record (`personView` on `today`) as `actor` may read it: the open cases within the grant. */
export function personViewFor(
  scope: Pick<OrgScope, 'anyCaseUnit' | 'reaches'>,
  actor: Actor,
  personId: string,
  { state, revision }: { state: PersonState; revision: number | null },
  today: string,
) {
  return withOpenCasesInGrant(personView(personId, state, revision, today), scope, actor);
}

/**
 * The open discipline cases about a person that a grant for `grantUnit` does not reach, each with
 * where it was opened as told without naming it: by a unit above the grant's, or by another unit
 * (a sibling's, or one whose unit is unknown). They still hold back a re-appointment or a higher
 * post and ground a suspension, but a refusal, an eligibility reason, a vetting note or a case's
 * facts read under that grant must not name them (`GET /discipline-cases/:id` is 403 there).
 * Before, every one was told as opened "by a unit above", a sibling's too.
 */
export async function disciplineCasesOutOfGrant(
  openCases: OpenCaseOnRecord[],
  scope: Pick<OrgScope, 'anyCaseUnit' | 'grantReaches'>,
  grantUnit: string,
): Promise<ReadonlyMap<string, OpenedOutOfGrant>> {
  const discipline = openCases.filter((open) => open.procedure === 'discipline');
  const judged = await Promise.all(
    discipline.map(async ({ caseId }): Promise<[string, OpenedOutOfGrant | null]> => {
      const unit = await scope.anyCaseUnit(caseId);
      if (unit !== null && (await scope.grantReaches(grantUnit, unit))) return [caseId, null];
      const above = unit !== null && (await scope.grantReaches(unit, grantUnit));
      return [caseId, above ? 'above' : 'another'];
    }),
  );
  return new Map(judged.filter((entry): entry is [string, OpenedOutOfGrant] => entry[1] !== null));
}
