import 'reflect-metadata';
import { Transform } from 'class-transformer';
import {
  getMetadataStorage,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateIf,
} from 'class-validator';
import { HasText } from '../input/has-text.decorator';
import { OpenCaseDto } from '../../procedures/case/dto/open-case.dto';
import { OpenDisciplineCaseDto } from '../../procedures/discipline/dto/discipline-bodies.dto';
import { TransferBatchEntryDto } from '../../procedures/transfer-batch/dto/open-transfer-batch.dto';
import { RegisterPersonDto } from '../../cadres/dto/register-person.dto';
import { CreatePositionDto } from '../../cadres/dto/create-position.dto';
import { CreateOrgUnitDto } from '../../cadres/dto/create-org-unit.dto';
import { idFieldRule, takenByClassValidator } from './id-field-rule';
import { idsNamed } from './ids-named-in-body';

/** Texts an id field is sent in the wild: good ids, and the ones a field's rule refuses. */
const SAMPLES = [
  'c-2026-0042',
  'p-nguyen-van-an',
  'ou-ha-noi',
  'x',
  '',
  '   ',
  ' \t',
  'UPPER-case',
  'a',
  '-leading-dash',
  'a'.repeat(64),
  'a'.repeat(65),
  'a'.repeat(100),
  'a'.repeat(101),
  'tên-có-dấu',
  'pos with spaces',
];

class Conditional {
  @IsOptional()
  @Matches(/^[a-z]{2,5}$/)
  code?: string;

  // Only read when the flag the object carries says so: sent alone, the flag is absent.
  @ValidateIf((dto: Conditional) => dto.flag === true)
  @IsString()
  @Length(3, 4)
  @HasText()
  guarded?: string;

  flag?: boolean;

  @Transform(({ value }: { value: string }) => value.trim())
  @Length(2, 3)
  trimmed?: string;
}

describe('the id field rule (idsNamed reads an id only where its DTO would take it)', () => {
  const fieldsOf: [new () => object, string[]][] = [
    [
      OpenCaseDto,
      [
        'id',
        'orgUnitId',
        'personId',
        'positionId',
        'approvalInPrincipleCaseId',
        'consultationCaseId',
      ],
    ],
    [OpenDisciplineCaseDto, ['id', 'orgUnitId', 'personId', 'positionId']],
    [TransferBatchEntryDto, ['orgUnitId', 'personId', 'positionId', 'currentPositionId']],
    [RegisterPersonDto, ['id', 'orgUnitId']],
    [CreatePositionDto, ['orgUnitId', 'appointingAuthority']],
    [CreateOrgUnitDto, ['parentId']],
    [Conditional, ['code', 'guarded', 'trimmed']],
  ];

  it.each(fieldsOf)('judges every text as class-validator does (%p)', (dtoClass, fields) => {
    for (const field of fields)
      for (const value of SAMPLES)
        expect([field, value, idFieldRule(dtoClass, field)(value)]).toEqual([
          field,
          value,
          takenByClassValidator(dtoClass, field, value),
        ]);
  });

  it('takes a good case id and leaves out one its rule refuses', () => {
    const named = idsNamed(OpenCaseDto, { id: 'BAD ID', orgUnitId: 'ou-1', personId: '  ' }, [
      'id',
      'orgUnitId',
      'personId',
    ]);
    expect(named).toEqual({ orgUnitId: 'ou-1' });
  });

  it('plans a class once: later bodies read its ids without asking the metadata again', () => {
    class Fresh {
      @IsString()
      @Length(1, 10)
      unitId!: string;
    }
    const storage = getMetadataStorage();
    const planned = jest.spyOn(storage, 'getTargetValidationMetadatas');
    try {
      expect(idsNamed(Fresh, { unitId: 'ou-1' }, ['unitId'])).toEqual({ unitId: 'ou-1' });
      const afterFirst = planned.mock.calls.length;
      for (let body = 0; body < 100; body++)
        idsNamed(Fresh, { unitId: body % 2 ? 'ou-1' : 'x'.repeat(11) }, ['unitId']);
      expect(planned.mock.calls.length).toBe(afterFirst);
      expect(idsNamed(Fresh, { unitId: 'x'.repeat(11) }, ['unitId'])).toEqual({});
    } finally {
      planned.mockRestore();
    }
  });
});
