import { useTranslation } from 'react-i18next';
import { CaseWithNames } from '../api/hooks';
import { formatDay } from '../dates';
import { getSession } from '../session';
import { useReasonText } from '../server-text/use-reason-text';
import { withheldResultKey, withheldResultOf } from '../withheld';

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
  // A rejection by a ballot's result restates its counts: withheld from this reader as the
  // ballot is, it says so in the words of the step's own line (not the API's placeholder).
  const withheld = rejection ? withheldResultOf(rejection) : null;
  const rejectionReason = (reason: string) =>
    withheld
      ? t(withheldResultKey(withheld, stepTypeOf(view, rejection?.stepId)))
      : reasonText(reason);
  if (rejection)
    return (
      <section className="card" data-testid="case-rejection">
        <h2>{t('case.rejection')}</h2>
        <p data-testid="rejection-rule">
          {t(`rules.${String(rejection.rule)}`, { defaultValue: String(rejection.rule) })}
        </p>
        <p data-testid="rejection-reason">{rejectionReason(String(rejection.reason ?? ''))}</p>
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

/** The type of the step a rejection names (its last record): a ballot's, or an examination's scores. */
function stepTypeOf(view: CaseWithNames, stepId: unknown): string | undefined {
  return view.steps.findLast((step) => step.stepId === stepId)?.type;
}
