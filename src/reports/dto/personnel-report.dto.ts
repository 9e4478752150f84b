import { ApiProperty } from '@nestjs/swagger';

const DATE = { type: String, format: 'date' } as const;

export class ReportPeriodDto {
  @ApiProperty(DATE) from!: string;
  @ApiProperty(DATE) to!: string;
}

export class DecidedCasesRowDto {
  @ApiProperty() orgUnitId!: string;
  @ApiProperty() orgUnitName!: string;
  @ApiProperty({ example: 'appointment' }) procedure!: string;
  @ApiProperty() count!: number;
}

export class DecisionsSectionDto {
  @ApiProperty({ type: [DecidedCasesRowDto] }) rows!: DecidedCasesRowDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { appointment: 3, reappointment: 1, rotation: 0, transfer: 0 },
    description: 'cases decided in the period by procedure',
  })
  totals!: Record<string, number>;
}

export class DisciplineTotalDto {
  @ApiProperty({ enum: ['party', 'civil_service'] }) track!: string;
  @ApiProperty({
    enum: ['cadre', 'civil_servant'],
    nullable: true,
    description:
      'on the civil-service track, cadres (cán bộ, «Cán bộ» in the workbook) and civil servants (công chức, «Công chức») counted apart, as the cases ran them (a decision that does not say: a civil servant’s); null on the Party track',
  })
  serviceStatus!: 'cadre' | 'civil_servant' | null;
  @ApiProperty({ example: 'reprimand' }) form!: string;
  @ApiProperty({ description: 'distinct people' }) people!: number;
  @ApiProperty() decisions!: number;
}

export class DisciplinedRowDto extends DisciplineTotalDto {
  @ApiProperty() orgUnitId!: string;
  @ApiProperty() orgUnitName!: string;
}

export class DisciplineSectionDto {
  @ApiProperty({
    description:
      'distinct people disciplined in the period, each once whatever their tracks and forms (the rows and totals count per form and cannot be added up)',
  })
  people!: number;
  @ApiProperty({ type: [DisciplinedRowDto] }) rows!: DisciplinedRowDto[];
  @ApiProperty({
    type: [DisciplineTotalDto],
    description:
      'per track and form over every unit: each person once however many units decided on them (not the rows added up), each decision once',
  })
  totals!: DisciplineTotalDto[];
}

export class NonLocalLeaderDto {
  @ApiProperty() personId!: string;
  @ApiProperty({ type: String, nullable: true }) fullName!: string | null;
  @ApiProperty({ type: String, nullable: true }) originProvince!: string | null;
  @ApiProperty() positionId!: string;
  @ApiProperty() positionTitle!: string;
  @ApiProperty() orgUnitName!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the province the post lies in' })
  province!: string | null;
}

export class NonLocalSectionDto {
  @ApiProperty({ description: 'people holding a leadership post today' }) leaders!: number;
  @ApiProperty({ description: 'of them, with a place of origin on record' }) withOrigin!: number;
  @ApiProperty({ description: 'of them, not from the province of their post' }) nonLocal!: number;
  @ApiProperty({ type: [NonLocalLeaderDto] }) people!: NonLocalLeaderDto[];
}

export class TargetShareDto {
  @ApiProperty() count!: number;
  @ApiProperty({ type: Number, nullable: true }) percent!: number | null;
  @ApiProperty() targetPercent!: number;
  @ApiProperty() met!: boolean;
}

export class YoungShareDto extends TargetShareDto {
  @ApiProperty({ description: 'young means under this age' }) underAge!: number;
}

export class PoolSectionDto {
  @ApiProperty() entries!: number;
  @ApiProperty({ description: 'distinct people in the pool' }) people!: number;
  @ApiProperty({ type: TargetShareDto }) women!: TargetShareDto;
  @ApiProperty({ type: YoungShareDto }) young!: YoungShareDto;
  @ApiProperty({ description: 'where the targets come from' }) citation!: string;
}

export class PersonnelReportDto {
  @ApiProperty() orgUnitId!: string;
  @ApiProperty({ type: ReportPeriodDto }) period!: ReportPeriodDto;
  @ApiProperty({ ...DATE, description: 'the day the registry sections describe' }) asOf!: string;
  @ApiProperty() ruleSet!: string;
  @ApiProperty({ type: DecisionsSectionDto }) decisions!: DecisionsSectionDto;
  @ApiProperty({ type: DisciplineSectionDto }) discipline!: DisciplineSectionDto;
  @ApiProperty({ type: NonLocalSectionDto }) nonLocalLeaders!: NonLocalSectionDto;
  @ApiProperty({ type: PoolSectionDto }) planningPool!: PoolSectionDto;
}
