import { decideCase } from './case.decide';
import { evolveCase } from './case.evolve';
import { initialCaseState } from './case.state';

export { decideCase } from './case.decide';
export { evolveCase } from './case.evolve';
export { refuseSubject } from '../../../workflow/step-engine';

/** The case engine of appointment, re-appointment, rotation and transfer: one decider over the step engine. */
export const caseDecider = {
  initialState: initialCaseState,
  evolve: evolveCase,
  decide: decideCase,
};
