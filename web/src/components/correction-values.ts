import { CaseStepRecord, CaseView, StepDefinition } from '../api/types';
import { formatDay } from '../dates';

const TALLY = ['members', 'summoned', 'present', 'for', 'against', 'abstain', 'invalid'] as const;

/** The form values of a recorded step, so a correction starts from what was typed. */
export function valuesFromRecord(
  record: CaseStepRecord,
  step: StepDefinition,
): { values: Record<string, string>; candidates: { personId: string; votes: string }[] | null } {
  const values: Record<string, string> = {};
  const text = (key: string, value: unknown) => {
    if (typeof value === 'string' || typeof value === 'number') values[key] = String(value);
  };
  if (record.heldOn) values.heldOn = formatDay(record.heldOn);
  for (const key of ['minutesRef', 'note', 'summary', 'conclusion', 'personOpinion'])
    text(key, record[key]);
  const tally = typeof record.tally === 'object' && record.tally ? record.tally : null;
  let candidates: { personId: string; votes: string }[] | null = null;
  if (step.kind === 'ballot' && tally)
    for (const key of TALLY) text(`tally.${key}`, (tally as Record<string, unknown>)[key]);
  if (step.kind === 'ballot') {
    const head = record.decidedByHead as { decision?: string } | undefined;
    if (head?.decision) values.headDecision = head.decision;
  }
  if (step.kind === 'nomination' && tally) {
    const nomination = tally as Record<string, unknown>;
    for (const key of ['members', 'summoned', 'present', 'invalid']) text(key, nomination[key]);
    const listed = nomination.candidates as { personId: string; votes: number }[] | undefined;
    candidates = (listed ?? []).map((c) => ({ personId: c.personId, votes: String(c.votes) }));
  }
  if (step.kind === 'vetting')
    for (const item of (record.items as {
      item: string;
      result: string;
      note?: string;
      source: string;
    }[]) ?? [])
      if (item.source === 'staff') {
        values[`item.${item.item}`] = item.result;
        if (item.note) values[`itemNote.${item.item}`] = item.note;
      }
  return { values, candidates };
}

/**
 * The items staff entered in the vetting's earlier parts, as the case holds them: a correction
 * of the vetting may change any item the vetting recorded, so its form opens them too, filled
 * with what is recorded (before: shown as recorded, an earlier part's item could not be changed
 * at all). Sent unchanged, the service keeps them as they are, a resolution with them.
 */
export function earlierVettingValues(view: CaseView, step: StepDefinition): Record<string, string> {
  const values: Record<string, string> = {};
  if (step.kind !== 'vetting') return values;
  for (const item of step.vettingItems ?? []) {
    const entry = view.vetting?.[item];
    if (entry?.source !== 'staff') continue;
    values[`item.${item}`] = entry.result;
    if (entry.note) values[`itemNote.${item}`] = entry.note;
  }
  return values;
}

/**
 * The counts of a recorded tally in one line (for the original beside its correction), or null.
 * A nomination's candidates by `person` (their names: before, "p-hoang-van-em: 12").
 */
export function tallyLine(
  record: { tally?: unknown },
  label: (count: (typeof TALLY)[number]) => string,
  person: (id: string) => string = (id) => id,
): string | null {
  const tally = record.tally;
  if (typeof tally !== 'object' || tally === null) return null;
  const counts = tally as Record<string, unknown>;
  if (Array.isArray(counts.candidates))
    return (counts.candidates as { personId: string; votes: number }[])
      .map((c) => `${person(c.personId)}: ${c.votes}`)
      .join(', ');
  return TALLY.filter((key) => typeof counts[key] === 'number')
    .map((key) => `${label(key)} ${counts[key] as number}`)
    .join(' · ');
}
