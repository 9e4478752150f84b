import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { RegisterPersonDto } from '../../cadres/dto/register-person.dto';
import { CreateOrgUnitDto } from '../../cadres/dto/create-org-unit.dto';
import { CreatePositionDto } from '../../cadres/dto/create-position.dto';
import { RecordPlanningReviewDto } from '../../cadres/dto/planning-review.dto';
import { AssignPostDto, RemovePlanningPoolEntryDto } from '../../cadres/dto/person-record.dto';
import {
  RecordCivilServiceRankDto,
  RecordPlaceOfOriginDto,
} from '../../cadres/dto/person-profile.dto';
import { CorrectionReasonDto } from '../../procedures/case/dto/correct-step.dto';
import { OpenCaseDto, ReasonDto } from '../../procedures/case/dto/open-case.dto';
import { DecisionStepDto } from '../../procedures/case/dto/step-bodies.dto';
import { DisciplineDecisionDto } from '../../procedures/discipline/dto/discipline-bodies.dto';
import {
  ComplaintDto,
  ComplaintReviewDto,
} from '../../procedures/discipline/dto/discipline-complaint.dto';
import {
  CouncilResolutionDto,
  PersonRequestDto,
  ViolationDto,
} from '../../procedures/discipline/dto/discipline-parts.dto';
import { DisciplineMeetingDto } from '../../procedures/discipline/dto/discipline-bodies.dto';

type Dto = new () => object;

/** The constraints class-validator reports for one field of a body holding only that field. */
const constraintsOf = (dto: Dto, field: string, value: string) =>
  validateSync(plainToInstance(dto, { [field]: value }), { stopAtFirstError: true }).find(
    (error) => error.property === field,
  )?.constraints;

const storedAs = (dto: Dto, field: string, value: string) =>
  (plainToInstance(dto, { [field]: value }) as Record<string, unknown>)[field];

/**
 * Every free-text field that is a legal reference, a number, a signer, a reason, grounds or a
 * note is held to the character rule of names (`text-characters.ts`): "\u200b\u200b" passed
 * `@HasText` (a zero-width space is not white space) and was stored as a decision number.
 */
describe('VisibleText on legal references, reasons, grounds and notes', () => {
  it.each<[string, Dto, string, string]>([
    ['a complaint review’s decision number', ComplaintReviewDto, 'number', '\u200B\u200B'],
    ['a complaint’s grounds', ComplaintDto, 'grounds', '\u200B\u200B'],
    ['a complaint review’s reason', ComplaintReviewDto, 'reason', 'Giữ \u202Enguyên'],
    ['a case decision’s number', DecisionStepDto, 'number', '\u200B\u200B'],
    ['a case decision’s signer', DecisionStepDto, 'signer', '\u{E0041}'],
    ['a case decision’s minutes', DecisionStepDto, 'minutesRef', 'BB\u2800'],
    ['a case decision’s note', DecisionStepDto, 'note', '\u3164'],
    ['a discipline decision’s number', DisciplineDecisionDto, 'number', '\u200B'],
    ['a discipline decision’s signer', DisciplineDecisionDto, 'signer', 'Bí thư\uE000'],
    ['a person’s request reference', PersonRequestDto, 'reference', '\u2066X\u2069'],
    ['a case summary', OpenCaseDto, 'summary', '\uFEFF'],
    ['a case’s paper record', OpenCaseDto, 'paperRecordRef', 'HS\u200D'],
    ['a withdrawal reason', ReasonDto, 'reason', '\u200B'],
    ['a correction reason', CorrectionReasonDto, 'reason', '\u180E'],
    ['a pool removal’s decision', RemovePlanningPoolEntryDto, 'decisionRef', '\u200B'],
    ['a pool removal’s reason', RemovePlanningPoolEntryDto, 'reason', '\u200B'],
    ['a rank’s title', RecordCivilServiceRankDto, 'title', '\u200B'],
    ['an ethnicity', RegisterPersonDto, 'ethnicity', 'Kinh\u200B'],
    ['an education level', RegisterPersonDto, 'educationLevel', '\u{E0041}'],
  ])('refuses %s holding an invisible or private-use character', (_, dto, field, value) => {
    expect(constraintsOf(dto, field, value)).toHaveProperty('visibleText');
  });

  it('stores a reference composed, with ordinary spaces, and keeps a note’s line breaks', () => {
    expect(storedAs(DecisionStepDto, 'number', ' 215-QĐ/TU\u00A0'.normalize('NFD'))).toBe(
      '215-QĐ/TU',
    );
    expect(storedAs(DecisionStepDto, 'signer', 'Bí\u3000thư')).toBe('Bí thư');
    expect(storedAs(DecisionStepDto, 'note', 'Dòng một\n  dòng hai')).toBe('Dòng một\n  dòng hai');
    expect(constraintsOf(DecisionStepDto, 'note', 'Đồng ý 👍🏻 ❤️')).toBeUndefined();
  });
});

/**
 * A reference or a name is one line wherever it is printed (a register, a letter, an export): a
 * decision number "215\nQĐ/TU" or a signer ending in U+2028 was stored as sent (only names and
 * titles were `@OneLine`), and the lists printing it broke. Free text keeps its lines.
 */
describe('VisibleText on one line', () => {
  it.each<[string, Dto, string, string]>([
    ['a post’s decision', AssignPostDto, 'decisionRef', '125-QĐ/TU\n'],
    ['a pool removal’s decision', RemovePlanningPoolEntryDto, 'decisionRef', '125\r\nQĐ'],
    ['a planning review’s decision', RecordPlanningReviewDto, 'decisionRef', '12\u2028QĐ'],
    ['a rank’s decision', RecordCivilServiceRankDto, 'decisionRef', '12\u2029QĐ'],
    ['a rank’s title', RecordCivilServiceRankDto, 'title', 'Chuyên viên\vchính'],
    ['a province', RecordPlaceOfOriginDto, 'province', 'Hà\fNội'],
    ['a case decision’s number', DecisionStepDto, 'number', '215\nQĐ/TU'],
    ['a case decision’s signer', DecisionStepDto, 'signer', 'Bí thư\u2028Thành ủy'],
    ['a case decision’s minutes', DecisionStepDto, 'minutesRef', 'BB\u0085 01'],
    ['a case’s paper record', OpenCaseDto, 'paperRecordRef', 'HS\n017'],
    ['a discipline decision’s number', DisciplineDecisionDto, 'number', '07\n'],
    ['a discipline decision’s signer', DisciplineDecisionDto, 'signer', 'Chủ tịch\rUBND'],
    ['a discipline meeting’s minutes', DisciplineMeetingDto, 'minutesRef', 'BB\n02'],
    ['a complaint review’s number', ComplaintReviewDto, 'number', '09\u2028'],
    ['a complainant’s name', ComplaintDto, 'complainantName', 'Nguyễn\nVăn An'],
    ['a person’s request reference', PersonRequestDto, 'reference', 'Đơn\n01'],
    ['a council resolution’s number', CouncilResolutionDto, 'number', '07/NQ\n'],
    ['a violation’s severity', ViolationDto, 'severity', 'warning\n'],
    ['a full name', RegisterPersonDto, 'fullName', 'Nguyễn\tVăn\nX'],
    ['an ethnicity', RegisterPersonDto, 'ethnicity', 'Kinh\n'],
    ['a position’s title', CreatePositionDto, 'title', 'Trưởng\u2028phòng'],
    ['a unit’s name', CreateOrgUnitDto, 'name', 'Sở\nNội vụ'],
  ])('refuses %s holding a tab or a line break (rule oneLine)', (_, dto, field, value) => {
    expect(constraintsOf(dto, field, value)).toHaveProperty('oneLine');
  });

  it('names the character and its position', () => {
    expect(constraintsOf(DecisionStepDto, 'number', '215\u2028QĐ')).toEqual({
      oneLine: 'number must be one line: no tab or line break (U+2028 at position 4)',
    });
  });

  it.each<[string, Dto, string]>([
    ['a case decision’s note', DecisionStepDto, 'note'],
    ['a case summary', OpenCaseDto, 'summary'],
    ['a complaint’s grounds', ComplaintDto, 'grounds'],
    ['a complaint review’s reason', ComplaintReviewDto, 'reason'],
    ['a withdrawal reason', ReasonDto, 'reason'],
    ['a correction reason', CorrectionReasonDto, 'reason'],
    ['a pool removal’s reason', RemovePlanningPoolEntryDto, 'reason'],
    ['a violation’s description', ViolationDto, 'description'],
  ])('keeps the line breaks of %s', (_, dto, field) => {
    const value = 'Dòng một\r\ndòng hai\u2028dòng ba';
    expect(constraintsOf(dto, field, value)).toBeUndefined();
    expect(storedAs(dto, field, value)).toBe(value);
  });
});

/**
 * Accent marks with nothing under them ("\u0301\u0301", " \u0301 ") passed `@HasText` (a mark is
 * not white space) and `@Length(1, …)`, and were stored as a decision number or a reason nobody
 * can read.
 */
describe('VisibleText on accent marks alone', () => {
  it.each<[string, Dto, string, string]>([
    ['a case decision’s number', DecisionStepDto, 'number', '\u0301\u0301'],
    ['a case decision’s signer', DecisionStepDto, 'signer', ' \u0301 '],
    ['a post’s decision', AssignPostDto, 'decisionRef', '\u0300'],
    ['a full name', RegisterPersonDto, 'fullName', '\u0301 \u0323'],
    ['a correction reason', CorrectionReasonDto, 'reason', ' \u0301\n\u0301 '],
    ['a complaint’s grounds', ComplaintDto, 'grounds', '\u0303'],
  ])('refuses %s (rule visibleText)', (_, dto, field, value) => {
    expect(constraintsOf(dto, field, value)).toEqual({
      visibleText: `${field} must not hold accent marks with no letter under them`,
    });
  });

  it('takes a mark after its letter, stored composed', () => {
    expect(constraintsOf(DecisionStepDto, 'signer', 'Nguye\u0302\u0303n')).toBeUndefined();
    expect(storedAs(DecisionStepDto, 'signer', 'Nguye\u0302\u0303n')).toBe('Nguyễn');
  });
});

/**
 * A one-line text sent as only spaces was stored trimmed to "", which the length check called
 * "required" as if it had not been sent; where the field refuses blank text (`HasText`) it is now
 * kept as sent, and refused as blank. A field that takes an empty text still stores it empty.
 */
describe('VisibleText on only spaces', () => {
  it.each<[string, Dto, string]>([
    ['a complainant', ComplaintDto, 'complainantName'],
    ['a case decision’s signer', DecisionStepDto, 'signer'],
    ['a full name', RegisterPersonDto, 'fullName'],
  ])('refuses %s as blank, not as absent', (_, dto, field) => {
    expect(constraintsOf(dto, field, ' \u00a0 ')).toEqual({
      hasText: `${field} must not be blank`,
    });
  });

  it('stores an optional locality sent as spaces empty, as before', () => {
    expect(constraintsOf(RecordPlaceOfOriginDto, 'locality', '   ')).toBeUndefined();
    expect(storedAs(RecordPlaceOfOriginDto, 'locality', '   ')).toBe('');
  });
});
