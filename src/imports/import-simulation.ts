import {
  decidePerson,
  evolvePerson,
  initialPersonState,
  PersonDecideContext,
} from '../cadres/person/person.decider';
import { PersonState } from '../cadres/person/person.state';
import { isPostRepeat } from '../cadres/person/post-term-on-record';
import { RegistryRuleViolation } from '../cadres/registry-rule-violation';
import { registrationViolations } from '../cadres/person/registration-violations';
import { PlannedCommand, problemAt } from './import-plan';
import { RowProblem } from './row-problem';
import { partyDisciplineOfNonMember } from '../procedures/discipline/party-discipline-subject';
import { DomainRuleViolation } from '../procedures/case/decider/domain-rule-violation';
import { RuleSet } from '../workflow/rule-sets/rule-set';
import { postsEndedBy, refusalAt, refuseImportedForm } from './imported-discipline-rules';
import { importedPostViolations, PostFacts } from './imported-post-rules';
import { ImportPlanningLimits, takeImportedPoolPlace } from './import-planning-limits';
import { DisciplineCasesOf, ViolationsInFile } from './imported-violation-handled';

/** What the rows' API rules read besides the rows' own records. */
export interface ImportRowFacts {
  today: string;
  posts: PostFacts;
  /** The records of the people holding the rows' posts, read to judge a second holder. */
  others: ReadonlyMap<string, PersonState>;
  ruleSet(id: string): RuleSet | undefined;
  /** The planning-pool limits of the rows' pools, when the file has planning rows. */
  planning?: ImportPlanningLimits;
  /** The discipline cases of the people whose discipline rows give a violation day. */
  disciplineCases?: DisciplineCasesOf;
}

export interface SimulatedCommand extends PlannedCommand {
  /** `write`: the registry does not hold this yet; `unchanged`: it already does (nothing to append). */
  outcome: 'write' | 'unchanged';
  /** A change the row's decision makes to the record besides the row's own (not counted as a row). */
  follows?: true;
}

/**
 * Runs the planned commands through the person decider on the records as they are now, in order,
 * so a dry run refuses exactly what the import would, by the registry's own rules (the ages in
 * force today among them, through `context`). Pure.
 */
export function simulateImport(
  planned: PlannedCommand[],
  records: Map<string, PersonState>,
  context: PersonDecideContext = {},
  facts?: ImportRowFacts,
): { commands: SimulatedCommand[]; problems: RowProblem[] } {
  // The other holders of the rows' posts are read too (never written: only `records` are).
  const states = new Map([...(facts?.others ?? []), ...records]);
  const commands: SimulatedCommand[] = [];
  const problems: RowProblem[] = [];
  // A planning row is judged by the limits its route judges it by (person_full, the term's span,
  // the terms open to planning).
  const decideContext = facts?.planning ? { ...context, planning: facts.planning.person } : context;
  const violations = new ViolationsInFile(facts?.disciplineCases);
  for (const step of planned) {
    const state = states.get(step.personId) ?? initialPersonState();
    const same = alreadyOnRecord(state, step);
    if (same === true) {
      commands.push({ ...step, outcome: 'unchanged' });
      continue;
    }
    if (same) {
      problems.push(same);
      continue;
    }
    const refused = refusedBeforeDeciding(step, state, states, context, facts, violations);
    if (refused.length > 0) {
      problems.push(...refused, ...unknownPersonProblems(step, state));
      registerAsTheRowGivesIt(states, state, step);
      continue;
    }
    try {
      if (facts) refuseAsTheApiDoes(step, state, states, facts);
      const events = decidePerson(state, step.command, decideContext);
      // The post's pool, as the registry claims its seat once the person's own limit passed.
      if (step.command.type === 'AddPlanningPoolEntry' && events.length > 0 && facts?.planning)
        takeImportedPoolPlace(facts.planning, step.command.data);
      const after = events.reduce(evolvePerson, state);
      states.set(step.personId, after);
      commands.push({ ...step, outcome: events.length ? 'write' : 'unchanged' });
      if (events.length) violations.taking(step);
      if (events.length && facts) commands.push(...followingDecision(step, after, facts, states));
      if (step.command.type === 'AssignPost' && facts) holdsAtSomeTime(facts, step.command.data);
    } catch (error) {
      if (error instanceof DomainRuleViolation) {
        problems.push(refusalAt(step.row, error));
        continue;
      }
      if (!(error instanceof RegistryRuleViolation)) throw error;
      const field = error.rule === 'person.not_found' ? 'personId' : error.field;
      problems.push(problemAt(step.row, field, error.rule, error.message));
    }
  }
  return { commands, problems };
}

/**
 * The rules the API applies to the same record through its own routes, beyond the person decider:
 * a discipline row's form as the discipline decider judges it for the person's status on the
 * decision day (a post row's are `postProblems`). Throws the refusal.
 */
function refuseAsTheApiDoes(
  step: PlannedCommand,
  state: PersonState,
  states: ReadonlyMap<string, PersonState>,
  facts: ImportRowFacts,
): void {
  const { command } = step;
  if (command.type === 'RecordDiscipline' && !disciplineOnRecord(state, command.data)) {
    const ruleSet = facts.ruleSet(command.data.ruleSetId);
    if (ruleSet)
      refuseImportedForm(command.data, state, ruleSet, facts.posts.positions, facts.today);
  }
}

/**
 * What a discipline row's decision does to the record as a decided one does: a form that ends the
 * post ends the posts held by its effective day (`postsEndedBy`), decided on the record in turn.
 */
function followingDecision(
  step: PlannedCommand,
  state: PersonState,
  facts: ImportRowFacts,
  states: Map<string, PersonState>,
): SimulatedCommand[] {
  const { command } = step;
  const ruleSet = command.type === 'RecordDiscipline' && facts.ruleSet(command.data.ruleSetId);
  if (!ruleSet || command.type !== 'RecordDiscipline') return [];
  let record = state;
  return postsEndedBy(command.data, state, ruleSet).map((end) => {
    const events = decidePerson(record, end, {});
    record = events.reduce(evolvePerson, record);
    states.set(step.personId, record);
    const idSeed = `${step.idSeed}:post:${end.data.positionId}`;
    return { ...step, command: end, idSeed, outcome: 'write', follows: true };
  });
}

/** The same decision recorded before (imported again): judged when it was written, nothing to write. */
const disciplineOnRecord = (state: PersonState, data: { caseId: string; decisionRef: string }) =>
  state.status === 'registered' &&
  state.discipline.some((d) => d.caseId === data.caseId && d.decisionRef === data.decisionRef);

function holdsAtSomeTime(facts: ImportRowFacts, data: { personId: string; positionId: string }) {
  const holders = facts.posts.holdersOf.get(data.positionId) ?? new Set<string>();
  facts.posts.holdersOf.set(data.positionId, holders.add(data.personId));
}

/**
 * True when the record already holds what the row says (imported before, or entered by hand): a
 * post row on the very term on record, held or ended (`isPostRepeat`, as a hand record: its term
 * end and election day too, or the term before an extension to retirement moved it); a
 * problem when it holds the same person with other data (the file does not overwrite the registry).
 */
function alreadyOnRecord(state: PersonState, step: PlannedCommand): true | RowProblem | null {
  if (state.status !== 'registered') return null;
  const { command, row } = step;
  if (command.type === 'RegisterPerson') {
    const profile = state.profile as unknown as Record<string, unknown>;
    const differs = Object.entries(command.data).find(([field, value]) => profile[field] !== value);
    if (!differs) return true;
    return problemAt(
      row,
      differs[0],
      'person.already_registered',
      `person ${step.personId} is already registered with ${differs[0]} = ${JSON.stringify(profile[differs[0]] ?? null)}; the import does not change a registered person`,
    );
  }
  if (command.type === 'AssignPost' && isPostRepeat(state, command.data)) return true;
  return null;
}

/**
 * Every rule a row breaks that is judged before the decider (which would stop at the first): a
 * person row's registration, a post row's days and seats, a Party discipline of a non-member, a
 * discipline row on a violation already handled on its track.
 */
function refusedBeforeDeciding(
  step: PlannedCommand,
  state: PersonState,
  states: ReadonlyMap<string, PersonState>,
  context: PersonDecideContext,
  facts: ImportRowFacts | undefined,
  violations: ViolationsInFile,
): RowProblem[] {
  const nonMember = partyDisciplineOnNonMember(state, step);
  // The same decision again (a file imported twice) is on record already, not a second one.
  const handled =
    step.command.type === 'RecordDiscipline' && !disciplineOnRecord(state, step.command.data)
      ? violations.problemOf(step)
      : null;
  return [
    ...registrationProblems(step, state, context, facts?.today),
    ...postProblems(step, states, facts),
    ...(nonMember ? [nonMember] : []),
    ...(handled ? [handled] : []),
    ...[ViolationsInFile.beforeBirth(step, state)].filter((p): p is RowProblem => p !== null),
  ];
}

/**
 * A row about a person neither on record nor in the file, refused before deciding (a post row's
 * reversed term): it is told that the person is not registered too, which the decider, not reached,
 * would have said (before, the one problem hid the other).
 */
function unknownPersonProblems(step: PlannedCommand, state: PersonState): RowProblem[] {
  if (step.command.type === 'RegisterPerson' || state.status === 'registered') return [];
  try {
    decidePerson(state, step.command);
    return [];
  } catch (error) {
    if (!(error instanceof RegistryRuleViolation)) throw error;
    return [problemAt(step.row, 'personId', error.rule, error.message)];
  }
}

/**
 * A refused person row still registers the person for the rest of the dry run (nothing is written
 * while any row is refused): their other rows are judged against the row as the file gives it
 * (its birth day, its unit), not told that the person is not registered.
 */
function registerAsTheRowGivesIt(
  states: Map<string, PersonState>,
  state: PersonState,
  { command, personId }: PlannedCommand,
): void {
  if (command.type === 'RegisterPerson')
    states.set(personId, evolvePerson(state, { type: 'PersonRegistered', data: command.data }));
}

/**
 * Every rule a person row's registration breaks, all at once (the decider would stop at the
 * first): a day after today, days out of a life's order, the ages in force today. Without today
 * (no facts), the ages' own day stands in for it.
 */
function registrationProblems(
  { command, row }: PlannedCommand,
  state: PersonState,
  context: PersonDecideContext,
  today: string | undefined,
): RowProblem[] {
  if (command.type !== 'RegisterPerson' || state.status !== 'unknown') return [];
  const day = today ?? context.ages?.day;
  if (day === undefined) return [];
  return registrationViolations(command.data, day, context.ages).map((violation) =>
    problemAt(row, violation.field, violation.rule, violation.message),
  );
}

/** Every rule a post row breaks, all at once (`importedPostViolations`); none without the facts. */
function postProblems(
  { command, row }: PlannedCommand,
  states: ReadonlyMap<string, PersonState>,
  facts: ImportRowFacts | undefined,
): RowProblem[] {
  if (command.type !== 'AssignPost' || !facts) return [];
  return importedPostViolations(command.data, states, facts.posts, facts.today).map((violation) =>
    problemAt(row, violation.field, violation.rule, violation.message),
  );
}

/**
 * A Party discipline on paper for a person the record (or the file's people sheet, folded above)
 * says is not a Party member: the same rule that refuses opening such a case.
 */
function partyDisciplineOnNonMember(state: PersonState, step: PlannedCommand): RowProblem | null {
  const { command, row } = step;
  if (command.type !== 'RecordDiscipline' || state.status !== 'registered') return null;
  // The same decision again (a file imported twice): on record already, even if it expelled them.
  const { caseId, decisionRef } = command.data;
  if (state.discipline.some((d) => d.caseId === caseId && d.decisionRef === decisionRef))
    return null;
  const refused = partyDisciplineOfNonMember(
    command.data.track,
    step.personId,
    state.profile.partyMember,
  );
  return refused && problemAt(row, 'personId', refused.rule, refused.message);
}
