import { PayloadTooLargeException } from '@nestjs/common';
import { verifyUtf8Body } from '../../common/input/utf8-body';
import { TRANSFER_BATCH_BYTES_PER_ENTRY } from './dto/open-transfer-batch.dto';

/** Room for the batch's own fields and the JSON around its entries (`id`, `definition`, brackets). */
export const TRANSFER_BATCH_ENVELOPE_BYTES = 4096;

/** A request whose body the transfer batches' parser read, with its size in bytes. */
export interface SizedRequest {
  transferBatchBodyBytes?: number;
}

/**
 * The transfer batches' parser `verify` hook: the body is UTF-8 (as on every route), and its size
 * is kept for the check once the entries are counted.
 */
export function verifyTransferBatchBody(
  request: object,
  response: unknown,
  raw: Buffer,
  encoding: string | null,
): void {
  verifyUtf8Body(request, response, raw, encoding);
  (request as SizedRequest).transferBatchBodyBytes = raw.length;
}

/**
 * The route reads up to TRANSFER_BATCH_MAX_ENTRIES × 3,072 bytes so a full batch fits, but that
 * size is meant per entry: a one-entry batch padded to 25 MB (whitespace, say) was parsed and
 * judged. Once the entries are counted, a body past their bytes and the envelope is refused 413.
 */
export function refuseBodyPastEntries(request: SizedRequest, entries: number): void {
  const bytes = request.transferBatchBodyBytes;
  const limit =
    Math.max(entries, 1) * TRANSFER_BATCH_BYTES_PER_ENTRY + TRANSFER_BATCH_ENVELOPE_BYTES;
  if (bytes === undefined || bytes <= limit) return;
  throw new PayloadTooLargeException({
    rule: 'body.too_large',
    field: 'entries',
    limitBytes: limit,
    message: `entries: the body is ${bytes} bytes; a batch of ${entries} ${entries === 1 ? 'entry' : 'entries'} is read up to ${limit} bytes (${TRANSFER_BATCH_BYTES_PER_ENTRY} an entry and ${TRANSFER_BATCH_ENVELOPE_BYTES} for the batch's own fields)`,
  });
}
