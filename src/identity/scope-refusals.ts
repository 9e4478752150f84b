import { DomainRuleViolation } from '../procedures/case/decider/domain-rule-violation';
import { Actor } from './actor';

/**
 * The refusals of the scope checks, one wording for every place that checks (OrgScope per id, a
 * bulk job's PrefetchedScope per entry): a caller hears the same answer however it asked.
 */
export function outOfScope(message: string, field?: string): DomainRuleViolation {
  return new DomainRuleViolation('scope.out_of_scope', message, 'forbidden', field);
}

export function unitNotFound(field: string, unitId: string): DomainRuleViolation {
  return new DomainRuleViolation(
    'org_unit.not_found',
    `${field}: org unit ${unitId} does not exist`,
    'unprocessable',
    field,
  );
}

export function unitOutsideGrant(field: string, unitId: string, actor: Actor): DomainRuleViolation {
  return outOfScope(
    `${field}: org unit ${unitId} is outside your grant for ${actor.orgUnit}`,
    field,
  );
}

export function positionNotFound(field: string, positionId: string): DomainRuleViolation {
  return new DomainRuleViolation(
    'position.not_found',
    `${field}: position ${positionId} does not exist`,
    'unprocessable',
    field,
  );
}

export function positionOutsideGrant(
  field: string,
  positionId: string,
  unitId: string,
  actor: Actor,
): DomainRuleViolation {
  return outOfScope(
    `${field}: position ${positionId} belongs to org unit ${unitId}, which your grant for ${actor.orgUnit} does not cover`,
    field,
  );
}

export function personOutsideGrant(
  field: string,
  personId: string,
  actor: Actor,
): DomainRuleViolation {
  return outOfScope(
    `${field}: person ${personId} is not registered in any unit your grant for ${actor.orgUnit} covers`,
    field,
  );
}

/** A case id of the other engine, to a grant that reaches it: a path's is not found here, a body's is of the wrong kind. */
export function caseOfOtherKind(
  field: string,
  caseId: string,
  kind: string,
  other: string,
  route: string,
): DomainRuleViolation {
  return new DomainRuleViolation(
    'case.other_kind',
    `${field}: ${caseId} is a ${other}, not a ${kind}: it is read at ${route}${caseId}`,
    field === 'id' ? 'not_found' : 'unprocessable',
    field,
    { kind: other, path: `${route}${caseId}` },
  );
}
