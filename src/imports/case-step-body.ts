import { StepKind } from '../workflow/definitions/procedure-definition';

/** The step-sheet fields each kind of step takes besides heldOn, minutesRef and note. */
const FIELDS_BY_KIND: Record<StepKind, string[]> = {
  proposal: ['conclusion'],
  meeting: ['conclusion'],
  nomination: ['members', 'summoned', 'present', 'invalid', 'candidates'],
  ballot: ['members', 'summoned', 'present', 'for', 'against', 'abstain', 'invalid'],
  vetting: ['items'],
  decision: ['number', 'signer', 'effectiveFrom', 'termYears'],
  // A competitive examination's candidates and board scores have no columns on the step sheet:
  // such a row reaches the step's rules without them and is refused naming the missing field.
  registration: [],
  scores: [],
  // Nor has a council's election (delegates, council term): refused naming the missing `vote`.
  election: [],
};
const COMMON = ['caseId', 'stepId', 'heldOn', 'minutesRef', 'note'];
const TALLY = ['members', 'summoned', 'present', 'for', 'against', 'abstain', 'invalid'];

/**
 * The API body of a step row, as `POST /cases/:id/steps/:stepId` takes it: the row's cells that
 * the step's kind takes, under the API's names (a ballot's counts go into its `tally`). A cell
 * filled for a field the kind does not take is named, so nothing on the paper is dropped silently.
 */
export function stepBodyOfRow(
  kind: StepKind,
  values: Record<string, unknown>,
): { body: Record<string, unknown> } | { strayField: string } {
  const takes = FIELDS_BY_KIND[kind];
  const stray = Object.keys(values).find((f) => !COMMON.includes(f) && !takes.includes(f));
  if (stray) return { strayField: stray };
  const pick = (fields: string[]) =>
    Object.fromEntries(fields.filter((f) => values[f] !== undefined).map((f) => [f, values[f]]));
  const body: Record<string, unknown> = pick(['heldOn', 'minutesRef', 'note']);
  if (kind === 'ballot') {
    const tally = pick(TALLY);
    if (Object.keys(tally).length) body.tally = tally;
  } else if (kind === 'proposal') {
    if (values.conclusion !== undefined) body.summary = values.conclusion;
  } else Object.assign(body, pick(takes));
  return { body };
}

/** The step-sheet field a body field the API refused came from (`tally.present` → `present`). */
export function rowFieldOfBodyField(field: string | undefined): string | undefined {
  if (!field) return undefined;
  const [head, ...rest] = field.split('.');
  if (head === 'tally') return rest[0] ?? 'present';
  if (head === 'summary') return 'conclusion';
  if (head.startsWith('candidates')) return 'candidates';
  if (head.startsWith('items')) return 'items';
  return head;
}
