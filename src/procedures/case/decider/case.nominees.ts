import { DomainEvent } from '../../../common/stream-decider';
import { ruleCitation, ruleValue } from '../../../workflow/rule-sets/rule-set';
import type { AppliedVoteRule, BegunStep } from '../../../workflow/step-engine';
import {
  appliedRule,
  refuse,
  refuseUnjudgedTally,
  refuseUnlessOneEntryEach,
  tallyEvent,
} from '../../../workflow/step-engine';
import { evaluateMajorityBallot } from '../../../workflow/vote-rules/majority-ballot';
import { NominationOutcome } from '../../../workflow/vote-rules/nomination-ballot';
import { NomineeTally } from './case.commands';
import { CaseContext } from './case.context';
import { ChosenAppointee, NomineeBallot } from './case.events';
import { Body, Open } from './case.types';

/**
 * A case that fills a post (internal appointment, Nghị định 170/2025 art. 33 / Quy định
 * 377-QĐ/TW): the nominations bring up one or two nominees, each ballot tallies every nominee
 * still standing, and the final ballot chooses the one the decision names.
 */

const REJECTED = { by: 'rejectedBy', on: 'rejectedOn' };

/** A nomination of a post case carries whoever it selected; with nobody selected the case ends. */
export function nominationOfPost(
  begun: BegunStep,
  event: DomainEvent,
  result: Exclude<NominationOutcome, { outcome: 'invalid_tally' | 'no_quorum' }>,
): DomainEvent[] {
  if (result.selected.length > 0) return [event];
  return [
    event,
    begun.ends(
      'CaseRejected',
      REJECTED,
      'nomination.nobody_nominated',
      `nobody was nominated: ${result.reason}`,
    ),
  ];
}

/** The nominees a ballot of a post case must tally: those the nominations and ballots kept. */
export function standingNominees(state: Open): string[] {
  return state.nominees ?? (state.personId ? [state.personId] : []);
}

/** The body's tallies, one per standing nominee; a single `tally` counts for a sole nominee. */
function talliesOf(body: Body<'ballot'>, nominees: string[]): NomineeTally[] {
  if (!body.tallies && body.tally && nominees.length === 1)
    return [{ personId: nominees[0], tally: body.tally, headDecision: body.headDecision }];
  if (!body.tallies)
    refuse(
      'field.required',
      `tallies: a tally for each nominee is required (${nominees.join(', ') || 'none'})`,
      'invalid',
      'tallies',
    );
  refuseUnlessOneEntryEach(
    body.tallies.map((t) => t.personId),
    nominees,
    {
      field: 'tallies',
      rules: { unexpected: 'ballot.not_a_nominee', missing: 'ballot.nominee_missing' },
      expected: 'a nominee of this ballot',
      listedAs: 'nominees',
      each: 'every nominee needs a tally',
    },
  );
  return body.tallies;
}

/** One nominee's tally judged by the step's rule; `at` is where its fields are in the body. */
function judged(rule: AppliedVoteRule, nominee: NomineeTally, at: string): NomineeBallot {
  const result = evaluateMajorityBallot(rule, nominee.tally, nominee.headDecision);
  refuseUnjudgedTally(result, { prefix: `${at}tally.`, present: `${at}tally.present` });
  if (result.outcome === 'tie_needs_head')
    refuse(
      'ballot.tie_needs_head',
      `${at ? `${at.slice(0, -1)}: ${nominee.personId} ` : ''}${result.reason}: send headDecision "for" or "against"`,
      'unprocessable',
      `${at}headDecision`,
    );
  return {
    personId: nominee.personId,
    tally: nominee.tally,
    outcome: result.outcome,
    reason: result.reason,
    ...(result.decidedByHead ? { decidedByHead: result.decidedByHead } : {}),
  };
}

/** The final ballot is the definition's last ballot step: it chooses the appointee. */
function isFinalBallot(begun: BegunStep, context: CaseContext): boolean {
  const ballots = context.definition.steps.filter((step) => step.kind === 'ballot');
  return ballots.at(-1)?.id === begun.step.id;
}

/**
 * Whom the final ballot chose among those who passed: the only one, else the most votes for;
 * two level go to the head of the collective (`appointment.levelNomineesChosenBy`).
 */
function chooseAppointee(
  passed: NomineeBallot[],
  headChoice: string | undefined,
  context: CaseContext,
): ChosenAppointee {
  if (passed.length === 1)
    return { personId: passed[0].personId, by: 'only_one_passed', rule: null };
  const top = Math.max(...passed.map((n) => n.tally.for));
  const level = passed.filter((n) => n.tally.for === top);
  if (level.length === 1) return { personId: level[0].personId, by: 'most_votes', rule: null };
  const param = 'appointment.levelNomineesChosenBy';
  const citation = ruleCitation(context.ruleSet, param);
  const chooser = ruleValue<string>(context.ruleSet, param);
  const names = level.map((n) => `${n.personId} (${n.tally.for} for)`).join(', ');
  if (chooser !== 'head' || !headChoice || !level.some((n) => n.personId === headChoice))
    refuse(
      'ballot.level_nominees_need_head',
      `headChoice: ${names} passed level; the head of the collective chooses one of them (${citation})`,
      'unprocessable',
      'headChoice',
    );
  return { personId: headChoice, by: 'head_choice', rule: citation };
}

function singleTally(result: NomineeBallot) {
  return {
    tally: result.tally,
    ...(result.decidedByHead ? { decidedByHead: result.decidedByHead } : {}),
  };
}

/** A ballot of a post case: each standing nominee judged alone; those who pass go on. */
export function ballotOnNominees(
  state: Open,
  begun: BegunStep,
  body: Body<'ballot'>,
  context: CaseContext,
): DomainEvent[] {
  const rule = appliedRule(begun.step, context.ruleSet);
  // A sole nominee's single `tally` is judged where the body has it (`tally.*`).
  const at = (i: number) => (body.tallies ? `tallies[${i}].` : '');
  const results = talliesOf(body, standingNominees(state)).map((t, i) => judged(rule, t, at(i)));
  const passed = results.filter((r) => r.outcome === 'passed');
  const appointee =
    passed.length && isFinalBallot(begun, context)
      ? chooseAppointee(passed, body.headChoice, context)
      : undefined;
  const reason =
    results.length === 1
      ? results[0].reason
      : results.map((r) => `${r.personId} ${r.reason}`).join('; ');
  // A sole nominee's single tally keeps the shape of a one-person ballot beside `nominees`.
  const single = body.tally && !body.tallies ? singleTally(results[0]) : {};
  const event = tallyEvent(
    begun,
    'BallotTallied',
    passed.length > 0,
    {
      ...single,
      nominees: results,
      passed: passed.map((r) => r.personId),
      ...(appointee ? { appointee } : {}),
      outcome: passed.length ? 'passed' : 'failed',
      reason,
    },
    rule,
  );
  if (passed.length) return [event];
  // A sole nominee fails as a one-person ballot does; two fail together.
  const [endRule, because] =
    results.length === 1
      ? ['ballot.failed', `ballot ${reason}`]
      : ['ballot.no_nominee_passed', `no nominee passed: ${reason}`];
  return [event, begun.ends('CaseRejected', REJECTED, endRule, because)];
}
