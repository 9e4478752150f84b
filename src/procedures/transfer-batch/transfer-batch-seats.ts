import { busiestDayOfHold, seatsOf } from '../../cadres/post-seats';
import { PostHolder } from '../../cadres/post-holders';
import { RegistryReads } from '../../cadres/prefetched-registry';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { TransferBatchEntryDto } from './dto/open-transfer-batch.dto';
import { entryProblem, TransferBatchProblem } from './transfer-batch-problem';

/**
 * Each entry's opening finds a seat free in its receiving post, but the batch's own entries do not
 * hold it yet: two entries into one free one-seat post would both open, and both decisions would
 * give the post two holders. The entries past the post's free seats are refused, each naming the
 * entry before it that takes the last seat: its seats less the most others hold on any day from
 * `day` on (the holds the cases would give have no end known yet: a successor recorded from a
 * later day takes a seat from then, `busiestDayOfHold`; before, `day` alone was judged). A post
 * without a seat limit takes any. The entries before `from` of a batch continued opened their
 * cases already and are not counted.
 */
export async function refuseSeatsTakenInBatch<Planned extends { index: number }>(
  batch: TransferBatchEntryDto[],
  result: { planned: Planned[]; problems: TransferBatchProblem[] },
  registry: RegistryReads,
  holds: { holdsSince(positionId: string, from: string): Promise<PostHolder[]> },
  day: string,
): Promise<void> {
  const entries = result.planned.map(({ index }) => ({ index, entry: batch[index] }));
  const byPost = new Map<string, { index: number; entry: TransferBatchEntryDto }[]>();
  for (const planned of entries)
    byPost.set(planned.entry.positionId, [
      ...(byPost.get(planned.entry.positionId) ?? []),
      planned,
    ]);
  const refused = new Set<number>();
  for (const [positionId, into] of byPost) {
    const position = into.length > 1 ? await registry.findPosition(positionId) : undefined;
    const seats = position ? seatsOf(position) : null;
    if (!position || seats === null) continue;
    const busiest = busiestDayOfHold(await holds.holdsSince(positionId, day), null, day, null);
    const free = seats - busiest.sitting.length;
    const freeWhen =
      busiest.day === day
        ? `on ${day}`
        : `from ${busiest.day}, when a hold recorded from then begins`;
    const sorted = [...into].sort((a, b) => a.index - b.index);
    sorted.slice(Math.max(free, 0)).forEach(({ index }) => {
      refused.add(index);
      const last = sorted[Math.max(free, 1) - 1].index;
      result.problems.push(
        entryProblem(
          index,
          new DomainRuleViolation(
            'post.held_by_another',
            `positionId: ${position.title} (${position.id}) has ${seats === 1 ? 'one seat' : `${seats} seats`}, ${Math.max(free, 0)} free ${freeWhen}, and entry ${last} already moves someone into it: the post would have a holder past its seats; move this person into another post, or into this one in a later batch once a seat falls free`,
            'unprocessable',
            'positionId',
          ),
        ),
      );
    });
  }
  result.planned = result.planned.filter(({ index }) => !refused.has(index));
}
