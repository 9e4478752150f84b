import { useTranslation } from 'react-i18next';
import { CaseWithNames, useCase } from '../api/hooks';
import { formatDay } from '../dates';
import { getSession } from '../session';
import { useReasonText } from '../server-text/use-reason-text';
import { withheldResultKey, withheldResultOf } from '../withheld';
import { isSystemActor } from '../actor-name';
import { caseTitle } from '../pages/case-title';
import { CaseName, withCaseLinks } from './CaseLinks';

/**
 * A user id as a name where the app knows it (the signed-in user), else the id itself; the
 * service's own writer (a withdrawal the record saga made, `system:saga:case-record`) as `system`.
 */
function userName(userId: unknown, system: string): string {
  const session = getSession();
  if (typeof userId !== 'string' || !userId) return '—';
  if (isSystemActor(userId)) return system;
  return session && session.userId === userId ? session.name : userId;
}

/** The case (not a discipline case) a Vietnamese reason names: "… của hồ sơ c-4f57…". */
function caseNamedIn(reason: string): string | null {
  return /hồ sơ (?!kỷ luật )([A-Za-z0-9]+(?:-[A-Za-z0-9]+)+)/u.exec(reason)?.[1] ?? null;
}

/**
 * Why a case stopped: the rule and reason of a rejection, or the reason of a withdrawal, each
 * with who ended it and on which day (before, a withdrawn case said only "Đã rút"). A withdrawal
 * the record made when a decision ended the post reads in Vietnamese, the deciding case a link
 * by its title (before: "withdrawn: the post ended by … (case c-…)", by "system:saga:…").
 */
export function CaseClosure({ view }: { view: CaseWithNames }) {
  const { t } = useTranslation();
  const reasonText = useReasonText(view.names);
  const { rejection, withdrawal } = view;
  const withdrawalReason = withdrawal ? reasonText(String(withdrawal.reason ?? '')) : '';
  const named = caseNamedIn(withdrawalReason);
  // The deciding case, for its title: a case the reader's grant does not reach stays its id.
  const deciding = useCase(named ?? '', undefined, named !== null).data;
  const nameOf = (id: string): CaseName | undefined =>
    deciding && deciding.id === id
      ? {
          text: caseTitle(deciding, t),
          hint: t('case.reference', { id }),
          outside: false,
          discipline: false,
        }
      : undefined;
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
            <dd>{userName(rejection.rejectedBy, t('audit.systemActor'))}</dd>
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
        <dd data-testid="withdrawal-reason">
          {withCaseLinks(withdrawalReason, () => false, nameOf)}
        </dd>
        <dt>{t('closing.withdrawnBy')}</dt>
        <dd data-testid="withdrawn-by">
          {userName(withdrawal.withdrawnBy, t('audit.systemActor'))}
        </dd>
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
