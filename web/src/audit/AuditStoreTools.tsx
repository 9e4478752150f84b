import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { formatDateTime } from '../dates';
import { can, getSession } from '../session';
import { AuditRefusal } from './AuditRefusal';
import { StoreCheckResult, StoreVerification } from './StoreCheckResult';
import { useTopLevelGrant } from './use-top-level-grant';

type CreatedCheckpoint = components['schemas']['CreatedCheckpointDto'];

/**
 * *Bản chốt ký số*: the whole store checked against the latest signed checkpoint, and a checkpoint
 * signed now (`GET /audit/verify`, `POST /audit/checkpoints`; auditor, admin — both cover every
 * unit, so another grant than a top-level unit's is refused, said in Vietnamese).
 */
export function AuditStoreTools() {
  const { t } = useTranslation();
  const session = getSession();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<StoreVerification | null>(null);
  const [created, setCreated] = useState<CreatedCheckpoint | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Offered to a top-level unit's grant only: any other is refused by the server, so say why here.
  const topLevel = useTopLevelGrant();
  if (!session || !can.checkpoints(session)) return null;
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setReport(null);
    setCreated(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const verifyAll = () =>
    run(async () =>
      setReport(
        await unwrap<StoreVerification>(api.GET('/audit/verify', { params: { query: {} } })),
      ),
    );
  const sign = () =>
    run(async () =>
      setCreated(await unwrap<CreatedCheckpoint>(api.POST('/audit/checkpoints', {}))),
    );
  const signed = created?.signed.checkpoint;
  return (
    <section className="card" aria-labelledby="store-tools-title">
      <h2 id="store-tools-title">{t('auditTools.title')}</h2>
      <p className="muted">{t('auditTools.intro')}</p>
      {topLevel === false && (
        <p className="notice" data-testid="store-tools-top-level-only">
          {t('auditTools.refusals.scope_top_level_only')}
        </p>
      )}
      <div className="row wrap">
        <button
          type="button"
          disabled={busy || topLevel === false}
          onClick={() => void verifyAll()}
        >
          {t('auditTools.verifyAll')}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy || topLevel === false}
          onClick={() => void sign()}
        >
          {t('auditTools.signNow')}
        </button>
      </div>
      {report && <StoreCheckResult report={report} />}
      {signed && (
        <p className="notice" role="status" data-testid="checkpoint-signed">
          {t(created.created ? 'auditTools.signed' : 'auditTools.nothingNew', {
            sequence: signed.sequence,
            at: formatDateTime(signed.createdAt),
            events: signed.events,
            streams: signed.streams,
          })}
        </p>
      )}
      <AuditRefusal error={error} testId="store-tools-refused" />
    </section>
  );
}
