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
  storeHash: string | null;
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
}

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
    lines.push(t('audit.checkpointRefused', { reason: check.refusedBecause ?? '' }));
  else if (check.status === 'parted' && signed && check.finding)
    lines.push(
      t('audit.checkpointParted', {
        sequence: signed.sequence,
        revision: check.finding.revision,
        kind: t(`audit.checkpointKinds.${check.finding.kind}`),
      }),
    );
  else if (!signed) lines.push(t('audit.checkpointNone'));
  else if (check.coveredRevision !== null)
    lines.push(
      t('audit.checkpointCovered', {
        sequence: signed.sequence,
        at: formatDateTime(signed.createdAt),
        revision: check.coveredRevision,
      }),
    );
  if (check.status !== 'parted' && check.status !== 'refused' && check.notYetCovered > 0)
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
    </p>
  );
}

/** Each reason the case is not intact, first revision first: chain, checkpoint, audit history. */
function tamperReasons(check: StreamCheck, t: TFunction) {
  const reasons: { revision: number; text: string }[] = [];
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
  const disagreements = check.historyDisagreements ?? [];
  if (disagreements.length > 0)
    reasons.push({
      revision: disagreements[0].revision,
      text: t('audit.tamperedHistory', {
        revisions: disagreements.map((found) => found.revision).join(', '),
      }),
    });
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
  const from = Math.min(...reasons.map((reason) => reason.revision));
  return (
    <>
      <div className="error" role="alert" data-testid="verify-result" data-intact="false">
        <strong>{t('audit.tamperedHeadline', { revision: from })}</strong>
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
                storeHash: found.storeHash ?? t('audit.storeHashGone'),
              })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
