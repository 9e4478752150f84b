import { stepVisits } from './step-visits';

const moved = (stepId: string, nextStepId: string | null) => ({ data: { stepId, nextStepId } });

describe('step visits', () => {
  it('names no visit on a case that goes through its steps once', () => {
    const history = { steps: [moved('round-3', 'vetting')], corrections: [] };
    expect(stepVisits(history, 'vetting', 'decision')).toEqual({});
    expect(stepVisits({}, 'vetting', 'decision')).toEqual({});
  });

  it('counts the versions a correction replaced: a step completed again begins the next step’s second visit', () => {
    // Vetting completed, corrected as incomplete: the case is back on vetting.
    const history = {
      steps: [moved('round-3', 'vetting'), moved('vetting', 'vetting')],
      corrections: [{ replaced: moved('vetting', 'decision') }],
    };
    expect(stepVisits(history, 'vetting', 'decision')).toEqual({ nextStepVisit: 2 });
    // Completed again and corrected once more: its third.
    const twice = {
      ...history,
      corrections: [...history.corrections, { replaced: moved('vetting', 'decision') }],
    };
    expect(stepVisits(twice, 'vetting', 'decision')).toEqual({ nextStepVisit: 3 });
    // The decision step, reached the second time, names its visit when it is left.
    const reached = { ...history, steps: [...history.steps, moved('vetting', 'decision')] };
    expect(stepVisits(reached, 'decision', null)).toEqual({ stepVisit: 2 });
  });
});
