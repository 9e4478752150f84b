import { parseBody } from '../case/step-body-validation';
import { DisciplineStepBody } from './discipline.commands';
import {
  DisciplineBallotDto,
  DisciplineDecisionDto,
  DisciplineMeetingDto,
} from './dto/discipline-bodies.dto';

const BODY_BY_KIND = {
  meeting: DisciplineMeetingDto,
  ballot: DisciplineBallotDto,
  decision: DisciplineDecisionDto,
} as const;

/** The bodies of the step kinds the discipline engine runs, in the order the OpenAPI document lists them. */
export const DISCIPLINE_STEP_BODIES = Object.values(BODY_BY_KIND);

/** Checks a discipline step's body against the DTO of the step's kind; unknown fields are refused. */
export function parseDisciplineStepBody(
  kind: string,
  stepId: string,
  raw: unknown,
): DisciplineStepBody {
  if (!(kind in BODY_BY_KIND))
    throw new Error(
      `discipline step ${stepId} has kind ${kind}, which the discipline engine does not run`,
    );
  const dtoClass: new () => object = BODY_BY_KIND[kind as keyof typeof BODY_BY_KIND];
  return { ...parseBody(dtoClass, raw), kind } as DisciplineStepBody;
}
