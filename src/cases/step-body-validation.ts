import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { StepBody } from '../workflow/case/case.commands';
import { StepKind } from '../workflow/definitions/procedure-definition';
import { DomainRuleViolation } from '../workflow/case/domain-rule-violation';
import { BallotStepDto, DecisionStepDto, MeetingStepDto, NominationStepDto, ProposalStepDto, VettingStepDto } from './dto/step-bodies.dto';

const DTO_BY_KIND = {
  proposal: ProposalStepDto,
  meeting: MeetingStepDto,
  nomination: NominationStepDto,
  ballot: BallotStepDto,
  vetting: VettingStepDto,
  decision: DecisionStepDto,
} as const;

function firstProblem(errors: ValidationError[], prefix = ''): { field: string; message: string } {
  const error = errors[0];
  const field = `${prefix}${error.property}`;
  if (error.constraints) {
    const message = Object.values(error.constraints).pop()!;
    return { field, message: message.startsWith(error.property) ? `${prefix}${message}` : `${field}: ${message}` };
  }
  return firstProblem(error.children ?? [], /^\d+$/.test(error.property) ? `${prefix.replace(/\.$/, '')}[${error.property}].` : `${field}.`);
}

/** Checks a step body against the DTO of the step's kind; unknown fields are refused. */
export function parseStepBody(kind: StepKind, raw: unknown): StepBody {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new DomainRuleViolation('body.invalid', 'the request body must be a JSON object', 'invalid');
  }
  const dtoClass: new () => object = DTO_BY_KIND[kind];
  const dto = plainToInstance(dtoClass, raw as object);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
  if (errors.length) {
    const problem = firstProblem(errors);
    throw new DomainRuleViolation('body.invalid', problem.message.replace(/^property (\S+) should not exist$/, '$1: unknown field'), 'invalid', problem.field);
  }
  return { ...(dto as object), kind } as StepBody;
}
