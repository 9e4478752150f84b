import { parseBody } from '../procedures/case/step-body-validation';
import { OpenTransferBatchDto } from '../procedures/transfer-batch/dto/open-transfer-batch.dto';

/** What a body its DTO refuses is answered: the field's path, and every field refused. */
const refusal = (raw: object) => {
  try {
    parseBody(OpenTransferBatchDto, raw);
  } catch (error) {
    return error as { field: string; message: string; details?: { refusedFields: string[] } };
  }
  throw new Error('accepted');
};

describe('the fields a refused body names', () => {
  it('names a list’s entry in brackets, as entries[0].personId is, and each bad entry', () => {
    // Before: "entries.0 is required", field entries.0, and entries 1 and "x" not named at all.
    const refused = refusal({ entries: [null, 1, 'x'] });
    expect(refused).toMatchObject({ field: 'entries[0]', message: 'entries[0] is required' });
    expect(refused.details?.refusedFields).toEqual(['entries[0]', 'entries[1]', 'entries[2]']);
  });

  it('names a field inside an entry after the bracket, and one refused field alone', () => {
    const refused = refusal({ entries: [{ personId: 7 }] });
    expect(refused.field).toMatch(/^entries\[0\]\.\w+$/);
    expect(refusal({ entries: 'x' })).toMatchObject({ field: 'entries', details: undefined });
  });
});
