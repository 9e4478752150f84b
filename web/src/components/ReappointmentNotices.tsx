import { useTranslation } from 'react-i18next';
import { formatDay } from '../dates';
import { Link } from '../router';

interface Notice {
  positionId?: string;
  termEnd?: string;
  noticeOn?: string;
  /** A notice given: the re-appointment case it opened. */
  caseId?: unknown;
  /** A notice given whose case could not be opened: `<rule>: <message>`. */
  refusal?: unknown;
}

/** The rule of a refusal noted as `<rule>: <message>` (the message is the server's English). */
const ruleOf = (refusal: string): string =>
  /^([a-z_]+\.[a-z0-9_.]+):/.exec(refusal)?.[1] ?? refusal;

/**
 * A person's re-appointment notices: those given, and those the terms' decisions set for a later
 * day (before, "none" until the notice's day came, though the decision had named it). A given
 * notice links the case it opened, or says which rule refused opening one (before, a refused
 * notice read as one given).
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
  const outcome = (n: Notice) => {
    if (typeof n.caseId === 'string')
      return (
        <>
          {' · '}
          <Link to={`/cases/${n.caseId}`}>{t('person.noticeCase')}</Link>
        </>
      );
    if (typeof n.refusal !== 'string') return null;
    const rule = ruleOf(n.refusal);
    return (
      <>
        {' · '}
        <span className="badge danger" data-testid="notice-refused">
          {t('person.noticeRefused', { rule: t(`rules.${rule}`, { defaultValue: rule }) })}
        </span>
      </>
    );
  };
  return (
    <ul data-testid="reappointment-notices">
      {given.map((n) => (
        <li key={`${n.positionId}:${n.termEnd}`}>
          {line(n)}
          {outcome(n)}
        </li>
      ))}
      {ahead.map((n) => (
        <li key={`${n.positionId}:${n.termEnd}`}>{line(n)}</li>
      ))}
      {given.length + ahead.length === 0 && <li>{t('app.none')}</li>}
    </ul>
  );
}
