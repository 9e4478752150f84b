import { currentVisit, stepVisits } from './step-visits';

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

describe('step visits a correction begins', () => {
  const note = (stepId: string, from: string | null, to: string | null) => ({
    replaced: moved(stepId, from),
    correctedNextStepId: to,
  });

  it('counts a correction that sends the case back to its own step as a visit of it', () => {
    // Vetting completed, then corrected as incomplete: the case is on its second vetting.
    const back = {
      steps: [moved('round-3', 'vetting'), moved('vetting', 'vetting')],
      corrections: [note('vetting', 'decision', 'vetting')],
    };
    expect(currentVisit(back, 'vetting')).toBe(2);
    // Completed again: leaving names that visit, and the decision step's second begins.
    expect(stepVisits(back, 'vetting', 'decision')).toEqual({ stepVisit: 2, nextStepVisit: 2 });
  });

  it('counts a version corrected to the same next step as one stay on it', () => {
    const same = {
      steps: [moved('round-3', 'vetting')],
      corrections: [note('round-3', 'vetting', 'vetting')],
    };
    expect(currentVisit(same, 'vetting')).toBe(1);
    expect(stepVisits(same, 'vetting', 'decision')).toEqual({});
  });

  it('counts the opening as the first visit of the step first performed', () => {
    const back = {
      steps: [moved('round-1', 'round-1')],
      corrections: [note('round-1', 'round-2', 'round-1')],
    };
    expect(currentVisit(back, 'round-1')).toBe(2);
  });
});
