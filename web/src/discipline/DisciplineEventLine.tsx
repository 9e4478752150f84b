import { useTranslation } from 'react-i18next';
import { AuditEntry } from '../api/types';
import { formatDay } from '../dates';

type Names = { people: Record<string, string> } | undefined;

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

/**
 * What a discipline decision, a complaint or its review said, on its audit timeline line: the
 * actor, role and hash alone do not tell an auditor what was decided. Only the decision's and the
 * review's own fields are read (a ballot's votes are never among them); the complainant is named
 * as the case page names them. `decidedForm`: the decision's form, which a review keeping it does
 * not repeat.
 */
export function DisciplineEventLine({
  event,
  names,
  decidedForm,
}: {
  event: AuditEntry;
  names: Names;
  decidedForm: string | null;
}) {
  const { t } = useTranslation();
  const data = event.data ?? {};
  const formName = (form: unknown) =>
    text(form) ? t(`discipline.forms.${String(form)}`, { defaultValue: String(form) }) : '—';
  const day = (value: unknown) => (text(value) ? formatDay(String(value)) : '—');
  if (event.type === 'DisciplineDecided') {
    const parts = [
      t('discipline.complaints.timeline.effective', { day: day(data.effectiveFrom) }),
      ...(text(data.servedOn)
        ? [t('discipline.complaints.timeline.served', { day: day(data.servedOn) })]
        : []),
      ...('inEffectUntil' in data
        ? [
            t('discipline.complaints.timeline.inEffectUntil', {
              day: text(data.inEffectUntil)
                ? day(data.inEffectUntil)
                : t('discipline.complaints.noEnd'),
            }),
          ]
        : []),
    ];
    return (
      <p data-testid="timeline-substance">
        {t('discipline.complaints.timeline.decided', {
          number: text(data.number) ?? '—',
          day: day(data.heldOn),
          form: formName(data.form),
        })}
        <br />
        {parts.join('; ')}
      </p>
    );
  }
  if (event.type === 'DisciplineComplaintFiled') {
    const complainant = data.complainant as { personId?: string | null; name?: string | null };
    const personId = complainant?.personId ?? null;
    const name =
      complainant?.name ?? (personId ? (names?.people[personId] ?? personId) : null) ?? '—';
    return (
      <p data-testid="timeline-substance">
        {t('discipline.complaints.filed', {
          day: day(data.filedOn),
          grounds: text(data.grounds) ?? '—',
        })}
        <br />
        {t('discipline.complaints.complainant', { name })}
      </p>
    );
  }
  if (event.type === 'DisciplineComplaintReviewed') {
    const outcome = String(data.outcome);
    const form = outcome === 'keep' ? (text(data.form) ?? decidedForm) : data.form;
    return (
      <p data-testid="timeline-substance">
        {t('discipline.complaints.reviewed', {
          number: text(data.number) ?? '—',
          day: day(data.heldOn),
          outcome: t(`discipline.complaints.${outcome}`, {
            form: formName(form),
            defaultValue: outcome,
          }),
        })}
      </p>
    );
  }
  return null;
}
