import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download } from '../api/client';
import { can, getSession } from '../session';
import { AuditRefusal } from './AuditRefusal';

/**
 * *Tải bản chứng minh (JSON)*: the case's events as stored, the signed checkpoint covering them
 * and the inclusion proof (`GET /audit/cases/:id/proof`, for scripts/verify-case-proof.mjs),
 * offered to the roles the route allows (auditor, admin); a refusal said in Vietnamese.
 */
export function CaseProofDownload({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const session = getSession();
  if (!session || !can.caseProof(session)) return null;
  const save = () => {
    setError(null);
    setSaved(false);
    download(`/audit/cases/${encodeURIComponent(caseId)}/proof`, `case-${caseId}-proof.json`)
      .then(() => setSaved(true))
      .catch(setError);
  };
  return (
    <>
      <button type="button" className="secondary" onClick={save}>
        {t('auditTools.proofDownload')}
      </button>
      {saved && (
        <p className="notice" role="status" data-testid="proof-saved">
          {t('auditTools.proofSaved')}
        </p>
      )}
      <AuditRefusal error={error} testId="proof-refused" />
    </>
  );
}
