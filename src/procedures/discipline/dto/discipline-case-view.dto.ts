import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AllowedActionDto, CurrentStepDto, ReaderMayNotActDto } from '../../case/dto/case-view.dto';
import { DISCIPLINE_FORMS } from '../discipline-forms';

const FREE_OBJECT = { type: 'object', additionalProperties: true } as const;

export class LeftServiceDto {
  @ApiProperty({ enum: ['retired', 'left_service'] }) status!: string;
  @ApiProperty({ type: String, format: 'date' }) from!: string;
}

export class DisciplineTimeLimitDto {
  @ApiProperty({
    type: String,
    format: 'date',
    description: 'the day the time runs from: the violation detected (ngày phát hiện)',
  })
  runsFrom!: string;
  @ApiProperty({ type: String, format: 'date' }) decideBy!: string;
  @ApiProperty() extended!: boolean;
  @ApiProperty() overdue!: boolean;
}

/** A discipline case as `GET /discipline-cases/:id` and every discipline write answer it. */
export class DisciplineCaseViewDto {
  @ApiProperty({ example: 'd-2026-0007' }) id!: string;
  @ApiProperty({ enum: ['discipline'] }) procedure!: string;
  @ApiProperty({ enum: ['party', 'civil_service'] }) track!: string;
  @ApiProperty({
    enum: ['open', 'decided', 'under_review', 'annulled', 'closed', 'time_barred'],
    description:
      'time_barred: the violation is confirmed but past its limitation period (vi phạm nhưng hết thời hiệu); no form applies',
  })
  status!: string;
  @ApiProperty({ example: 'discipline.party@1' }) definition!: string;
  @ApiProperty({ example: 'vn-2025' }) ruleSet!: string;
  @ApiProperty() personId!: string;
  @ApiProperty({ type: String, nullable: true }) positionId!: string | null;
  @ApiProperty() orgUnitId!: string;
  @ApiProperty() electedCadre!: boolean;
  @ApiProperty({
    enum: ['cadre', 'civil_servant'],
    description:
      'civil-service track: a cadre goes through their own body, a civil servant through a discipline council; a Party case records the default and does not read it',
  })
  serviceStatus!: string;
  @ApiPropertyOptional({
    type: LeftServiceDto,
    description:
      'civil-service track, from 1 Jul 2025: the violation was found after the person left the service or retired (a retired or left_service period on the record covering the detection day); only discipline.formsAfterLeavingService apply (reprimand, warning, removal_of_former_title: Luật 80/2025 art. 43(3)(c)). Absent: serving',
  })
  leftService?: LeftServiceDto;
  @ApiProperty({
    ...FREE_OBJECT,
    description:
      'category, committedOn, detectedOn, laterViolationsOn, description, source, severity (as typed at opening)',
  })
  violation!: Record<string, unknown>;
  @ApiProperty({
    ...FREE_OBJECT,
    nullable: true,
    description:
      'cases opened before Dec 2026: the limitation checked at opening; null: judged on the form voted (Party) or decided (civil service), see timeBarred and decision.limitation',
  })
  limitation!: Record<string, unknown> | null;
  @ApiProperty({ type: String, format: 'date' }) openedOn!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({
    type: DisciplineTimeLimitDto,
    nullable: true,
    description: 'civil service: the time to decide (90 days, once extendable to 150)',
  })
  timeLimit!: DisciplineTimeLimitDto | null;
  @ApiProperty({ type: 'array', items: FREE_OBJECT }) missedDeadlines!: Record<string, unknown>[];
  @ApiProperty({ type: Number, nullable: true }) revision!: number | null;
  @ApiProperty({ type: CurrentStepDto, nullable: true }) currentStep!: CurrentStepDto | null;
  @ApiProperty({
    type: [AllowedActionDto],
    description:
      'empty for the person the case is about (readerMayNotAct says why), and in a view as of a moment (asOf: a replay of the case as it stood, where nothing may be done; read it without asOf to act)',
  })
  allowedNext!: AllowedActionDto[];
  @ApiPropertyOptional({
    type: ReaderMayNotActDto,
    description:
      'present when the reader is the person the case is about: separation of duties refuses them every step, withdrawal, rejection and correction',
  })
  readerMayNotAct?: ReaderMayNotActDto;
  @ApiProperty({ type: 'array', items: FREE_OBJECT, description: 'the steps done, in order' })
  steps!: Record<string, unknown>[];
  @ApiPropertyOptional({
    ...FREE_OBJECT,
    description: 'once decided: number, form, dates, complaint window',
  })
  decision?: Record<string, unknown>;
  @ApiPropertyOptional({ enum: DISCIPLINE_FORMS, nullable: true }) form?: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'end of the bar on appointment to a higher post',
  })
  barEndsOn?: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: "end of the discipline's own validity (hiệu lực); null: no end",
  })
  inEffectUntil?: string | null;
  @ApiPropertyOptional({
    ...FREE_OBJECT,
    description:
      "the other track's decided case on the same violation (caseId, track, form, barEndsOn, decisionRef); the person carries the longer bar",
  })
  sameViolationAs?: Record<string, unknown>;
  @ApiPropertyOptional({ ...FREE_OBJECT, nullable: true }) complaint?: Record<
    string,
    unknown
  > | null;
  @ApiPropertyOptional({
    type: 'array',
    items: FREE_OBJECT,
    description:
      'every complaint filed against the decision, in order (filedOn, grounds, complainant: {personId} the disciplined person or {name} whom the deciding body named, recordedBy: the user who recorded it, recordedByName: their name when their token gave one, second: filed after a review of the first (khiếu nại lần hai), complex: judged complex (vụ việc phức tạp), reviewDueOn: the last day to resolve it; second and complex absent on complaints recorded before Dec 2026)',
  })
  complaints?: Record<string, unknown>[];
  @ApiPropertyOptional({
    type: 'array',
    items: FREE_OBJECT,
    description:
      'each review of a complaint (heldOn, servedOn: the day it was announced, number, outcome keep/change/annul, form, barEndsOn, inEffectUntil, reason)',
  })
  reviews?: Record<string, unknown>[];
  @ApiPropertyOptional({
    ...FREE_OBJECT,
    nullable: true,
    description:
      'until when a complaint may still be filed (endsOn, citation, second); null once the window closed, while a complaint is reviewed, and after the last review the rule set allows a complaint against (the Party track allows no second complaint)',
  })
  complaintWindow?: Record<string, unknown> | null;
  @ApiPropertyOptional({
    ...FREE_OBJECT,
    nullable: true,
    description:
      'while a complaint is under review: the last day to resolve it (dueOn, citation), its day received plus the days to accept and to resolve it (discipline.complaintResolution, Luật Khiếu nại 2011 art. 50 on the civil-service track: 10 to accept, then 30 for a first complaint, 45 for a second, 45 and 60 for a complex case), provisional: true when counted through a year whose official holiday schedule is not published yet (tạm tính, as currentStep.provisional); null when the rule set sets no period (the Party track) or no complaint is under review',
  })
  complaintReviewDue?: Record<string, unknown> | null;
  @ApiPropertyOptional({
    ...FREE_OBJECT,
    description:
      "open case whose violation was committed while a decision of its track was in effect on the person's record (Nghị định 172/2025/NĐ-CP art. 2(3)): rule, inEffect (form, decisionRef, effectiveFrom, inEffectUntil), newViolationForm (the form the violation warrants on its own, its severity; null: not recorded), basis (served, new_violation or heaviest: what leastForm is one level above), leastForm, formsAllowed (lightest first), citation; absent when no heavier form is required",
  })
  heavierFormRequired?: Record<string, unknown>;
  @ApiPropertyOptional({ ...FREE_OBJECT, description: 'when closed without discipline' })
  closure?: Record<string, unknown>;
  @ApiPropertyOptional({
    ...FREE_OBJECT,
    description:
      'status time_barred: the limitation judged (form, years, runsFrom, restartedBy, endsOn, citation) and the reason',
  })
  timeBarred?: Record<string, unknown>;
}
