import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STEP_KINDS } from '../../../workflow/definitions/procedure-definition';

const FREE_OBJECT = { type: 'object', additionalProperties: true } as const;

export class CurrentStepDto {
  @ApiProperty({ example: 'leadership-round-1' }) id!: string;
  @ApiProperty({ enum: STEP_KINDS }) kind!: string;
  @ApiProperty({ example: 'Leadership conference, round 1' }) title!: string;
  @ApiProperty({ example: 'Hội nghị tập thể lãnh đạo, lần 1' }) titleVi!: string;
  @ApiProperty({ type: [String], example: ['organization_staff'] }) roles!: string[];
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'deadline (working days)',
  })
  dueOn!: string | null;
  @ApiProperty({
    description:
      'true when the deadline was counted through a year whose official holiday schedule is not published yet (tạm tính): it may move when the schedule lands',
  })
  provisional!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    enum: [
      'discipline.time_limit',
      'removal.resignation.talk',
      'removal.resignation.decisionLimit',
    ],
    description:
      'the legal time limit that is the due day, where the step’s own time limit would run past it (or ends the same day): the civil-service time to decide (thời hạn xử lý kỷ luật), or the resignation talk’s or decision’s limit counted from the letter; null otherwise',
  })
  dueLimitedBy!: string | null;
  @ApiProperty({ description: 'today is past the due day and the step is not done (quá hạn)' })
  overdue!: boolean;
  @ApiProperty({
    type: () => DueCountedDto,
    nullable: true,
    description:
      'how the step’s own time limit made the due day (null when a legal limit did, see dueLimitedBy, or the step has none): each step’s limit (the definition’s steps[].deadline) runs from the day the step before it was held, or from the opening for the first step, so a later step may be due before the day an earlier one was',
  })
  dueCounted!: DueCountedDto | null;
}

export class DueCountedDto {
  @ApiProperty({ format: 'date', description: 'the day the step became current' }) from!: string;
  @ApiProperty({
    enum: ['opening', 'previousStep'],
    description: 'opening: the case opened that day; previousStep: the step before was held then',
  })
  since!: 'opening' | 'previousStep';
  @ApiProperty({ type: Number, nullable: true, example: 15 }) workingDays!: number | null;
  @ApiProperty({ type: Number, nullable: true }) days!: number | null;
}

/** Why the reader is offered no action on the case: they are its person, a nominee or a candidate. */
export class ReaderMayNotActDto {
  @ApiProperty({ enum: ['separation.subject'] }) rule!: 'separation.subject';
  @ApiProperty({
    example: 'you are the subject of this case (p-tran-thi-binh) and may not act on it',
  })
  message!: string;
}

export class AllowedActionDto {
  @ApiProperty({
    example: 'perform-step',
    description:
      'perform-step, resolve-vetting-item, recheck-vetting-item, withdraw, reject (cases); extend-time-limit, close, file-complaint, review-complaint (discipline); correct-step (both: the last step, with the roles that may correct it)',
  })
  action!: string;
  @ApiProperty({ example: '/cases/c-2026-0042/steps/leadership-round-1' }) href!: string;
  @ApiPropertyOptional() stepId?: string;
  @ApiPropertyOptional({ enum: STEP_KINDS }) kind?: string;
  @ApiPropertyOptional({ type: [String] }) roles?: string[];
  @ApiPropertyOptional({
    description:
      'resolve-vetting-item: the flagged item, one the case’s rule set lets vetting staff set aside (not in vetting.unwaivableItems); recheck-vetting-item: a flagged item read from the record that staff may not set aside, which the same resolution reads again from the record (cleared where the record no longer bears it out, refused while it does)',
  })
  item?: string;
  @ApiPropertyOptional({ type: String, format: 'date', description: 'file-complaint: last day' })
  until?: string;
}

/** A case as `GET /cases/:id` and every case write answer it (also the `ETag` revision). */
export class RecordedFromPaperDto {
  @ApiProperty({ example: 'HS-2025/017', description: "the paper file's reference" })
  paperRecordRef!: string;
  @ApiProperty({ type: String, format: 'date', description: 'the day it was entered here' })
  recordedOn!: string;
}

export class NomineeTallyViewDto {
  @ApiProperty({ example: 'leadership-round-2' }) stepId!: string;
  @ApiProperty({ enum: ['nomination', 'ballot'] }) kind!: string;
  @ApiPropertyOptional({ description: 'a nomination: votes received' }) votes?: number;
  @ApiPropertyOptional({ description: "a ballot: the nominee's tally" })
  tally?: Record<string, number>;
  @ApiPropertyOptional({ enum: ['passed', 'failed'] }) outcome?: string;
  @ApiPropertyOptional({ example: 'not announced', description: 'why the counts are not shown' })
  withheld?: string;
}

export class NomineeTalliesDto {
  @ApiProperty({ example: 'p-nguyen-van-an' }) personId!: string;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description:
      'still standing after the latest nomination, ballot or exam; null when that step is withheld from this reader (nomineesWithheld)',
  })
  standing!: boolean | null;
  @ApiProperty({
    type: [NomineeTallyViewDto],
    description:
      'one entry per nomination or ballot the nominee took part in; none for a round they were not in (dropped before it)',
  })
  tallies!: NomineeTallyViewDto[];
}

export class CaseViewDto {
  @ApiProperty({ example: 'c-2026-0042' }) id!: string;
  @ApiProperty({
    enum: ['appointment', 'reappointment', 'rotation', 'removal', 'extension', 'election'],
  })
  procedure!: string;
  @ApiProperty({ enum: ['open', 'decided', 'rejected', 'withdrawn'] }) status!: string;
  @ApiProperty({ example: 'appointment.internal@1' }) definition!: string;
  @ApiProperty({ example: 'vn-2025' }) ruleSet!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'p-nguyen-van-an',
    description:
      'whom the case is about: a post case names the appointee its final ballot chose (as appointee), else the person it was opened for; null for a case opened for a post until its steps choose someone',
  })
  personId!: string | null;
  @ApiProperty({ example: 'pos-ha-noi-head-organization' }) positionId!: string;
  @ApiProperty({ example: 'ou-ha-noi-party-committee' }) orgUnitId!: string;
  @ApiProperty({ type: String, format: 'date' }) openedOn!: string;
  @ApiPropertyOptional({
    type: RecordedFromPaperDto,
    description: 'a case kept on paper, opened here as of the day it began (openedOn)',
  })
  recordedFromPaper?: RecordedFromPaperDto;
  @ApiProperty() summary!: string;
  @ApiPropertyOptional({
    ...FREE_OBJECT,
    nullable: true,
    description: 'what the procedure checked when the case opened (e.g. rotation: kind, duration)',
  })
  facts!: Record<string, unknown> | null;
  @ApiProperty({ type: Number, nullable: true, description: 'send it back in If-Match' })
  revision!: number | null;
  @ApiProperty({
    type: CurrentStepDto,
    nullable: true,
    description: 'null once the case is closed',
  })
  currentStep!: CurrentStepDto | null;
  @ApiProperty({
    type: [AllowedActionDto],
    description:
      "empty for the person the case is about and for its nominees and candidates (readerMayNotAct says why), and in a view as of a moment (asOf: a replay of the case as it stood, where nothing may be done; read it without asOf to act); withdraw and reject only for the role that opens the case (its first step's), who alone may end it",
  })
  allowedNext!: AllowedActionDto[];
  @ApiPropertyOptional({
    type: ReaderMayNotActDto,
    description:
      'present when the reader is the person the case is about, or a nominee or examination candidate it has named: separation of duties refuses them every step, withdrawal, rejection and correction',
  })
  readerMayNotAct?: ReaderMayNotActDto;
  @ApiProperty({
    type: 'array',
    items: FREE_OBJECT,
    description:
      'the steps done, in order: { type, stepId, heldOn, actor, … }; an unannounced tally reads "not announced"',
  })
  steps!: Record<string, unknown>[];
  @ApiProperty({
    ...FREE_OBJECT,
    description:
      'vetting item → { item, result: cleared|flagged, source: staff|record, note, resolved, rule? } (rule: a record flag no vetting may set aside under its own rule, age.retirement_reached)',
  })
  vetting!: Record<string, unknown>;
  @ApiProperty({
    type: [String],
    nullable: true,
    description:
      'people the nominations brought up and still standing; null with nomineesWithheld when the step that selected them is not announced to this reader',
  })
  nominees!: string[] | null;
  @ApiPropertyOptional({
    description:
      'why nominees is not shown: "not announced" (the reader takes no part in the next step) or "withheld from the subject" (the subject, a candidate)',
  })
  nomineesWithheld?: string;
  @ApiPropertyOptional({ description: 'the case fills a post (opened with or without a person)' })
  fillsPost?: boolean;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'a post case: the nominee its final ballot chose, whom the decision appoints',
  })
  appointee?: string | null;
  @ApiPropertyOptional({
    type: [NomineeTalliesDto],
    description:
      "a post case: each nominee and their tally at every nomination and ballot, as far as the viewer may see them (an unannounced ballot's counts are withheld, with the reason)",
  })
  nomineeTallies?: NomineeTalliesDto[];
  @ApiPropertyOptional({ ...FREE_OBJECT, description: 'when decided: number, signer, term' })
  decision?: Record<string, unknown>;
  @ApiPropertyOptional({
    ...FREE_OBJECT,
    description:
      'when rejected: rule and reason; a rejection by a ballot\'s result restates its counts, so its reason is withheld as that ballot\'s are: "withheld from the subject" or "not announced" in its place, with withheld ["reason"]',
  })
  rejection?: Record<string, unknown>;
  @ApiPropertyOptional({ ...FREE_OBJECT, description: 'when withdrawn: reason' })
  withdrawal?: Record<string, unknown>;
}
