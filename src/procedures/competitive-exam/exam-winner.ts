import { RuleSet, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { refuse } from '../../workflow/step-engine';
import { EXAM_PARAMS } from './exam-score-rule';
import { CandidateScore, ExamWinner } from './exam.types';

/**
 * How level totals are broken (`exam.levelTotalsBrokenBy`): first the higher score at the last
 * part (`last_part`), then, still level, the appointing authority chooses (`authority`).
 */
type TieRule = 'last_part' | 'authority';

/**
 * The winner among those who passed every part: the only one, else the highest total; level
 * totals go through the rule set's tie rules in order.
 */
export function chooseWinner(
  passed: CandidateScore[],
  winnerChoice: string | undefined,
  ruleSet: RuleSet,
): ExamWinner {
  if (passed.length === 1)
    return { personId: passed[0].personId, by: 'only_one_passed', rule: null };
  let level = highest(passed, (s) => s.total);
  if (level.length === 1) return { personId: level[0].personId, by: 'highest_total', rule: null };
  const citation = ruleCitation(ruleSet, EXAM_PARAMS.ties);
  for (const tie of ruleValue<TieRule[]>(ruleSet, EXAM_PARAMS.ties)) {
    if (tie === 'last_part') {
      level = highest(level, (s) => s.average);
      if (level.length === 1)
        return { personId: level[0].personId, by: 'tie_rule', rule: citation };
    }
    if (tie === 'authority' && winnerChoice && level.some((s) => s.personId === winnerChoice))
      return { personId: winnerChoice, by: 'authority_choice', rule: citation };
  }
  const names = level.map((s) => `${s.personId} (total ${s.total}, this part ${s.average})`);
  return refuse(
    'exam.level_candidates_need_choice',
    `winnerChoice: ${names.join(', ')} are level; the appointing authority chooses one of them (${citation})`,
    'unprocessable',
    'winnerChoice',
    { level: level.map((s) => s.personId) },
  );
}

function highest(list: CandidateScore[], by: (s: CandidateScore) => number): CandidateScore[] {
  const top = Math.max(...list.map(by));
  return list.filter((s) => by(s) === top);
}
