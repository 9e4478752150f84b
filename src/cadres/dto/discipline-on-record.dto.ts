import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CouncilResolutionDto } from '../../procedures/discipline/dto/discipline-parts.dto';
import { DISCIPLINE_FORMS } from '../../procedures/discipline/discipline-forms';

const DATE = { type: String, format: 'date' } as const;

export class BarScopeDto {
  @ApiProperty({
    enum: ['equivalent_or_higher', 'any'],
    description: 'an equivalent post too, or any appointment',
  })
  scope!: 'equivalent_or_higher' | 'any';
  @ApiProperty({
    ...DATE,
    nullable: true,
    description: 'the day it narrows to a higher post only',
  })
  until!: string | null;
}

export class DisciplineOnRecordDto {
  @ApiProperty() caseId!: string;
  @ApiProperty({ enum: ['party', 'civil_service'] }) track!: string;
  @ApiProperty({ enum: DISCIPLINE_FORMS }) form!: string;
  @ApiProperty(DATE) decidedOn!: string;
  @ApiProperty(DATE) effectiveFrom!: string;
  @ApiProperty() decisionRef!: string;
  @ApiProperty({
    ...DATE,
    nullable: true,
    description:
      'until when the person may not take a higher post; null: no end, or the decision is annulled (status annulled)',
  })
  barEndsOn!: string | null;
  @ApiPropertyOptional({
    type: BarScopeDto,
    description:
      'the posts the bar covers besides a higher one (discipline.barScope), until when; absent: a higher post only',
  })
  barScope?: BarScopeDto;
  @ApiProperty() ruleSetId!: string;
  @ApiProperty() violationCategory!: string;
  @ApiProperty() orgUnitId!: string;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true })
  annulled!: { on: string; decisionRef: string } | null;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  revisions!: Record<string, unknown>[];
  @ApiProperty({
    nullable: true,
    description:
      'the complaint decision that last changed or annulled it (decisionRef stays the decision’s own number)',
  })
  revisedByRef!: string | null;
  @ApiProperty({ ...DATE, nullable: true, description: 'the day of that complaint decision' })
  revisedOn!: string | null;
  @ApiProperty({
    ...DATE,
    nullable: true,
    description:
      "end of the discipline's own validity (hiệu lực); null: no end, or the decision is annulled (status annulled)",
  })
  inEffectUntil!: string | null;
  @ApiPropertyOptional({ description: "the other track's discipline case on the same violation" })
  sameViolationCaseId?: string;
  @ApiPropertyOptional({
    enum: ['cadre', 'civil_servant'],
    description:
      'civil-service track: whether the case ran the person as a cadre (cán bộ) or a civil servant (công chức); absent on the Party track, on decisions recorded before Dec 2026 and on imported ones but those imported as «Cán bộ» (`cadre`)',
  })
  serviceStatus?: 'cadre' | 'civil_servant';
  @ApiPropertyOptional({
    type: CouncilResolutionDto,
    description: "a recall imported from paper: the electing council's resolution it carried out",
  })
  councilResolution?: CouncilResolutionDto;
  @ApiProperty({
    enum: ['in_effect', 'expired', 'annulled'],
    description: 'by the validity, judged today',
  })
  status!: string;
  @ApiProperty({ description: 'the bar on a higher post still runs today' }) barred!: boolean;
}
