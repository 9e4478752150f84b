import { useTranslation } from 'react-i18next';
import { formatDay } from '../dates';

/** What the case views say of the current step's due day. */
export interface StepDueView {
  dueOn: string | null;
  provisional?: boolean;
  /** The legal time limit that is the due day (the step's own limit would run past it). */
  dueLimitedBy?: string | null;
  overdue?: boolean;
  /** How the step's own time limit made the day: its figure, from the day the step became current. */
  dueCounted?: {
    from: string;
    since: 'opening' | 'previousStep';
    workingDays: number | null;
    days: number | null;
  } | null;
}

/**
 * The current step's due day, with the legal limit it comes from when that limit cut the step's
 * own time short (so "Hạn" never reads later than the case's own time limit without saying why),
 * and "Quá hạn" once it has passed with the step not done.
 */
export function StepDue({ due }: { due: StepDueView }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="muted" data-testid="step-due">
        {t('case.due', { date: formatDay(due.dueOn) })}
        {due.dueLimitedBy && due.dueOn && (
          <> ({t(`case.dueLimitedBy.${due.dueLimitedBy}`, { defaultValue: due.dueLimitedBy })})</>
        )}
        {due.overdue && (
          <>
            {' '}
            <span className="badge danger">{t('inbox.overdue')}</span>
          </>
        )}
        {due.provisional && (
          <>
            {' '}
            <span className="badge">{t('case.provisional')}</span>
          </>
        )}
      </p>
      {due.dueCounted && due.dueOn && (
        <p className="muted" data-testid="step-due-basis">
          {t(`case.dueCounted.${due.dueCounted.since}`, {
            limit:
              due.dueCounted.workingDays !== null
                ? t('case.dueCounted.workingDays', { count: due.dueCounted.workingDays })
                : t('case.dueCounted.days', { count: due.dueCounted.days ?? 0 }),
            from: formatDay(due.dueCounted.from),
          })}
        </p>
      )}
      {due.provisional && <p className="muted">{t('case.provisionalHint')}</p>}
    </>
  );
}
