import { DomainEvent } from '../../common/stream-decider';
import { BegunStep, refuse, refuseUnlessOneEntryEach } from '../../workflow/step-engine';
import { CaseContext } from '../case/decider/case.context';
import { Body, Open } from '../case/decider/case.types';
import { appliedScoreRule, scoreDisclosure, twoDecimals } from './exam-score-rule';
import { chooseWinner } from './exam-winner';
import { AppliedScoreRule, CandidateScore, ExamEvent } from './exam.types';

const REJECTED = { by: 'rejectedBy', on: 'rejectedOn' };

/**
 * One part of the examination (the written project, the presentation and interview): every board
 * member present scores every candidate still standing; the average against the pass mark decides
 * who goes on, and the definition's last scores step chooses the winner the decision appoints.
 */
export function recordScores(
  state: Open,
  begun: BegunStep,
  body: Body<'scores'>,
  context: CaseContext,
): DomainEvent[] {
  const rule = appliedScoreRule(context.ruleSet);
  refuseBoard(body, rule);
  const standing = state.nominees ?? [];
  refuseUnknownOrMissing(body, standing);
  const before = totalsSoFar(state);
  const scores = body.scores.map((entry, index) =>
    scored(entry, index, body.board.present, rule, before.get(entry.personId) ?? 0),
  );
  const passed = scores.filter((s) => s.outcome === 'passed');
  const final = context.definition.steps.filter((s) => s.kind === 'scores').at(-1);
  const winner =
    passed.length && final?.id === begun.step.id
      ? chooseWinner(passed, body.winnerChoice, context.ruleSet)
      : undefined;
  const reason = scores.map((s) => `${s.personId} ${s.reason}`).join('; ');
  const event = {
    type: 'ExamScoresRecorded' as const,
    data: {
      ...begun.record(passed.length > 0),
      board: body.board,
      scores,
      passed: passed.map((s) => s.personId),
      ...(winner ? { winner } : {}),
      outcome: passed.length ? ('passed' as const) : ('failed' as const),
      reason,
      ...scoreDisclosure(begun.step),
      rule,
    },
  };
  if (passed.length) return [event];
  return [
    event,
    begun.ends(
      'CaseRejected',
      REJECTED,
      'exam.no_candidate_passed',
      `no candidate reached the pass mark of ${rule.passMark} of ${rule.scale} at ${begun.step.id}: ${reason} (${rule.citation})`,
    ),
  ];
}

function refuseBoard(body: Body<'scores'>, rule: AppliedScoreRule): void {
  const { members, present } = body.board;
  if (present > members)
    refuse(
      'exam.board_inconsistent',
      `board.present: ${present} present is more than the board's ${members} members`,
      'invalid',
      'board.present',
    );
  if (present < rule.boardMinPresent)
    refuse(
      'exam.board_too_few_present',
      `board.present: ${present} members scored; the board scores with at least ${rule.boardMinPresent} present (${rule.citation})`,
      'unprocessable',
      'board.present',
    );
}

/** One entry for every candidate still standing, none for anyone else, none twice. */
function refuseUnknownOrMissing(body: Body<'scores'>, standing: string[]): void {
  refuseUnlessOneEntryEach(
    body.scores.map((s) => s.personId),
    standing,
    {
      field: 'scores',
      rules: { unexpected: 'exam.not_a_candidate', missing: 'exam.candidate_missing' },
      expected: 'a candidate standing at this part',
      listedAs: 'standing',
      each: 'every candidate standing needs scores',
    },
  );
}

/** Each candidate's averages over the parts already scored. */
function totalsSoFar(state: Open): Map<string, number> {
  const totals = new Map<string, number>();
  for (const step of state.steps as { type: string }[]) {
    if (step.type !== 'ExamScoresRecorded') continue;
    const { data } = step as Extract<ExamEvent, { type: 'ExamScoresRecorded' }>;
    for (const s of data.scores) totals.set(s.personId, s.total);
  }
  return totals;
}

function scored(
  entry: Body<'scores'>['scores'][number],
  index: number,
  present: number,
  rule: AppliedScoreRule,
  before: number,
): CandidateScore {
  const at = `scores[${index}].memberScores`;
  if (entry.memberScores.length !== present)
    refuse(
      'exam.scores_per_member',
      `${at}: ${entry.memberScores.length} scores for ${entry.personId}; each of the ${present} members present gives one`,
      'invalid',
      at,
    );
  entry.memberScores.forEach((score, j) => {
    if (score < 0 || score > rule.scale)
      refuse(
        'exam.score_out_of_scale',
        `${at}[${j}]: ${score} is outside the scale 0 to ${rule.scale} (${rule.citation})`,
        'invalid',
        `${at}[${j}]`,
      );
  });
  const average = twoDecimals(entry.memberScores.reduce((a, b) => a + b, 0) / present);
  const passes = average >= rule.passMark;
  return {
    personId: entry.personId,
    memberScores: entry.memberScores,
    average,
    total: twoDecimals(before + average),
    outcome: passes ? 'passed' : 'failed',
    reason: `averaged ${average} of ${rule.scale}, ${passes ? 'at or above' : 'below'} the pass mark ${rule.passMark}`,
  };
}
