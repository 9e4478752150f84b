/** What the API writes in place of a field a ballot's rule withholds from the reader. */
const WITHHELD = ['not announced', 'withheld from the subject'];

/** Whether a field's value is the API's placeholder for a withheld one. */
export const isWithheld = (value: unknown): boolean =>
  typeof value === 'string' && WITHHELD.includes(value);
