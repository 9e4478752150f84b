import { advanceOn, withRecorder } from '../../workflow/step-engine';
import type { ExistingCase } from '../case/decider/case.state';
import { ExamEvent } from './exam.types';

/**
 * An examination's steps on the case: the candidates admitted stand for the first part, those
 * who pass a part go on (`nominees`), and the last part's winner is whom the decision appoints.
 */
export function evolveExam(state: ExistingCase, e: ExamEvent): ExistingCase {
  if (e.type === 'CandidatesRegistered')
    return {
      ...state,
      ...advanceOn(state, e.data, true),
      steps: [...state.steps, e],
      nominees: e.data.candidates.map((c) => c.personId),
    };
  return {
    ...state,
    ...advanceOn(state, e.data, e.data.outcome === 'passed'),
    steps: [...state.steps, e],
    // Whoever recorded the board's scores may not issue the decision, as for a ballot tally.
    tallyRecorders: withRecorder(state.tallyRecorders, e.data),
    nominees: e.data.passed,
    ...(e.data.winner ? { appointee: e.data.winner.personId } : {}),
  };
}
