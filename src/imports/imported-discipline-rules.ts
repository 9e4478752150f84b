import { PersonState } from '../cadres/person/person.state';
import { postsHeldOn } from '../cadres/person/posts-held-on';
import { Position } from '../cadres/registry-records';
import { DomainRuleViolation } from '../procedures/case/decider/domain-rule-violation';
import {
  AFTER_LEAVING,
  postEffect,
  refuseFormForStatus,
  trackForms,
} from '../procedures/discipline/discipline.rules';
import { leftServiceOn, refuseFormByService } from '../procedures/discipline/left-service';
import { DisciplineTrack, ServiceStatus } from '../procedures/discipline/discipline.events';
import { PersonCommand } from '../cadres/person/person.decider';
import { electedCadreOnOpening } from '../procedures/discipline/elected-cadre-status';
import { CouncilResolution, councilResolutionFor } from '../procedures/discipline/electing-council';
import { RuleSet, ruleValue } from '../workflow/rule-sets/rule-set';
import { problemAt } from './import-plan';
import { sheetSpec } from './import-template';
import { ImportRow, ReadRow } from './parse-rows';
import { RowProblem } from './row-problem';

/** The row's columns a refusal of the council's resolution names (the decider's field → the sheet's). */
const RESOLUTION_FIELDS: Record<string, string> = {
  councilResolution: 'councilResolutionNumber',
  'councilResolution.adoptedOn': 'councilResolutionAdoptedOn',
};

/**
 * The electing council's resolution a discipline row gives, both cells or neither (the decider
 * takes it whole); a problem naming the empty one otherwise.
 */
export function importedCouncilResolution(row: ImportRow): {
  resolution?: CouncilResolution;
  problem?: RowProblem;
} {
  const v = row.values as Record<string, string | undefined>;
  const number = v.councilResolutionNumber;
  const adoptedOn = v.councilResolutionAdoptedOn;
  if (number !== undefined && adoptedOn !== undefined) return { resolution: { number, adoptedOn } };
  if (number === undefined && adoptedOn === undefined) return {};
  const missing = number === undefined ? 'councilResolutionNumber' : 'councilResolutionAdoptedOn';
  return {
    problem: problemAtColumn(
      row,
      missing,
      'discipline.council_resolution_incomplete',
      `${missing}: the council's resolution is given by its number and the day it was adopted, both`,
    ),
  };
}

/** A refusal of the decider's, at the row's cell its field names (a column the file lacks by its header). */
export function refusalAt(row: ReadRow, error: DomainRuleViolation): RowProblem {
  const field = RESOLUTION_FIELDS[error.field ?? ''] ?? error.field;
  return field
    ? problemAtColumn(row, field, error.rule, error.message)
    : problemAt(row, undefined, error.rule, error.message);
}

/**
 * The forms a discipline row may name: its track's, and on the State track those for one who left
 * the service or retired (`discipline.formsAfterLeavingService`, Luật 80/2025 art. 43(3)(c)),
 * which `refuseImportedForm` then judges against the person's record.
 */
export function importableForms(ruleSet: RuleSet, track: DisciplineTrack): string[] {
  const forms = trackForms(ruleSet, track);
  if (track !== 'civil_service' || !ruleSet.params[AFTER_LEAVING]) return forms;
  return [...new Set([...forms, ...ruleValue<string[]>(ruleSet, AFTER_LEAVING)])];
}

/**
 * A form the person's status on the decision day does not take, by the rule the discipline decider
 * applies (`refuseFormForStatus`): recall only for an elected cadre, dismissal only for a civil
 * servant, removal from post only for one who holds a post. The status is read from the record as
 * an opening reads it (`electedCadreOnOpening`: holding a post filled by election makes an elected
 * cadre, run as a cadre), on the decision's day rather than today: the record is of a past decision;
 * removal of the former title only for one the record shows retired or gone on that day, and only
 * the forms for them to such a one.
 * Then the decider's rule for the electing council's resolution (`councilResolutionFor`: a recall
 * carries out the council's resolution, adopted by the decision day; no other form takes one).
 * Throws the decider's refusal.
 */
export function refuseImportedForm(
  data: {
    personId: string;
    track: DisciplineTrack;
    form: string;
    decidedOn: string;
    councilResolution?: CouncilResolution;
    serviceStatus?: ServiceStatus;
  },
  state: PersonState,
  ruleSet: RuleSet,
  positions: ReadonlyMap<string, Position>,
  today: string,
): void {
  if (state.status !== 'registered') return;
  // Out of the service or not, as an opening judges it on the detection day (`leftServiceOn`,
  // `refuseFormByService`): the sheet gives no detection day, so the decision's day stands for it.
  const leftService = leftServiceOn(ruleSet, data.track, state.statuses, data.decidedOn);
  refuseFormByService(ruleSet, data.form, { personId: data.personId, leftService }, 'form');
  const held = postsHeldOn(state, data.decidedOn);
  const electedPost = held.find((post) => positions.get(post.positionId)?.filledBy === 'election');
  const electedCadre = electedCadreOnOpening(
    { personId: data.personId },
    state.profile,
    electedPost && {
      positionId: electedPost.positionId,
      title: positions.get(electedPost.positionId)!.title,
      from: electedPost.from,
    },
  );
  if (electedPost && data.serviceStatus === 'civil_servant')
    throw electedCadreAsCivilServant(data, electedPost, positions);
  refuseFormForStatus(
    ruleSet,
    data.form,
    {
      electedCadre,
      // As an opening judges it (`serviceStatusOpened`): the status the row's «Khối» names.
      serviceStatus: data.serviceStatus ?? (electedCadre ? 'cadre' : 'civil_servant'),
      personId: data.personId,
    },
    'form',
    held.map((post) => post.positionId),
  );
  councilResolutionFor(
    ruleSet,
    { form: data.form, heldOn: data.decidedOn, councilResolution: data.councilResolution },
    today,
  );
}

/**
 * A row whose «Khối» «Công chức» names a civil servant, for a person the record shows elected on
 * the decision day: an elected cadre is a cadre (cán bộ), as an opening refuses the status
 * (`electedCadreOnOpening`, Luật Cán bộ, công chức art. 4; text not checked). Judged as a civil
 * servant, a dismissal would be taken and the electing council's recall refused.
 */
function electedCadreAsCivilServant(
  data: { personId: string; decidedOn: string },
  electedPost: { positionId: string; from: string },
  positions: ReadonlyMap<string, Position>,
): DomainRuleViolation {
  const post = `${positions.get(electedPost.positionId)!.title} (${electedPost.positionId}) since ${electedPost.from}`;
  return new DomainRuleViolation(
    'discipline.elected_cadre_not_civil_servant',
    `track: on ${data.decidedOn} the record shows ${data.personId} holding ${post}, a post filled by election: an elected cadre is a cadre (cán bộ), not a civil servant (công chức); write «Cán bộ» (Luật Cán bộ, công chức art. 4; text not checked)`,
    'unprocessable',
    'track',
  );
}

/** Like `problemAt`, but a column the file lacks is still named by its template header. */
function problemAtColumn(row: ReadRow, field: string, rule: string, message: string): RowProblem {
  if (row.cells[field]) return problemAt(row, field, rule, message);
  const header = sheetSpec(row.kind).columns.find((column) => column.field === field)?.header;
  return { sheet: row.sheet, line: row.line, column: header ?? null, rule, message };
}

/**
 * The posts an imported discipline ends, as a decided one ends them (`discipline-record.process.ts`):
 * a form the rule set says ends the post (`postEffect`: removal, dismissal, recall, expulsion under
 * `discipline.formsEndingPost`) ends every post the person holds, on the effective day. A post
 * taken up after that day (a later appointment the file also records) is not the one it ended.
 */
export function postsEndedBy(
  data: {
    personId: string;
    form: string;
    effectiveFrom: string;
    decisionRef: string;
    caseId: string;
  },
  state: PersonState,
  ruleSet: RuleSet,
): Extract<PersonCommand, { type: 'EndPost' }>[] {
  if (state.status !== 'registered' || !postEffect(ruleSet, data.form).endsPost) return [];
  return state.posts
    .filter((post) => post.from <= data.effectiveFrom)
    .map((post) => ({
      type: 'EndPost',
      data: {
        personId: data.personId,
        positionId: post.positionId,
        on: data.effectiveFrom,
        reason: `discipline: ${data.form} (${data.decisionRef}, imported)`,
        decisionRef: data.decisionRef,
        caseId: data.caseId,
      },
    }));
}
