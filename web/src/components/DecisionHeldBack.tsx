import { useTranslation } from 'react-i18next';
import { CaseView } from '../api/types';
import { Link } from '../router';

/**
 * The flagged vetting items not yet resolved: the server refuses the decision while any is open
 * (vetting.flagged_item_blocks_decision) and its view does not offer it (case-view.ts).
 */
export function itemsBlockingDecision(vetting: CaseView['vetting'] | undefined) {
  return Object.values(vetting ?? {}).filter(
    (entry) => entry.result === 'flagged' && !entry.resolved,
  );
}

/**
 * Said in the decision's place while a flagged vetting item holds it back: which items, why, and
 * what to do (resolve them, correct the vetting, or reject the case); an item read from the
 * person's record is set right on their record, linked here. Before, the leader was given the full
 * decision form and learned of the flags only from the 422 after «Ghi nhận».
 */
export function DecisionHeldBack({
  items,
  personId,
  reasonText,
  mayReadPerson,
}: {
  items: ReturnType<typeof itemsBlockingDecision>;
  personId: string | null;
  reasonText(text: string): string;
  mayReadPerson: boolean;
}) {
  const { t } = useTranslation();
  const fromRecord = items.some((entry) => entry.source === 'record');
  return (
    <div className="warning" role="status" data-testid="decision-held-back">
      <p>
        <strong>{t('case.decisionHeldBack')}</strong>
      </p>
      <ul>
        {items.map((entry) => (
          <li key={entry.item} data-item={entry.item}>
            {t(`vetting.${entry.item}`, { defaultValue: entry.item })}:{' '}
            <span className="badge danger">{t('form.flagged')}</span>
            {entry.source === 'record' && (
              <span className="muted"> ({t('case.vettingFromRecord')})</span>
            )}
            {entry.note ? <span> — {reasonText(entry.note)}</span> : null}
          </li>
        ))}
      </ul>
      <p>{t('case.decisionHeldBackWhatToDo')}</p>
      {fromRecord && personId && (
        <p>
          {t('case.decisionHeldBackRecord')}{' '}
          {mayReadPerson && (
            <Link to={`/cadres/${encodeURIComponent(personId)}`} data-testid="update-record">
              {t('case.openPersonRecord')}
            </Link>
          )}
        </p>
      )}
    </div>
  );
}
