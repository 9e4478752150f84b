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
  'checkpoint.recorded_missing',
  'scope.top_level_only',
];

/**
 * The explained refusals whose sentence points at the server's detail: it names the public key
 * file that could not be read, or the checkpoint folder that lacks the signed checkpoints, which
 * the administrator must fix. Every other explanation is the whole answer, and the server's English
 * would only be noise to a Vietnamese reader.
 */
const DETAIL_NAMED = ['checkpoint.keys_unreadable', 'checkpoint.recorded_missing'];

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
 * what was refused and why, what to do. The server's English detail is kept out, but for the
 * refusal whose sentence sends the reader to it (see DETAIL_NAMED).
 */
export function AuditRefusal({ error, testId }: { error: unknown; testId: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const key = error instanceof ApiError ? explanationKey(error) : null;
  if (!key) return <ErrorBox error={error} outcomeOfSubmit />;
  const apiError = error as ApiError;
  return (
    <div className="error" role="alert" data-testid={testId}>
      {t(key)}
      {apiError.rule && DETAIL_NAMED.includes(apiError.rule) && (
        <>
          {' '}
          <small className="muted" lang="en">
            {t('audit.serverDetail', { detail: apiError.message })}
          </small>
        </>
      )}
    </div>
  );
}
