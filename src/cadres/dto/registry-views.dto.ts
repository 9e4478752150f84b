import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DisciplineOnRecordDto } from './discipline-on-record.dto';
import { FATHER_CARE_GROUNDS, PERSON_STATUS_KINDS } from '../person/person.events';
import { ORG_UNIT_KINDS } from './create-org-unit.dto';
import { POST_FILLED_BY, PostFilledBy } from '../post-filled-by';
import {
  AnnualRatingDto,
  CivilServiceRankDto,
  ManagementTierDto,
  PlaceOfOriginDto,
} from './person-profile.dto';
import { PartyMembershipEndedDto, PartyMembershipRestoredDto } from './party-membership.dto';
import { PastPostDto, PostHeldOnDayDto, UpcomingPostDto } from './posts-held.dto';

const DATE = { type: String, format: 'date' } as const;

export class OrgUnitDto {
  @ApiProperty({ example: 'ou-phuong-son-tay' }) id!: string;
  @ApiProperty({ example: 'Phường Sơn Tây' }) name!: string;
  @ApiProperty({ enum: ORG_UNIT_KINDS }) kind!: string;
  @ApiProperty({ type: String, nullable: true }) parentId!: string | null;
  @ApiProperty({ type: [String], description: 'ids from the top-level unit down to this one' })
  path!: string[];
}

export class OrgUnitTreeDto extends OrgUnitDto {
  @ApiProperty({ type: [OrgUnitDto], description: 'every unit below, top down' })
  subtree!: OrgUnitDto[];
}

const POSITION_SEATS = 'people who may hold it at once; null: 1 if elected, else no limit';

export class PositionDto {
  @ApiProperty({ example: 'pos-ha-noi-deputy-head-organization' }) id!: string;
  @ApiProperty({ example: 'Phó Trưởng ban Tổ chức Thành ủy Hà Nội' }) title!: string;
  @ApiProperty() orgUnitId!: string;
  @ApiProperty({ description: 'org unit whose leadership appoints to this post' })
  appointingAuthority!: string;
  @ApiProperty({ description: 'higher is more senior' }) rank!: number;
  @ApiProperty() isLeadership!: boolean;
  @ApiProperty({ enum: POST_FILLED_BY }) filledBy!: PostFilledBy;
  @ApiProperty({ type: Number, nullable: true, description: POSITION_SEATS }) seats!: number | null;
}

export class PositionCaseUnitsDto {
  @ApiProperty({ example: 'pos-ha-noi-head-organization' }) positionId!: string;
  @ApiProperty({
    type: [String],
    example: ['ou-ha-noi', 'ou-ha-noi-party-committee', 'ou-ha-noi-organization-committee'],
    description:
      "the units a case about the post may be opened in (orgUnitId of POST /cases): its appointing authority, its own unit and the units above either, and for an election nomination the Party committees of the post's territories (a party_committee unit under the post's unit or a unit above it); another is refused (422 case.unit_without_authority)",
  })
  orgUnitIds!: string[];
}

export class PostRestorationDto {
  @ApiProperty({ description: 'the discipline case whose decision had ended the post' })
  caseId!: string;
  @ApiProperty() positionId!: string;
  @ApiProperty({ ...DATE, description: 'the day the decision had ended it' }) endedOn!: string;
  @ApiProperty({ description: 'held again on its own term; false: the reason says why not' })
  restored!: boolean;
  @ApiProperty({ description: 'the review that annulled the decision or lightened its form' })
  decisionRef!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
}

export class RegistrationMoveDto {
  @ApiProperty({ description: 'the unit managing the record from then on' }) orgUnitId!: string;
  @ApiProperty() previousOrgUnitId!: string;
  @ApiProperty({ ...DATE, description: "the decision's effective day" }) from!: string;
  @ApiProperty({ description: 'the case whose decision moved it' }) caseId!: string;
  @ApiProperty() decisionRef!: string;
}

export class PlanningPoolEntryDto {
  @ApiProperty() positionId!: string;
  @ApiProperty({ example: '2025-2030' }) term!: string;
  @ApiProperty() decisionRef!: string;
}

export class PastPlanningPoolEntryDto extends PlanningPoolEntryDto {
  @ApiProperty({ description: 'the decision that took the entry off the pool' }) removedBy!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the discipline case whose decision removed it',
  })
  caseId!: string | null;
}

export class PlanningPoolRestorationDto {
  @ApiProperty({
    description:
      'the discipline case whose decision had removed the entry (annulled, or changed to a form that keeps the pool)',
  })
  caseId!: string;
  @ApiProperty() positionId!: string;
  @ApiProperty({ example: '2025-2030' }) term!: string;
  @ApiProperty({ description: 'put back in the pool; false: the reason says why not' })
  restored!: boolean;
  @ApiProperty({ description: 'the review that annulled the decision or lightened its form' })
  decisionRef!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
}

export class PersonStatusPeriodDto {
  @ApiProperty({ enum: PERSON_STATUS_KINDS }) status!: string;
  @ApiProperty(DATE) from!: string;
  @ApiProperty({ ...DATE, nullable: true }) until!: string | null;
  @ApiProperty() note!: string;
  @ApiPropertyOptional({
    enum: FATHER_CARE_GROUNDS,
    description: 'a man’s child_under_12_months period: why he raises the child himself',
  })
  fatherCareGround?: string;
}

export class OpenCaseOnRecordDto {
  @ApiProperty() caseId!: string;
  @ApiProperty() procedure!: string;
  @ApiProperty({ type: String, nullable: true }) stage!: string | null;
  @ApiProperty(DATE) since!: string;
}

/** A term's re-appointment notice its decision set, not yet given. */
export class ReappointmentNoticeAheadDto {
  @ApiProperty() positionId!: string;
  @ApiProperty(DATE) termEnd!: string;
  @ApiProperty(DATE) noticeOn!: string;
  @ApiProperty({ description: 'the decision that set it' }) decisionRef!: string;
}

export class ReappointmentDueDto {
  @ApiProperty() positionId!: string;
  @ApiProperty(DATE) termEnd!: string;
  @ApiProperty(DATE) noticeOn!: string;
  @ApiProperty({ enum: ['open_case', 'inbox_task'] }) action!: string;
  @ApiProperty({ type: String, nullable: true }) caseId!: string | null;
  @ApiProperty({ type: String, nullable: true }) refusal!: string | null;
  @ApiProperty() orgUnitId!: string;
}

/** A person's record (stream `cadre-<id>`) as the registry routes answer it. */
export class PersonRecordDto {
  @ApiProperty({ example: 'p-nguyen-van-an' }) id!: string;
  @ApiProperty({ type: Number, nullable: true }) revision!: number | null;
  @ApiProperty({ example: 'p-nguyen-van-an' }) personId!: string;
  @ApiProperty({ example: 'Nguyễn Văn An' }) fullName!: string;
  @ApiProperty(DATE) dateOfBirth!: string;
  @ApiProperty({ enum: ['male', 'female'] }) gender!: string;
  @ApiProperty() ethnicity!: string;
  @ApiProperty() partyMember!: boolean;
  @ApiPropertyOptional(DATE) partyJoinedOn?: string;
  @ApiProperty() educationLevel!: string;
  @ApiProperty() politicalTheoryLevel!: string;
  @ApiProperty({
    description:
      'the unit managing the record (its registration): where it was registered, or where the last decision moving the person into a post of another unit moved it',
  })
  orgUnitId!: string;
  @ApiProperty({ type: [RegistrationMoveDto], description: 'oldest first' })
  registrationMoves!: RegistrationMoveDto[];
  @ApiProperty({
    type: [PostHeldOnDayDto],
    description:
      'posts held today; one a decision ends on a later day is held until then (`endsOn`)',
  })
  posts!: PostHeldOnDayDto[];
  @ApiProperty({
    type: [UpcomingPostDto],
    description: 'posts a decision effective on a later day puts the person in, from `from`',
  })
  upcomingPosts!: UpcomingPostDto[];
  @ApiProperty({ type: [PastPostDto], description: 'posts ended on or before today' })
  pastPosts!: PastPostDto[];
  @ApiProperty({
    type: [PostRestorationDto],
    description:
      'posts a discipline decision ended and a complaint review annulled or lightened: held again, or why not',
  })
  postRestorations!: PostRestorationDto[];
  @ApiProperty({ type: [PlanningPoolEntryDto] }) planningPool!: PlanningPoolEntryDto[];
  @ApiProperty({ type: [PastPlanningPoolEntryDto], description: 'entries taken off the pool' })
  pastPlanningPool!: PastPlanningPoolEntryDto[];
  @ApiProperty({
    type: [PlanningPoolRestorationDto],
    description:
      'entries a discipline decision had removed, annulled or changed to a form keeping the pool: put back, or why not',
  })
  planningRestorations!: PlanningPoolRestorationDto[];
  @ApiProperty({ type: [PersonStatusPeriodDto] }) statuses!: PersonStatusPeriodDto[];
  @ApiProperty({
    type: PartyMembershipEndedDto,
    nullable: true,
    description:
      'set when an expulsion ended the Party membership (partyMember is then false); an annulment of it gives the membership back',
  })
  partyMembershipEnded!: PartyMembershipEndedDto | null;
  @ApiProperty({
    type: PartyMembershipRestoredDto,
    nullable: true,
    description:
      'the last complaint review that gave the membership back; null while none has, or once expelled again',
  })
  partyMembershipRestored!: PartyMembershipRestoredDto | null;
  @ApiProperty({ type: [DisciplineOnRecordDto] }) discipline!: DisciplineOnRecordDto[];
  @ApiProperty({ type: [OpenCaseOnRecordDto] }) openCases!: OpenCaseOnRecordDto[];
  @ApiProperty({
    type: [ReappointmentDueDto],
    description:
      'the re-appointment notices given for the posts still held (a post a decision ended is due for none)',
  })
  reappointmentsDue!: ReappointmentDueDto[];
  @ApiProperty({
    type: [ReappointmentNoticeAheadDto],
    description:
      "the notices the terms' decisions set and not yet given (those given: reappointmentsDue)",
  })
  reappointmentNoticesAhead!: ReappointmentNoticeAheadDto[];
  @ApiProperty({ type: PlaceOfOriginDto, nullable: true }) placeOfOrigin!: PlaceOfOriginDto | null;
  @ApiProperty({ type: ManagementTierDto, nullable: true })
  managementTier!: ManagementTierDto | null;
  @ApiProperty({ type: CivilServiceRankDto, nullable: true })
  civilServiceRank!: CivilServiceRankDto | null;
  @ApiProperty({ type: [AnnualRatingDto], description: 'one per year, oldest first' })
  ratings!: AnnualRatingDto[];
}

export class EligibilityReasonDto {
  @ApiProperty({ example: 'discipline.in_effect' }) rule!: string;
  @ApiProperty({
    example: 'discipline (warning, 45-QĐ/UBKTTU) bars a higher post until 2027-06-01',
  })
  reason!: string;
}

export class EligibilityDto {
  @ApiProperty() personId!: string;
  @ApiProperty() positionId!: string;
  @ApiProperty() eligible!: boolean;
  @ApiProperty({ ...DATE, description: 'the day judged' }) asOf!: string;
  @ApiProperty({ example: 'vn-2025' }) ruleSet!: string;
  @ApiProperty({ type: [EligibilityReasonDto], description: 'every reason, empty when eligible' })
  reasons!: EligibilityReasonDto[];
}
