import { OpenCaseSeen, RecordWrite } from './record-writes';

/**
 * The person's open cases a decision ending posts withdraws: those whose definition says
 * `withdrawnWhenPostEnds` (a re-appointment, the term's extension) and that run on a post it
 * ends. A case on another post the person keeps holding goes on: a holder of two posts removed
 * from one keeps the other's re-appointment. A case no longer open is left alone and each
 * withdrawal has its own key, so a redelivered decision withdraws nothing twice.
 */
export function withdrawnWithPosts(
  openCases: OpenCaseSeen[],
  endedPosts: ReadonlySet<string>,
  reason: string,
): RecordWrite[] {
  return openCases
    .filter(
      (open) =>
        open.withdrawnWhenPostEnds && open.status === 'open' && endedPosts.has(open.positionId),
    )
    .map((open) => ({
      to: 'case',
      caseId: open.caseId,
      orgUnitId: open.orgUnitId,
      key: `withdraw:${open.caseId}`,
      command: { type: 'WithdrawCase', data: { reason } },
    }));
}

/** The same for the posts the `EndPost` writes among `writes` end. */
export function withdrawnWithPostsEndedBy(
  writes: RecordWrite[],
  openCases: OpenCaseSeen[],
  reason: string,
): RecordWrite[] {
  const ended = writes.flatMap((write) =>
    write.to === 'person' && write.command.type === 'EndPost'
      ? [write.command.data.positionId]
      : [],
  );
  return withdrawnWithPosts(openCases, new Set(ended), reason);
}
