import { createValidationPipe } from '../../../common/validation';
import { OpenTransferBatchDto, TransferBatchEntryDto } from './open-transfer-batch.dto';
import { acceptValidTransferBatch } from './transfer-batch-body-check';

/** The global pipe without hand checks: class-validator on the DTO's decorators, the reference. */
const pipe = createValidationPipe();
const byDecorators = (body: unknown) =>
  pipe.transform(structuredClone(body), { type: 'body', metatype: OpenTransferBatchDto });

const entry = (fields: Record<string, unknown> = {}) => ({
  reason: 'Sắp xếp tổ chức bộ máy',
  orgUnitId: 'ou-town',
  positionId: 'pos-new',
  currentPositionId: 'pos-old',
  personId: 'p-an',
  ...fields,
});

const valid: [string, unknown][] = [
  ['entries only', { entries: [entry()] }],
  ['every field', { id: 'tb-01', definition: 'transfer.standard', entries: [entry(), entry()] }],
  ['a null id and definition', { id: null, definition: null, entries: [entry()] }],
  ['no entries (the size rule answers later)', { entries: [] }],
  ['bounds', { entries: [entry({ personId: 'x'.repeat(100), reason: 'r'.repeat(2000) })] }],
  ['a surrogate pair counted once', { entries: [entry({ personId: '😀'.repeat(100) })] }],
  [
    'a variation selector counted with its letter',
    { entries: [entry({ personId: '✔\uFE0F'.repeat(100) })] },
  ],
  [
    'a reason composed and its no-break spaces made spaces, as the DTO stores it',
    { entries: [entry({ reason: 'Sắp xếp\u00A0bộ máy'.normalize('NFD') })] },
  ],
  [
    'a reason on several lines (free text keeps them)',
    { entries: [entry({ reason: 'Sắp xếp\r\nbộ máy\u2028theo Đề án' })] },
  ],
];

const invalid: [string, unknown][] = [
  ['no body', undefined],
  ['a list as the body', [entry()]],
  ['an unknown field', { entries: [entry()], note: 'x' }],
  ['an unknown entry field', { entries: [entry({ note: 'x' })] }],
  ['a missing field', { entries: [entry({ personId: undefined })] }],
  ['an empty field', { entries: [entry({ positionId: '' })] }],
  ['a number for text', { entries: [entry({ orgUnitId: 7 })] }],
  ['a field too long', { entries: [entry({ currentPositionId: 'x'.repeat(101) })] }],
  ['a reason too long', { entries: [entry({ reason: 'r'.repeat(2001) })] }],
  ['a blank reason', { entries: [entry({ reason: '   ' })] }],
  ['a blank id', { entries: [entry({ personId: ' ' })] }],
  ['a reason of zero-width spaces', { entries: [entry({ reason: '\u200B\u200B' })] }],
  ['a reason of accent marks alone', { entries: [entry({ reason: ' \u0301\n\u0301 ' })] }],
  ['a reason with a direction override', { entries: [entry({ reason: 'Lý do \u202Ekhác' })] }],
  ['an entry that is not an object', { entries: [entry(), 'p-an'] }],
  ['a null entry', { entries: [null] }],
  ['entries not a list', { entries: entry() }],
  ['no entries', { id: 'tb-01' }],
  ['a bad id', { id: 'TB 01', entries: [entry()] }],
  ['an id that is not text', { id: 12, entries: [entry()] }],
  ['a short definition', { definition: 'tr', entries: [entry()] }],
];

describe('the hand check of a transfer batch body', () => {
  it.each(valid)(
    'accepts what the DTO accepts, built as the pipe builds it: %s',
    async (_, body) => {
      const accepted = acceptValidTransferBatch(structuredClone(body));
      const reference = await byDecorators(body);
      expect(accepted).toBeInstanceOf(OpenTransferBatchDto);
      expect(accepted).toEqual(reference);
      // The batch's content hash is this JSON: the same keys in the same order.
      expect(JSON.stringify(accepted)).toBe(JSON.stringify(reference));
      for (const one of accepted!.entries) expect(one).toBeInstanceOf(TransferBatchEntryDto);
    },
  );

  it.each(invalid)('leaves to the pipe what the DTO refuses: %s', async (_, body) => {
    expect(acceptValidTransferBatch(structuredClone(body))).toBeNull();
    await expect(byDecorators(body)).rejects.toThrow();
  });
});
