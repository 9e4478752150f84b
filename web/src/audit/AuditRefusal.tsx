import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { ErrorBox } from '../components/common';

/** The audit refusals the screens explain in their own words, by the server's rule. */
const EXPLAINED = [
  'audit.proof_withholds_ballot',
  'checkpoint.store_disagrees',
  'checkpoint.not_configured',
  'checkpoint.refused',
  'checkpoint.keys_unreadable',
  'scope.top_level_only',
];

/** The key of the Vietnamese explanation of a refusal, or null for one read as any other. */
function explanationKey(error: ApiError): string | null {
  if (error.rule && EXPLAINED.includes(error.rule))
    return `auditTools.refusals.${error.rule.replace('.', '_')}`;
  // No signed checkpoint covers the case yet: the server answers 404 with no rule of its own.
  if (error.status === 404) return 'auditTools.refusals.not_covered';
  return null;
}

/**
 * A refused audit request (a proof, a checkpoint, the whole store's check) said in Vietnamese:
 * what was refused and why, what to do; the server's English stays a muted detail under it.
 */
export function AuditRefusal({ error, testId }: { error: unknown; testId: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const key = error instanceof ApiError ? explanationKey(error) : null;
  if (!key) return <ErrorBox error={error} outcomeOfSubmit />;
  return (
    <div className="error" role="alert" data-testid={testId}>
      {t(key)}{' '}
      <small className="muted" lang="en">
        {t('audit.serverDetail', { detail: (error as ApiError).message })}
      </small>
    </div>
  );
}
