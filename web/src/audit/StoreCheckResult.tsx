import { useTranslation } from 'react-i18next';
import type { components } from '../api/schema';
import { formatDateTime } from '../dates';
import { StreamIdLink } from './StreamIdLink';

export type StoreVerification = components['schemas']['CheckpointVerificationDto'];

/** The verdict's tone and words by the whole store's status. */
const GOOD = new Set(['intact']);

/**
 * The whole store against the latest signed checkpoint (`GET /audit/verify` without a stream),
 * read: the verdict, what the checkpoint covers and what it does not yet, then each stream where
 * the store parts from it and each audit history line that differs, with its revision and what
 * was found in Vietnamese (the stream id stays: it is what the auditor looks up; a case's or a
 * person's links to that history).
 */
export function StoreCheckResult({ report }: { report: StoreVerification }) {
  const { t } = useTranslation();
  const signed = report.checkpoint;
  const good = GOOD.has(report.status);
  return (
    <div
      className={good ? 'notice' : 'error'}
      role={good ? 'status' : 'alert'}
      data-testid="store-check"
      data-status={report.status}
    >
      <strong>{t(`auditTools.storeStatus.${report.status}`)}</strong>
      {report.status === 'refused' && (
        <p>
          {t(`audit.checkpointRefusals.${report.refusedCode ?? 'other'}`, {
            defaultValue: t('audit.checkpointRefusals.other'),
          })}
        </p>
      )}
      {signed && (
        <p>
          {t('auditTools.storeCovered', {
            sequence: signed.sequence,
            at: formatDateTime(signed.createdAt),
            covered: report.covered,
            streams: signed.streams,
          })}
        </p>
      )}
      {report.notYetCovered > 0 && (
        <p>{t('auditTools.storeNotYetCovered', { count: report.notYetCovered })}</p>
      )}
      {report.findings.length > 0 && (
        <ul data-testid="store-findings">
          {report.findings.map((finding) => (
            <li key={finding.streamId}>
              <StreamIdLink streamId={finding.streamId} />{' '}
              {t('auditTools.finding', {
                revision: finding.revision,
                kind: t(`audit.checkpointKinds.${finding.kind}`, { defaultValue: finding.kind }),
              })}
              {finding.further > 0 && ` ${t('auditTools.further', { count: finding.further })}`}
            </li>
          ))}
        </ul>
      )}
      {report.historyDisagreements.length > 0 && (
        <ul data-testid="store-history-disagreements">
          {report.historyDisagreements.map((found) => (
            <li key={`${found.streamId}-${found.revision}`}>
              <StreamIdLink streamId={found.streamId} />{' '}
              {t(`auditTools.historyLine.${found.code}`, { revision: found.revision })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
