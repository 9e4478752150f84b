import { RuleSet, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { StepDefinition } from '../../workflow/definitions/procedure-definition';
import { AppliedScoreRule } from './exam.types';

/** Rule-set parameters of a competitive examination (see seeds/rule-sets/instruments). */
export const EXAM_PARAMS = {
  scale: 'exam.scoreScale',
  passMark: 'exam.passMark',
  board: 'exam.boardMinPresent',
  ties: 'exam.levelTotalsBrokenBy',
} as const;

/** The numbers a part of the examination is judged by, with the citations they come from. */
export function appliedScoreRule(ruleSet: RuleSet): AppliedScoreRule {
  return {
    scale: ruleValue<number>(ruleSet, EXAM_PARAMS.scale),
    passMark: ruleValue<number>(ruleSet, EXAM_PARAMS.passMark),
    boardMinPresent: ruleValue<number>(ruleSet, EXAM_PARAMS.board),
    ruleSetId: ruleSet.id,
    citation: [EXAM_PARAMS.scale, EXAM_PARAMS.passMark, EXAM_PARAMS.board]
      .map((name) => `${name}: ${ruleCitation(ruleSet, name)}`)
      .join('; '),
  };
}

/** Who sees the scores before the result is announced, copied from the definition onto the event. */
export function scoreDisclosure(step: StepDefinition): { announced: boolean; visibleTo: string[] } {
  return { announced: step.scoreRule!.announced, visibleTo: step.scoreRule!.visibleTo };
}

/** Two decimals, as a board's minutes write an average. */
export const twoDecimals = (value: number): number => Math.round(value * 100) / 100;
