import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../api/schema';
import { formatDecisionRef } from '../dates';

type PlanningRestoration = components['schemas']['PlanningPoolRestorationDto'];

/**
 * The pool entries a discipline decision took off and a complaint review (annulling it, or
 * changing it to a form that keeps the pool) was to put back: put back, or why not (the seat had
 * gone to someone else, the term had ended).
 */
export function PlanningRestorations({
  restorations,
  title,
  reasonText,
  linkCases,
}: {
  restorations: PlanningRestoration[];
  title: (positionId: string) => string;
  reasonText: (reason: string) => string;
  /** The sentence with the cases it names as links. */
  linkCases: (text: string) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t('person.restorations')}</h2>
      <ul data-testid="planning-restorations">
        {restorations.map((r) => (
          <li key={`${r.caseId}:${r.positionId}`}>
            {title(r.positionId)} — {t('person.term')} {r.term}:{' '}
            {r.restored
              ? t('person.restored')
              : linkCases(t('person.notRestored', { reason: reasonText(r.reason ?? '') }))}{' '}
            (
            {linkCases(
              t('person.reviewedBy', { ref: formatDecisionRef(r.decisionRef), id: r.caseId }),
            )}
            )
          </li>
        ))}
        {restorations.length === 0 && <li>{t('app.none')}</li>}
      </ul>
    </>
  );
}
