import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../api/schema';
import { formatDecisionRef, withDaysFormatted } from '../dates';

type PastPlanningPoolEntry = components['schemas']['PastPlanningPoolEntryDto'];

/** Đã đưa ra khỏi quy hoạch: the entries taken off the pool, by which decision and why. */
export function PastPlanningPool({
  entries,
  title,
  reasonText,
}: {
  entries: PastPlanningPoolEntry[];
  title: (positionId: string) => string;
  reasonText: (reason: string) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t('person.pastPool')}</h2>
      {entries.length === 0 && <p>{t('app.none')}</p>}
      <table className="grid" hidden={entries.length === 0} data-testid="past-pool">
        <thead>
          <tr>
            <th scope="col">{t('case.position')}</th>
            <th scope="col">{t('person.term')}</th>
            <th scope="col">{t('person.plannedBy')}</th>
            <th scope="col">{t('person.removedBy')}</th>
            <th scope="col">{t('person.removalReason')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry, index) => (
            <tr key={`${entry.positionId}:${entry.term}:${index}`}>
              <td>{title(entry.positionId)}</td>
              <td>{entry.term}</td>
              <td>{formatDecisionRef(entry.decisionRef)}</td>
              <td>{withDaysFormatted(entry.removedBy)}</td>
              <td>{reasonText(entry.reason)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
