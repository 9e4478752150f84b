import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { firstValidationProblem, refusedFields } from '../../common/validation';
import { InvalidBody } from '../../common/problems/invalid-body';
import { StepBody } from './decider/case.commands';
import { StepKind } from '../../workflow/definitions/procedure-definition';
import { DomainRuleViolation } from './decider/domain-rule-violation';
import { CorrectionReasonDto } from './dto/correct-step.dto';
import { ElectionStepDto } from './dto/election-step.dto';
import {
  BallotStepDto,
  DecisionStepDto,
  MeetingStepDto,
  NominationStepDto,
  ProposalStepDto,
  VettingStepDto,
} from './dto/step-bodies.dto';
import { RegistrationStepDto, ScoresStepDto } from '../competitive-exam/dto/exam-step-bodies.dto';

const DTO_BY_KIND = {
  proposal: ProposalStepDto,
  meeting: MeetingStepDto,
  nomination: NominationStepDto,
  ballot: BallotStepDto,
  vetting: VettingStepDto,
  decision: DecisionStepDto,
  election: ElectionStepDto,
  registration: RegistrationStepDto,
  scores: ScoresStepDto,
} as const;

/** Checks a step body against the DTO of the step's kind; unknown fields are refused. */
export function parseStepBody(kind: StepKind, raw: unknown): StepBody {
  const dtoClass: new () => object = DTO_BY_KIND[kind];
  return { ...parseBody(dtoClass, raw), kind } as StepBody;
}

/** Validates a body against a DTO class; the first problem names its field. Nothing is written on failure. */
export function parseBody<T extends object>(dtoClass: new () => T, raw: unknown): T {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new DomainRuleViolation(
      'body.invalid',
      'the request body must be a JSON object',
      'invalid',
    );
  }
  const dto = plainToInstance(dtoClass, raw as object);
  const errors = validateSync(dto, {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
  });
  if (errors.length) {
    const problem = firstValidationProblem(errors);
    throw new InvalidBody(problem.field, problem.messages, 'body', undefined, {
      fields: refusedFields(errors),
    });
  }
  return dto;
}

/**
 * Validates a query against a DTO class as the validation pipe would (400 `query.invalid` naming
 * the parameter), for a route that asks the caller's scope first.
 */
export function parseQuery<T extends object>(dtoClass: new () => T, raw: unknown): T {
  try {
    return parseBody(dtoClass, raw ?? {});
  } catch (error) {
    if (error instanceof InvalidBody) throw new InvalidBody(error.field!, error.messages, 'query');
    throw error;
  }
}

/** A correction's body: the reason, and the rest as the step's corrected body (checked by its kind later). */
export function parseCorrection(raw: unknown): {
  reason: string;
  stepBody: Record<string, unknown>;
} {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new DomainRuleViolation(
      'body.invalid',
      'the request body must be a JSON object',
      'invalid',
    );
  const { reason, ...stepBody } = raw as Record<string, unknown>;
  return { reason: parseBody(CorrectionReasonDto, { reason }).reason, stepBody };
}
