import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../api/schema';
import { formatDay, formatDecisionRef } from '../dates';

type PostRestoration = components['schemas']['PostRestorationDto'];

/**
 * The posts a discipline decision ended and a complaint review then annulled or lightened
 * (cách chức reduced to khiển trách): held again on their own term, or why not (the person holds
 * the post again under another decision, or its term ended before the review).
 */
export function PostRestorations({
  restorations,
  title,
  reasonText,
  linkCases,
}: {
  restorations: PostRestoration[];
  title: (positionId: string) => string;
  reasonText: (reason: string) => string;
  /** The sentence with the cases it names as links. */
  linkCases: (text: string) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t('person.postRestorations')}</h2>
      <ul data-testid="post-restorations">
        {restorations.map((r) => (
          <li key={`${r.caseId}:${r.positionId}:${r.endedOn}`}>
            {title(r.positionId)} — {t('person.endedByDecision', { day: formatDay(r.endedOn) })}:{' '}
            {r.restored
              ? t('person.postRestored')
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
