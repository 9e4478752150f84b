import { Position } from '../../cadres/registry.service';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';

/**
 * An elected post (a commune chair, a deputy head of an inspection commission) is filled by its
 * council's or congress's election, after the Party committee introduces the candidate; nobody is
 * appointed or re-appointed to it (Luật Cán bộ, công chức 2025 art. 1: cadres are elected,
 * approved or appointed [article not checked here]).
 */
export function refuseElectedPost(position: Position): void {
  if (position.filledBy !== 'election') return;
  throw new DomainRuleViolation(
    'position.elected',
    `positionId: ${position.title} (${position.id}) is filled by election (bầu cử), not by appointment: introduce the candidate to the council or congress that elects it`,
    'unprocessable',
    'positionId',
  );
}
