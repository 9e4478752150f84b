import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { RegisterPersonDto } from '../../cadres/dto/register-person.dto';
import { RemovePlanningPoolEntryDto } from '../../cadres/dto/person-record.dto';
import { RecordCivilServiceRankDto } from '../../cadres/dto/person-profile.dto';
import { CorrectionReasonDto } from '../../procedures/case/dto/correct-step.dto';
import { OpenCaseDto, ReasonDto } from '../../procedures/case/dto/open-case.dto';
import { DecisionStepDto } from '../../procedures/case/dto/step-bodies.dto';
import { DisciplineDecisionDto } from '../../procedures/discipline/dto/discipline-bodies.dto';
import {
  ComplaintDto,
  ComplaintReviewDto,
} from '../../procedures/discipline/dto/discipline-complaint.dto';
import { PersonRequestDto } from '../../procedures/discipline/dto/discipline-parts.dto';

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
