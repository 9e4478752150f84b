import { isString, length, matches } from 'class-validator';
import {
  lineBreakIn,
  storedText,
  TextLayout,
  visibleTextProblem,
} from '../../../common/input/text-characters';
import {
  OpenTransferBatchDto,
  TRANSFER_BATCH_ID_PATTERN,
  TransferBatchEntryDto,
} from './open-transfer-batch.dto';

type Plain = Record<string, unknown>;

/**
 * The entry's fields, the lengths its DTO allows and, for text kept as people read it
 * (`@VisibleText`), its layout, in the DTO's order. Every field is `@HasText`.
 */
const ENTRY_FIELDS: readonly (readonly [
  keyof TransferBatchEntryDto,
  number,
  number,
  TextLayout | null,
])[] = [
  ['personId', 1, 100, null],
  ['currentPositionId', 1, 100, null],
  ['positionId', 1, 100, null],
  ['orgUnitId', 1, 100, null],
  ['reason', 1, 2000, 'lines'],
];
const ENTRY_KEYS = new Set<string>(ENTRY_FIELDS.map(([field]) => field));
const BATCH_KEYS = new Set(['id', 'definition', 'entries']);

/** `@HasText`'s test: a character that is not white space. */
const HAS_TEXT = /\S/u;

const isPlainObject = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const onlyKeys = (value: Plain, allowed: ReadonlySet<string>): boolean => {
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
};

/**
 * A transfer batch body as `parseBody` (what its routes call once the caller's scope is answered)
 * would hand it on, or null when class-validator must judge it. class-validator over 10,000
 * nested entries was a third of a batch's check time (bench/README.md, bench:bulk); this asks the
 * same rules with the same functions (the DTO's decorators stay the reference,
 * `transfer-batch-body-check.unit.spec.ts` holds the two together), so a valid body skips
 * class-validator and an invalid one still gets its 400, word for word. The object built has the
 * DTO classes and key order class-transformer gives: the batch's content hash (and so its derived
 * id) is the JSON of those entries.
 */
export function acceptValidTransferBatch(body: unknown): OpenTransferBatchDto | null {
  if (!isPlainObject(body) || !onlyKeys(body, BATCH_KEYS)) return null;
  const { id, definition, entries } = body;
  if (id !== undefined && id !== null)
    if (typeof id !== 'string' || !matches(id, TRANSFER_BATCH_ID_PATTERN)) return null;
  if (definition !== undefined && definition !== null)
    if (!isString(definition) || !length(definition, 3, 100)) return null;
  if (!Array.isArray(entries)) return null;
  const accepted: TransferBatchEntryDto[] = new Array<TransferBatchEntryDto>(entries.length);
  for (let index = 0; index < entries.length; index += 1) {
    const entry = acceptValidEntry(entries[index]);
    if (!entry) return null;
    accepted[index] = entry;
  }
  const dto = new OpenTransferBatchDto();
  // Only the keys sent, as class-transformer copies them (a null id stays null).
  if ('id' in body) dto.id = id as string;
  if ('definition' in body) dto.definition = definition as string;
  dto.entries = accepted;
  return dto;
}

function acceptValidEntry(value: unknown): TransferBatchEntryDto | null {
  if (!isPlainObject(value) || !onlyKeys(value, ENTRY_KEYS)) return null;
  const entry = new TransferBatchEntryDto();
  for (const [field, min, max, layout] of ENTRY_FIELDS) {
    const sent = value[field];
    if (!isString(sent)) return null;
    const text = layout ? storedText(sent, layout) : sent;
    if (!length(text, min, max) || !HAS_TEXT.test(text)) return null;
    if (layout && visibleTextProblem(text)) return null;
    if (layout === 'one line' && lineBreakIn(text)) return null;
    entry[field] = text;
  }
  return entry;
}
