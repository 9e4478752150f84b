import { DomainEvent } from '../../common/stream-decider';
import { BegunStep } from '../../workflow/step-engine';
import { LimitationJudgement } from './discipline.events';
import { timeBarReason } from './discipline-limitation';

/**
 * The outcome "violation confirmed but time-barred" (vi phạm nhưng hết thời hiệu), recorded by
 * the step that judged the form: the case ends there, decided, with no form applied.
 */
export function timeBarred(
  begun: BegunStep,
  judgement: LimitationJudgement,
  decision: { number?: string; signer?: string },
): DomainEvent {
  return {
    type: 'DisciplineTimeBarred',
    data: {
      ...begun.record(true),
      nextStepId: null,
      nextStepDueOn: null,
      limitation: judgement,
      ...decision,
      reason: timeBarReason(judgement),
    },
  };
}
