import { decideDiscipline } from './discipline.decide';
import { evolveDiscipline } from './discipline.evolve';
import { ExistingDiscipline, initialDisciplineState } from './discipline.state';

export { decideDiscipline } from './discipline.decide';
export { evolveDiscipline } from './discipline.evolve';
export { disciplineBar, trackForms } from './discipline.rules';

/** The discipline engine (kỷ luật): one decider over the step engine. */
export const disciplineDecider = {
  initialState: initialDisciplineState,
  evolve: evolveDiscipline,
  decide: decideDiscipline,
};

export type { ExistingDiscipline };
