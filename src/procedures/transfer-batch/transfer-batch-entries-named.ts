import { entriesNamed, idsNamed } from '../../common/http/ids-named-in-body';
import { Actor } from '../../identity/actor';
import { OrgScope } from '../../identity/org-scope';
import { personOutsideGrant } from '../../identity/scope-refusals';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { TransferBatchEntryDto } from './dto/open-transfer-batch.dto';
import { entryProblem, TransferBatchProblem } from './transfer-batch-problem';

/** An entry's ids, in the order a valid batch's entry is asked of the grant (`assertInScope`). */
const ENTRY_IDS = ['orgUnitId', 'personId', 'positionId', 'currentPositionId'] as const;
type EntryIdField = (typeof ENTRY_IDS)[number];

/**
 * The entries of a body its DTO refuses that name a unit, post or person outside the grant, each
 * with its first such id, read from the raw body (`idsNamed`: an id the entry's DTO would refuse
 * names nobody). Each distinct id is asked once, the people together: a list of thousands costs
 * what a valid batch's check does. An id that does not exist is left to the body's 400.
 */
export async function entriesOutsideGrant(
  raw: unknown,
  actor: Actor,
  scope: OrgScope,
  maxEntries: number,
): Promise<TransferBatchProblem[]> {
  const entries = entriesNamed(raw, 'entries', maxEntries).map((entry) =>
    idsNamed(TransferBatchEntryDto, entry, ENTRY_IDS),
  );
  const people = [...new Set(entries.flatMap(({ personId }) => personId ?? []))];
  const seen = await scope.seesPeople(actor, people);
  const unseen = new Set(people.filter((_, at) => !seen[at]));
  const refusals = new Map<string, DomainRuleViolation | null>();
  const refusalOf = async (field: EntryIdField, id: string) => {
    if (field === 'personId') return unseen.has(id) ? personOutsideGrant(field, id, actor) : null;
    const key = JSON.stringify([field, id]);
    if (!refusals.has(key)) refusals.set(key, await scopeRefusal(scope, actor, field, id));
    return refusals.get(key)!;
  };
  const problems: TransferBatchProblem[] = [];
  for (const [index, ids] of entries.entries()) {
    for (const field of ENTRY_IDS) {
      const id = ids[field];
      const refusal = id === undefined ? null : await refusalOf(field, id);
      if (refusal) {
        problems.push(entryProblem(index, refusal));
        break;
      }
    }
  }
  return problems;
}

/** The refusal of a unit or post outside the grant (403), or null: within it, or unknown (422). */
async function scopeRefusal(
  scope: OrgScope,
  actor: Actor,
  field: Exclude<EntryIdField, 'personId'>,
  id: string,
): Promise<DomainRuleViolation | null> {
  try {
    if (field === 'orgUnitId') await scope.assertUnitInScope(actor, id, field);
    else await scope.assertPositionInScope(actor, id, field);
    return null;
  } catch (error) {
    if (!(error instanceof DomainRuleViolation)) throw error;
    return error.category === 'forbidden' ? error : null;
  }
}
