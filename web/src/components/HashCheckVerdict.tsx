import { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../dates';

/** An audit history line that is not the store's event now, or an event whose line is gone. */
export interface HistoryDisagreement {
  code?: 'history_disagrees' | 'history_line_missing';
  streamId: string;
  revision: number;
  eventId: string;
  historyHash: string | null;
  /** The store's hash column: after data edited in place it still equals `historyHash`. */
  storeHash: string | null;
  /** The hash the store's content gives now (null: the event is gone from the store). */
  storeContentHash?: string | null;
  /** The line's columns that differ from the store's event. */
  columns?: string[];
}

/** The stream against the latest signed checkpoint kept outside the database. */
export interface CheckpointCheck {
  status: 'no-checkpoint' | 'covered' | 'not-yet-covered' | 'parted' | 'refused';
  checkpoint: { sequence: number; createdAt: string } | null;
  coveredRevision: number | null;
  notYetCovered: number;
  finding?: { kind: string; revision: number };
  refusedBecause?: string;
  refusedCode?: string;
}

/** What the store holds for a differing history line now: the hash its content gives. */
export const storeHashNow = (found: HistoryDisagreement): string | null =>
  found.storeContentHash === undefined ? found.storeHash : found.storeContentHash;

/** Why the checkpoint is refused, in Vietnamese by its code (the server's English stays a detail). */
const refusalText = (check: CheckpointCheck, t: TFunction) =>
  t(`audit.checkpointRefusals.${check.refusedCode ?? 'other'}`, {
    defaultValue: t('audit.checkpointRefusals.other'),
  });

/** A stream's check as `GET /audit/verify?stream=` answers it. */
export interface StreamCheck {
  ok: boolean;
  eventsChecked: number;
  brokenAtRevision?: number;
  reason?: string;
  reasonCode?: string;
  checkpoint?: CheckpointCheck;
  historyDisagreements?: HistoryDisagreement[];
  intact?: boolean;
}

/** Covered / not yet covered (with the count) / where the case parts from the signed checkpoint. */
function CheckpointVerdict({ check }: { check: CheckpointCheck }) {
  const { t } = useTranslation();
  const signed = check.checkpoint;
  const lines: string[] = [];
  if (check.status === 'refused')
    lines.push(t('audit.checkpointRefused', { reason: refusalText(check, t) }));
  else if (check.status === 'parted' && signed && check.finding)
    lines.push(
      t('audit.checkpointParted', {
        sequence: signed.sequence,
        revision: check.finding.revision,
        kind: t(`audit.checkpointKinds.${check.finding.kind}`),
      }),
    );
  // No checkpoint yet: every event is not yet covered, said once (before: "Chưa có bản chốt ký
  // số nào: … 8 sự kiện sau bản chốt chưa được bao phủ", a checkpoint that does not exist).
  else if (!signed)
    lines.push(
      check.notYetCovered > 0
        ? t('audit.checkpointNoneNotYet', { count: check.notYetCovered })
        : t('audit.checkpointNone'),
    );
  else if (check.coveredRevision !== null)
    lines.push(
      t('audit.checkpointCovered', {
        sequence: signed.sequence,
        at: formatDateTime(signed.createdAt),
        revision: check.coveredRevision,
      }),
    );
  if (signed && check.status !== 'parted' && check.status !== 'refused' && check.notYetCovered > 0)
    lines.push(t('audit.checkpointNotYet', { count: check.notYetCovered }));
  const good = check.status === 'covered' || check.status === 'not-yet-covered';
  return (
    <p
      className={good ? 'notice' : 'warning'}
      role="status"
      data-testid="checkpoint-result"
      data-status={check.status}
    >
      {lines.join(' ')}
      {check.status === 'refused' && check.refusedBecause && (
        <>
          {' '}
          <small className="muted" lang="en" data-testid="checkpoint-refused-detail">
            {t('audit.serverDetail', { detail: check.refusedBecause })}
          </small>
        </>
      )}
    </p>
  );
}

/**
 * Each reason the case is not intact, first revision first: chain, checkpoint, audit history; a
 * refused checkpoint names no revision (it vouches for nothing, so nothing is shown as intact).
 */
function tamperReasons(check: StreamCheck, t: TFunction) {
  const reasons: { revision?: number; text: string }[] = [];
  if (!check.ok && check.brokenAtRevision !== undefined)
    reasons.push({
      revision: check.brokenAtRevision,
      text: t('audit.verifyBroken', {
        revision: check.brokenAtRevision,
        reason: t(`audit.chainBreaks.${check.reasonCode ?? 'content_mismatch'}`),
      }),
    });
  const parted = check.checkpoint?.status === 'parted' ? check.checkpoint : null;
  if (parted?.finding && parted.checkpoint)
    reasons.push({
      revision: parted.finding.revision,
      text: t('audit.tamperedCheckpoint', {
        sequence: parted.checkpoint.sequence,
        at: formatDateTime(parted.checkpoint.createdAt),
        revision: parted.finding.revision,
        kind: t(`audit.checkpointKinds.${parted.finding.kind}`),
      }),
    });
  if (check.checkpoint?.status === 'refused')
    reasons.push({
      text: t('audit.checkpointRefused', { reason: refusalText(check.checkpoint, t) }),
    });
  const disagreements = check.historyDisagreements ?? [];
  if (disagreements.length > 0)
    reasons.push({
      revision: disagreements[0].revision,
      text: t('audit.tamperedHistory', {
        revisions: disagreements.map((found) => found.revision).join(', '),
      }),
    });
  // The server's own verdict is the last word: never green over `intact: false`.
  if (reasons.length === 0 && check.intact === false) reasons.push({ text: t('audit.notIntact') });
  return reasons;
}

/**
 * The hash check's verdict: green only when the chain, the signed checkpoint and the audit
 * history all agree; red, from the first revision that differs, when any one does not (a chain
 * that agrees with itself may have been recomputed after a rewrite). The details follow.
 */
export function HashCheckVerdict({ check }: { check: StreamCheck }) {
  const { t } = useTranslation();
  const reasons = tamperReasons(check, t);
  const disagreements = check.historyDisagreements ?? [];
  if (reasons.length === 0)
    return (
      <>
        <p className="notice" role="status" data-testid="verify-result" data-intact="true">
          {t('audit.verifyOk', { count: check.eventsChecked })}
        </p>
        {check.checkpoint && <CheckpointVerdict check={check.checkpoint} />}
      </>
    );
  const revisions = reasons.flatMap((reason) =>
    reason.revision === undefined ? [] : [reason.revision],
  );
  return (
    <>
      <div className="error" role="alert" data-testid="verify-result" data-intact="false">
        <strong>
          {revisions.length > 0
            ? t('audit.tamperedHeadline', { revision: Math.min(...revisions) })
            : t('audit.unverifiedHeadline')}
        </strong>
        <ul>
          {reasons.map((reason) => (
            <li key={reason.text}>{reason.text}</li>
          ))}
        </ul>
      </div>
      {check.ok && (
        <p className="muted" data-testid="chain-detail">
          {t('audit.chainSelfConsistent', { count: check.eventsChecked })}
        </p>
      )}
      {check.checkpoint && <CheckpointVerdict check={check.checkpoint} />}
      {disagreements.length > 0 && (
        <ul className="small" data-testid="history-disagreements">
          {disagreements.map((found) => (
            <li key={found.eventId}>
              {t('audit.historyDisagrees', {
                revision: found.revision,
                historyHash: found.historyHash,
                storeHash: storeHashNow(found) ?? t('audit.storeHashGone'),
              })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
