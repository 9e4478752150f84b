import { ElectionStepDto } from './election-step.dto';
import {
  BallotStepDto,
  DecisionStepDto,
  MeetingStepDto,
  NominationStepDto,
  ProposalStepDto,
  VettingStepDto,
} from './step-bodies.dto';

/** Every step kind's body, in the order the OpenAPI document lists them. */
export const STEP_BODIES = [
  ProposalStepDto,
  MeetingStepDto,
  NominationStepDto,
  BallotStepDto,
  VettingStepDto,
  DecisionStepDto,
  ElectionStepDto,
];
