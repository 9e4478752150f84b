import { ServiceStatus } from './discipline.events';
import { Data } from './discipline.types';

/**
 * As whom a case runs the person, from its opening: a case opened before Dec 2026 said only
 * whether they were elected (an elected cadre was a cadre, else a civil servant). The case's state
 * and the discipline register both read it so.
 */
export const serviceStatusOpened = (
  data: Pick<Data<'DisciplineCaseOpened'>, 'serviceStatus' | 'electedCadre'>,
): ServiceStatus => data.serviceStatus ?? (data.electedCadre ? 'cadre' : 'civil_servant');
