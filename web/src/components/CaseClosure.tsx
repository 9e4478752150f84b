import { useTranslation } from 'react-i18next';
import { CaseWithNames } from '../api/hooks';
import { formatDay } from '../dates';
import { getSession } from '../session';
import { useReasonText } from '../server-text/use-reason-text';

/** A user id as a name where the app knows it (the signed-in user), else the id itself. */
function userName(userId: unknown): string {
  const session = getSession();
  if (typeof userId !== 'string' || !userId) return '—';
  return session && session.userId === userId ? session.name : userId;
}

/**
 * Why a case stopped: the rule and reason of a rejection, or the reason of a withdrawal, each
 * with who ended it and on which day (before, a withdrawn case said only "Đã rút").
 */
export function CaseClosure({ view }: { view: CaseWithNames }) {
  const { t } = useTranslation();
  const reasonText = useReasonText(view.names);
  const { rejection, withdrawal } = view;
  if (rejection)
    return (
      <section className="card" data-testid="case-rejection">
        <h2>{t('case.rejection')}</h2>
        <p data-testid="rejection-rule">
          {t(`rules.${String(rejection.rule)}`, { defaultValue: String(rejection.rule) })}
        </p>
        <p>{reasonText(String(rejection.reason ?? ''))}</p>
        {typeof rejection.rejectedOn === 'string' && (
          <dl className="facts">
            <dt>{t('closing.rejectedOn')}</dt>
            <dd>{formatDay(rejection.rejectedOn)}</dd>
            <dt>{t('closing.rejectedBy')}</dt>
            <dd>{userName(rejection.rejectedBy)}</dd>
          </dl>
        )}
      </section>
    );
  if (!withdrawal) return null;
  return (
    <section className="card" data-testid="case-withdrawal">
      <h2>{t('closing.withdrawal')}</h2>
      <dl className="facts">
        <dt>{t('closing.reason')}</dt>
        <dd>{reasonText(String(withdrawal.reason ?? ''))}</dd>
        <dt>{t('closing.withdrawnBy')}</dt>
        <dd>{userName(withdrawal.withdrawnBy)}</dd>
        <dt>{t('closing.withdrawnOn')}</dt>
        <dd>{formatDay(withdrawal.withdrawnOn as string | undefined)}</dd>
      </dl>
    </section>
  );
}
