import { barCoverage, WiderBarScope } from '../../cadres/discipline-bar-scope';
import { PersonState, PlanningPoolEntry } from '../../cadres/person/person.state';
import { decisionRefOf, OpenCaseSeen, RecordWrite, toPerson } from '../case/record/record-writes';
import { decisionLeavesPlanningPool } from './decision-effects';
import { decisionEndsPost } from './decision-ends-post';
import { postsRunningPast } from '../../cadres/person/posts-held-on';
import { ExistingDiscipline } from './discipline.state';
import { recheckOpenCases } from './discipline-recheck';
import { givenBackBy } from './discipline-give-back';

/**
 * The discipline-record workflow, pure: from a discipline case (and the person's record and open
 * cases read before) to the writes it needs. `discipline-record.saga.ts` says when each runs.
 */

/** Note the case on the person's record: open at a stage, or closed. */
export function noteDisciplineCase(
  state: ExistingDiscipline,
  note: { status: 'open' | 'closed'; stage: string | null; on: string },
): RecordWrite[] {
  const { personId, caseId, serviceStatus } = state;
  return [
    toPerson(personId, 'note', {
      type: 'NoteCase',
      data: {
        personId,
        caseId,
        procedure: 'discipline',
        ...note,
        ...(serviceStatus ? { serviceStatus } : {}),
      },
    }),
  ];
}

/** The form that applies and what it does, from the decision or from a review that changed it. */
interface FormApplied {
  form: string;
  barEndsOn: string | null;
  barScope?: WiderBarScope;
  endsPost?: boolean;
  leavesPlanningPool?: boolean;
  /** The day a post the form ends is left. */
  postEndsOn: string;
  decisionRef: string;
  /** The rule that set the bar, on the decision's own track (the decision's, or the review's). */
  barRule?: string | null;
  /** A recall: the electing council's resolution (on the decision; a review records none). */
  councilResolution?: { number: string; adoptedOn: string };
}

/**
 * A decided discipline: the record gets the form, its validity and its bar, and the form's
 * effects follow (`formEffectsOnRecord`).
 */
export function applyDisciplineDecision(
  state: ExistingDiscipline,
  person: PersonState,
  openCases: OpenCaseSeen[],
): RecordWrite[] {
  if (state.status === 'open' || state.status === 'closed' || state.status === 'time_barred')
    throw new Error(`discipline case ${state.caseId} has no decision`);
  const { decision, personId, caseId } = state;
  const decisionRef = decisionRefOf(decision);
  const recorded = toPerson(personId, 'record', {
    type: 'RecordDiscipline',
    data: {
      personId,
      caseId,
      track: state.track,
      form: decision.form,
      decidedOn: decision.heldOn,
      effectiveFrom: decision.effectiveFrom,
      decisionRef,
      barEndsOn: decision.barEndsOn,
      ...(decision.barScope ? { barScope: decision.barScope } : {}),
      ruleSetId: state.ruleSetId,
      violationCategory: state.violation.category,
      orgUnitId: state.orgUnitId,
      ...('inEffectUntil' in decision ? { inEffectUntil: decision.inEffectUntil } : {}),
      ...(decision.sameViolationAs ? { sameViolationCaseId: decision.sameViolationAs.caseId } : {}),
      // The register heads a cadre's civil-service discipline «Cán bộ», a civil servant's «Công chức».
      ...(state.track === 'civil_service' ? { serviceStatus: state.serviceStatus } : {}),
    },
  });
  const applied = { ...decision, postEndsOn: decision.effectiveFrom, decisionRef };
  return [recorded, ...formEffectsOnRecord(state, person, openCases, applied)];
}

/**
 * What a form does beyond the record: the person leaves the planning pool when the form does;
 * the person's other open cases get their discipline vetting item flagged (an open re-appointment
 * is not); a form that ends the post (its rule set's `discipline.formsEndingPost`, recorded on the
 * decision or the review) withdraws the open cases on the post it ends whose definition says
 * `withdrawnWhenPostEnds` and ends the post (the case's, or all).
 */
function formEffectsOnRecord(
  state: ExistingDiscipline,
  person: PersonState,
  openCases: OpenCaseSeen[],
  applied: FormApplied,
): RecordWrite[] {
  if (person.status !== 'registered') return [];
  const { personId, caseId } = state;
  const { decisionRef } = applied;
  const reason = `discipline: ${applied.form} (case ${caseId})`;
  // Which forms take the person off the planning pool is the rule set's, recorded on the decision.
  const poolEntries = decisionLeavesPlanningPool(applied) ? person.planningPool : [];
  const leavesPool = poolEntries.map((entry) =>
    toPerson(personId, `pool:${entry.positionId}`, {
      type: 'RemovePlanningPoolEntry',
      data: { personId, positionId: entry.positionId, decisionRef, reason, caseId },
    }),
  );
  const endsPosts = !decisionEndsPost(applied)
    ? []
    : // A post another decision ends on a later day is held until then: the removal ends it sooner.
      postsRunningPast(person, applied.postEndsOn)
        .filter((post) => !state.positionId || post.positionId === state.positionId)
        .map((post) =>
          toPerson(personId, `post:${post.positionId}`, {
            type: 'EndPost',
            data: {
              personId,
              positionId: post.positionId,
              on: applied.postEndsOn,
              reason,
              decisionRef,
              caseId,
              // A recall carries out the electing council's resolution: the record names it.
              ...(applied.councilResolution
                ? { councilResolution: applied.councilResolution }
                : {}),
            },
          }),
        );
  const known = new Set(person.openCases.map((c) => c.caseId));
  const others = openCases.filter((c) => known.has(c.caseId));
  return [
    ...leavesPool,
    ...carryIntoOpenCases(caseId, state.positionId, others, applied, poolEntries),
    ...endsPosts,
  ];
}

/**
 * Flags the discipline item of each other open case, and its planning-pool item where the form
 * took the person off the pool; ending the post withdraws those it empties. Each case reads the
 * item again from its record before flagging (`FlagVettingItemFromRecord`): a post the bar does
 * not cover, or a pool entry left for it, raises no flag.
 */
function carryIntoOpenCases(
  caseId: string,
  positionId: string | null,
  openCases: OpenCaseSeen[],
  applied: FormApplied,
  poolLeft: PlanningPoolEntry[],
): RecordWrite[] {
  const { form, barEndsOn: bar, decisionRef } = applied;
  const endsPost = decisionEndsPost(applied);
  // What the bar covers from the day the form applies (a wider scope may end before the bar).
  const covers = bar
    ? barCoverage({ form, endsOn: bar, decisionRef, scope: applied.barScope }, applied.postEndsOn)
    : '';
  // The bar's rule is the decision's own track's (a civil servant's 12 months, not the Party's).
  const rule = applied.barRule ? ` (${applied.barRule})` : '';
  const decided = `discipline decided: ${form} (${decisionRef}, case ${caseId})`;
  const note = `${decided}${bar ? `, bars ${covers} until ${bar}${rule}` : ''}`;
  // The entries it took off, as the pool item's flag names them (vetting read them cleared).
  const poolNote = `${decided}, taken off the planning pool: ${poolLeft.map((entry) => `${entry.positionId} ${entry.term} (${entry.decisionRef})`).join('; ')}`;
  return openCases
    .filter((open) => open.procedure !== 'discipline' && open.status === 'open')
    .flatMap((open): RecordWrite[] => {
      const to = { to: 'case' as const, caseId: open.caseId, orgUnitId: open.orgUnitId };
      // A decided discipline bars a higher post, not the re-appointment to the post held
      // (reappointment.blockedWhile: a pending case, an investigation); a removal withdraws it.
      // The definition says which open cases a decision ending the post withdraws: those on the
      // post it ends (the case's, or all); one on a post the person keeps goes on.
      const onEndedPost = !positionId || open.positionId === positionId;
      if (endsPost && open.withdrawnWhenPostEnds && onEndedPost) {
        const reason = `withdrawn: the holder was removed from the post by ${decisionRef} (discipline case ${caseId})`;
        return [{ ...to, key: 'withdraw', command: { type: 'WithdrawCase', data: { reason } } }];
      }
      if (open.procedure === 'reappointment') return [];
      const flag: RecordWrite = {
        ...to,
        key: 'flag',
        command: {
          type: 'FlagVettingItemFromRecord',
          data: { item: 'discipline_bar', note, causeRef: caseId },
        },
      };
      if (!poolLeft.length) return [flag];
      const poolFlag: RecordWrite = {
        ...to,
        key: 'flag:planning_pool',
        command: {
          type: 'FlagVettingItemFromRecord',
          data: { item: 'planning_pool', note: poolNote, causeRef: caseId },
        },
      };
      return [flag, poolFlag];
    });
}

/**
 * A complaint review that changed or annulled the form revises the record; a kept form does not.
 * A changed form does what a decision of it would: its own validity and bar on the record, and
 * its effects on the pool, the open cases and the post (a post it ends is left on the review's
 * day: the person held it until then).
 * What the reviewed decision took and the outcome would not have taken comes back: an annulment
 * gives back everything, a lighter form (cách chức reduced to khiển trách) the post when it does
 * not end the post and the planning-pool entries when it keeps the pool. Only what this case took:
 * posts ended and entries removed by hand or by another case stay as they are. The person's
 * decider says what can come back (the pool's room, the post's term) and records why the rest
 * could not.
 */
export function reviseDisciplineRecord(
  state: ExistingDiscipline,
  person: PersonState,
  openCases: OpenCaseSeen[],
): RecordWrite[] {
  if (state.status === 'open' || state.status === 'closed' || state.status === 'time_barred')
    throw new Error(`discipline case ${state.caseId} has no decision`);
  const review = state.reviews.at(-1);
  if (!review || review.outcome === 'keep') return [];
  const { personId, caseId } = state;
  const decisionRef = decisionRefOf(review);
  const revised = toPerson(personId, 'revise', {
    type: 'ReviseDiscipline',
    data: {
      personId,
      caseId,
      outcome: review.outcome === 'annul' ? 'annulled' : 'changed',
      form: review.form,
      barEndsOn: review.barEndsOn,
      ...(review.barScope ? { barScope: review.barScope } : {}),
      ...('inEffectUntil' in review ? { inEffectUntil: review.inEffectUntil } : {}),
      decisionRef,
      revisedOn: review.heldOn,
    },
  });
  if (person.status !== 'registered') return [revised];
  const changedTo = review.form === null ? null : { ...review, form: review.form };
  const recheck = recheckOpenCases(caseId, person, openCases);
  if (review.outcome === 'change' && changedTo === null) return [revised, ...recheck];
  const restores = givenBackBy(state, person, changedTo, { decisionRef, on: review.heldOn });
  if (changedTo === null) return [revised, ...restores, ...recheck];
  const applied = { ...changedTo, postEndsOn: review.heldOn, decisionRef };
  const effects = formEffectsOnRecord(state, person, openCases, applied);
  // A case the changed form withdraws has no flag left to read again.
  const withdrawn = new Set(
    effects
      .filter((w) => w.to === 'case' && w.key === 'withdraw')
      .map((w) => w.to === 'case' && w.caseId),
  );
  return [
    revised,
    ...restores,
    ...effects,
    ...recheck.filter((w) => !(w.to === 'case' && withdrawn.has(w.caseId))),
  ];
}
