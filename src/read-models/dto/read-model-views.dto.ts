import { ApiProperty } from '@nestjs/swagger';
import { DISCIPLINE_FORMS } from '../../procedures/discipline/discipline-forms';

const DATE = { type: String, format: 'date' } as const;
const NEXT_CURSOR = {
  type: String,
  nullable: true,
  description: 'pass as cursor for the next page; null on the last page',
} as const;

export class InboxNamedPersonDto {
  @ApiProperty() personId!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
}

export class InboxItemDto {
  @ApiProperty({ enum: ['step', 'task'], description: 'a case step or a staff task' })
  kind!: string;
  @ApiProperty({ type: String, nullable: true }) caseId!: string | null;
  @ApiProperty({ type: String, nullable: true }) procedure!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'null for a step of a case opened for a post (nominees names who stands)',
  })
  personId!: string | null;
  @ApiProperty({
    type: [InboxNamedPersonDto],
    description:
      'a case opened for a post: its nominees still standing (whom the nominations selected and the ballots passed), as its case view has them; empty before a nomination selected any, and for other items',
  })
  nominees!: InboxNamedPersonDto[];
  @ApiProperty({ type: String, nullable: true }) positionId!: string | null;
  @ApiProperty() orgUnitId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the step id' }) step!: string | null;
  @ApiProperty() detail!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'position.elected',
    description:
      "a re-appointment notice's task whose case could not be opened: the rule that refused it; null for a step and for a task that only asks staff to act",
  })
  refusalRule!: string | null;
  @ApiProperty({ ...DATE, nullable: true }) dueOn!: string | null;
  @ApiProperty({
    description:
      "the due day was counted through a year whose official holidays are not published yet and may move (the case view's currentStep.provisional); false for a task",
  })
  provisional!: boolean;
  @ApiProperty({
    type: [String],
    description:
      'the vetting items flagged and not resolved, which hold the decision back (vetting.flagged_item_blocks_decision) until resolved, the vetting corrected or the case rejected; empty otherwise and for a task',
  })
  flaggedItems!: string[];
  @ApiProperty() overdue!: boolean;
  @ApiProperty() deadlineMissed!: boolean;
  @ApiProperty({ example: '/cases/c-2026-0042' }) href!: string;
}

export class InboxPageDto {
  @ApiProperty({ type: [InboxItemDto] }) items!: InboxItemDto[];
  @ApiProperty(NEXT_CURSOR) nextCursor!: string | null;
}

export class CaseSummaryStepDto {
  @ApiProperty() id!: string;
  @ApiProperty({ ...DATE, nullable: true }) dueOn!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty() deadlineMissed!: boolean;
}

export class CaseSummaryDto {
  @ApiProperty() caseId!: string;
  @ApiProperty({
    enum: [
      'appointment',
      'reappointment',
      'rotation',
      'discipline',
      'removal',
      'extension',
      'election',
    ],
  })
  procedure!: string;
  @ApiProperty({ example: 'appointment.internal@1' }) definition!: string;
  @ApiProperty() ruleSet!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'whom the case is about; null for a case opened for a post until its decision names the appointee (as GET /cases/:id)',
  })
  personId!: string | null;
  @ApiProperty({ type: String, nullable: true }) positionId!: string | null;
  @ApiProperty() orgUnitId!: string;
  @ApiProperty() summary!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ type: CaseSummaryStepDto, nullable: true })
  currentStep!: CaseSummaryStepDto | null;
  @ApiProperty(DATE) openedOn!: string;
  @ApiProperty({ ...DATE, nullable: true }) closedOn!: string | null;
}

export class CaseSummaryPageDto {
  @ApiProperty({ type: [CaseSummaryDto] }) items!: CaseSummaryDto[];
  @ApiProperty(NEXT_CURSOR) nextCursor!: string | null;
}

/** A row of the discipline register (JSON page item; the CSV has the same columns). */
export class RegisterRowDto {
  @ApiProperty() caseId!: string;
  @ApiProperty() personId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Trần Thị Bình' }) personName!:
    string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "the unit that manages the person's record, as the registry stands",
  })
  personOrgUnitId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'UBND phường Ba Đình' })
  personOrgUnitName!: string | null;
  @ApiProperty({ description: 'the unit that decided the discipline (the case’s unit)' })
  orgUnitId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Thành ủy Hà Nội' }) orgUnitName!:
    string | null;
  @ApiProperty({ enum: ['party', 'civil_service'] }) track!: string;
  @ApiProperty({
    enum: ['cadre', 'civil_servant'],
    nullable: true,
    description:
      'on the civil-service track, whether the case ran the person as a cadre (cán bộ, «Cán bộ» in the Vietnamese CSV and on the screen) or a civil servant (công chức, «Công chức»); null on the Party track and on an imported decision that does not say (read as a civil servant’s)',
  })
  serviceStatus!: 'cadre' | 'civil_servant' | null;
  @ApiProperty({ enum: DISCIPLINE_FORMS }) form!: string;
  @ApiProperty() violationCategory!: string;
  @ApiProperty(DATE) decidedOn!: string;
  @ApiProperty(DATE) effectiveFrom!: string;
  @ApiProperty({
    ...DATE,
    nullable: true,
    description: "end of the discipline's own validity (hiệu lực); null: no end",
  })
  inEffectUntil!: string | null;
  @ApiProperty({
    ...DATE,
    nullable: true,
    description: 'end of the bar on appointment to a higher post; null: no end',
  })
  barEndsOn!: string | null;
  @ApiProperty({ ...DATE, nullable: true }) annulledOn!: string | null;
  @ApiProperty({
    enum: ['in_effect', 'expired', 'annulled'],
    description: 'by the validity, judged on asOf',
  })
  status!: string;
  @ApiProperty({ description: 'the validity still runs on asOf' }) inEffect!: boolean;
  @ApiProperty({ description: 'the bar on a higher post still runs on asOf' }) barred!: boolean;
  @ApiProperty({ description: "the decision's own number and day, kept when a review changes it" })
  decisionRef!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the complaint decision that changed or annulled the form (number and day)',
  })
  revisedByRef!: string | null;
  @ApiProperty({ ...DATE, nullable: true }) revisedOn!: string | null;
  @ApiProperty() ruleSet!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "the other track's discipline case on the same violation",
  })
  sameViolationCaseId!: string | null;
}

export class RegisterPageDto {
  @ApiProperty({ type: [RegisterRowDto] }) items!: RegisterRowDto[];
  @ApiProperty(NEXT_CURSOR) nextCursor!: string | null;
}
