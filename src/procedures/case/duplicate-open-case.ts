import { Actor } from '../../identity/actor';
import { OrgScope } from '../../identity/org-scope';
import { DomainRuleViolation } from './decider/domain-rule-violation';
import { OpenCaseSlotKey } from './open-case-slot';

/**
 * 409 `case.duplicate_open`: the person already has an open case of the procedure for the post.
 * It names the case that holds the slot (`openCaseId`), for the opener to go and close it.
 */
export class DuplicateOpenCase extends DomainRuleViolation {
  constructor(
    readonly slot: OpenCaseSlotKey,
    readonly openCaseId: string | null,
  ) {
    super(
      'case.duplicate_open',
      `${subjectOf(slot)} already has an open ${procedureOf(slot)} case for post ${slot.positionId}${
        openCaseId ? `: ${openCaseId}` : ''
      }; close it (decide, withdraw or reject) before opening another`,
      'conflict',
      undefined,
      openCaseId ? { openCaseId } : undefined,
    );
  }

  /**
   * The refusal as `actor` may read it. A unit above may open a case about a unit's official (a
   * city's discipline case, a city's transfer): the unit below must still be refused a second
   * one, but learns neither the case's id nor anything else the case view would tell it (the
   * view itself is 403 to it) — only that an open case in a unit its grant does not cover holds
   * the slot.
   */
  async forReader(scope: OrgScope, actor: Actor): Promise<DomainRuleViolation> {
    if (this.openCaseId === null) return this;
    const unit = await scope.anyCaseUnit(this.openCaseId);
    if (unit !== null && (await scope.reaches(actor, unit))) return this;
    return new DomainRuleViolation(
      'case.duplicate_open',
      `${subjectOf(this.slot)} already has an open ${procedureOf(this.slot)} case for post ${this.slot.positionId}, opened in a unit your grant for ${actor.orgUnit} does not cover; it must be closed (decided, withdrawn or rejected) before another is opened`,
      'conflict',
    );
  }
}

/**
 * The refusal `error` as `actor` may read it: a duplicate-open naming a case outside the grant
 * without the case; any other error as it is.
 */
export async function refusalForReader<E>(
  error: E,
  scope: OrgScope,
  actor: Actor,
): Promise<E | DomainRuleViolation> {
  return error instanceof DuplicateOpenCase ? error.forReader(scope, actor) : error;
}

function subjectOf(slot: OpenCaseSlotKey): string {
  return slot.personId || 'the post (opened without a person)';
}

/** The procedure as the opener named it: a transfer refused for an open rotation-slot case reads as one. */
function procedureOf(slot: OpenCaseSlotKey): string {
  return slot.openedAs ?? slot.procedure;
}
