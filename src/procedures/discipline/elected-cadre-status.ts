import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { ServiceStatus } from './discipline.events';

/** The elected post the record shows the person holding on the opening day, named for a refusal. */
export interface ElectedPostOnRecord {
  positionId: string;
  title: string;
  from: string;
}

/**
 * Whether the case runs an elected cadre, and as what. A person the record shows holding a post
 * filled by election on the opening day is a cadre (cán bộ, Luật Cán bộ, công chức art. 4; text not
 * checked): the discipline council is for civil servants (Nghị định 112/2020 art. 29, as the
 * definition cites it), and recall (bãi nhiệm), the form kept for elected cadres, is decided by the
 * council that elected them. So an opening cannot call them a civil servant (their case would go
 * to a discipline council, which would vote a form the electing council alone may take) nor say
 * they were not elected; the status left out is read from the record, as before.
 */
export function electedCadreOnOpening(
  input: { personId: string; electedCadre?: boolean; serviceStatus?: ServiceStatus },
  person: { fullName: string },
  elected: ElectedPostOnRecord | undefined,
): boolean {
  const who = `${person.fullName} (${input.personId})`;
  const post = elected && `${elected.title} (${elected.positionId}) since ${elected.from}`;
  if (elected && input.electedCadre === false)
    throw new DomainRuleViolation(
      'discipline.elected_post_on_record',
      `electedCadre: the record shows ${who} holding ${post}, a post filled by election; leave electedCadre out or end that post first`,
      'unprocessable',
      'electedCadre',
    );
  const electedCadre = input.electedCadre ?? elected !== undefined;
  if (electedCadre && input.serviceStatus === 'civil_servant')
    throw new DomainRuleViolation(
      'discipline.elected_cadre_not_civil_servant',
      `serviceStatus: ${who} is an elected cadre (${post ?? 'electedCadre: true'}), a cadre (cán bộ), not a civil servant: a cadre has no discipline council, and recall is decided by the council that elected them (Luật Cán bộ, công chức art. 4; Nghị định 112/2020 art. 29; texts not checked); open the case with serviceStatus cadre, or leave it out`,
      'unprocessable',
      'serviceStatus',
    );
  return electedCadre;
}
