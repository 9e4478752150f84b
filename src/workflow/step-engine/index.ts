/** One engine for every procedure's steps: prologue, actors, deadlines, vote rules, the step record. */
export { refuse } from './refuse';
export type { StepContext } from './step-context';
export type { FirstStepFrom, StepRecord, StepBodyRecord, StepPosition } from './step-record';
export type { EndingNames } from './step-record';
export { advanceOn, endedAtStep, withRecorder } from './step-record';
export type { BodyOf, CommandOf, EventData, InStatus } from './types';
export { unreachable } from './types';
export { dueFrom, dueOn, withinGoverningDeadline } from './deadlines';
export type { GoverningDeadline } from './deadlines';
export type { AppliedVoteRule } from './vote-rule';
export { appliedRule, disclosure, refuseUnjudgedTally, tallyEvent } from './vote-rule';
export {
  endedByStaff,
  requireActor,
  requireStepRole,
  refuseSubject,
  refuseTallyRecorder,
  subjectRefusal,
} from './actors';
export type { SubjectRefusal } from './actors';
export { closingRoles, mayClose, requireCloser } from './closing';
export type { BegunStep, PrologueOptions } from './prologue';
export type { StepKindTable } from './step-kinds';
export { performStepWith } from './step-kinds';
export {
  beginStep,
  refuseEffectiveBeforeSigned,
  refuseNotOpen,
  signedDecision,
  stepById,
  withVisits,
} from './prologue';
export type { FollowsLastStep, LastStep, StepEventKinds } from './last-step';
export { followLastStep } from './last-step';
export type { StepCorrection, StepCorrectedData } from './correction';
export { correctLastStep, correctStepWith, requireCorrector } from './correction';
export type {
  CorrectableCase,
  CorrectableEvolveSpec,
  StepCorrectionNote,
} from './correctable-evolve';
export { correctableEvolve } from './correctable-evolve';
export type { OneEntryEachNames } from './one-entry-each';
export { refuseUnlessOneEntryEach } from './one-entry-each';
