import { ProcedureDefinition } from '../../workflow/definitions/procedure-definition';
import { WorkflowCatalog } from '../../workflow/workflow-catalog';
import { DomainRuleViolation } from './decider/domain-rule-violation';

/**
 * A new case opens under the version of its procedure in force on its opening day: a version a
 * newer one replaced by then (the Party form ballot's v1 used a wrong rule) is refused, 422
 * `definition.superseded`. A case kept on paper opens as of its own day, so the version in force
 * on that day is the one it may pin.
 */
export function refuseSupersededDefinition(
  catalog: Pick<WorkflowCatalog, 'supersedingOn'>,
  definition: ProcedureDefinition,
  openedOn: string,
): void {
  const newer = catalog.supersedingOn(definition, openedOn);
  if (!newer) return;
  const asked = `${definition.id}@${definition.version}`;
  const inForce = `${newer.id}@${newer.version}`;
  throw new DomainRuleViolation(
    'definition.superseded',
    `definition: ${asked} is superseded on ${openedOn} by ${inForce}${newer.inForceFrom ? ` (in force from ${newer.inForceFrom})` : ''}; a new case opens under ${inForce}`,
    'unprocessable',
    'definition',
    { asked, inForce },
  );
}
