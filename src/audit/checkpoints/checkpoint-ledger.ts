/**
 * The signed-checkpoint ledger, as the rest of cadreflow uses it: the outside copy (witness) and
 * its errors, signing a checkpoint, verifying the store against it, a case's inclusion proof and
 * one stream's check. Each lives in its own file; this module gathers them.
 */
export {
  CheckpointRefused,
  comparePositions,
  loadWitness,
  rootOf,
  StoreDisagrees,
  summaryOf,
} from './checkpoint-witness';
export type { CheckpointRefusalCode, CheckpointSummary, Witness } from './checkpoint-witness';
export { createCheckpoint } from './create-checkpoint';
export type { CreateCheckpointInput, CreatedCheckpoint } from './create-checkpoint';
export { verifyAgainstCheckpoint } from './verify-against-checkpoint';
export type {
  CheckpointFinding,
  CheckpointVerification,
  FindingKind,
} from './verify-against-checkpoint';
export { caseProof } from './case-proof';
export type { CaseProof } from './case-proof';
export { checkStreamAgainstCheckpoint, coveredStreamsOf } from './stream-checkpoint-check';
export type { StreamCheckpointCheck } from './stream-checkpoint-check';
