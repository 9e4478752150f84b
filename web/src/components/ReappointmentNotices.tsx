import { useTranslation } from 'react-i18next';
import { formatDay } from '../dates';

interface Notice {
  positionId?: string;
  termEnd?: string;
  noticeOn?: string;
}

/**
 * A person's re-appointment notices: those given, and those the terms' decisions set for a later
 * day (before, "none" until the notice's day came, though the decision had named it).
 */
export function ReappointmentNotices({
  given,
  ahead,
  title,
}: {
  given: Notice[];
  ahead: Notice[];
  title: (positionId: string) => string;
}) {
  const { t } = useTranslation();
  const line = (n: Notice) =>
    [
      n.positionId ? title(n.positionId) : '',
      n.termEnd ? `${t('person.termEnd')} ${formatDay(n.termEnd)}` : '',
      n.noticeOn ? t('person.noticeOn', { day: formatDay(n.noticeOn) }) : '',
    ]
      .filter(Boolean)
      .join(' · ');
  return (
    <ul data-testid="reappointment-notices">
      {[...given, ...ahead].map((n) => (
        <li key={`${n.positionId}:${n.termEnd}`}>{line(n)}</li>
      ))}
      {given.length + ahead.length === 0 && <li>{t('app.none')}</li>}
    </ul>
  );
}
