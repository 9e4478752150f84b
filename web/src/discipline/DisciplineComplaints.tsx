import { TFunction } from 'i18next';
import { complaintWindowState } from './complaint-window-state';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../dates';
import { actorLabel } from '../actor-name';
import { citationInVietnamese } from '../server-text/legal-citation';
import { DisciplineCaseView, DisciplineComplaint, DisciplineReview } from './discipline-api';

/** The complainant by name: the disciplined person's from the case's names, or as named. */
function complainantName(view: DisciplineCaseView, complaint: DisciplineComplaint): string {
  if (complaint.complainant?.name) return complaint.complainant.name;
  // Absent on a complaint recorded before it was kept: the disciplined person's, as the server says.
  const id = complaint.complainant?.personId ?? view.personId;
  return view.names?.people[id] ?? id;
}

/**
 * "Khiếu nại và giải quyết khiếu nại": each complaint against the decision (its day, who complains
 * and, apart, who recorded it) and each review (its decision number, day and outcome), and whether
 * one may still complain.
 */
export function DisciplineComplaints({ view }: { view: DisciplineCaseView }) {
  const { t, i18n } = useTranslation();
  const complaints = view.complaints ?? [];
  const reviews = view.reviews ?? [];
  const formName = (form: string | null) =>
    form ? t(`discipline.forms.${form}`, { defaultValue: form }) : '—';
  const outcome = (review: DisciplineReview) =>
    t(`discipline.complaints.${review.outcome}`, {
      form: formName(
        review.outcome === 'keep' ? (review.form ?? view.decision!.form) : review.form,
      ),
    });
  return (
    <section
      className="card"
      data-testid="discipline-complaints"
      aria-labelledby="complaints-title"
    >
      <h2 id="complaints-title">{t('discipline.complaints.title')}</h2>
      {complaints.length === 0 && <p>{t('discipline.complaints.none')}</p>}
      <ol>
        {complaints.map((complaint, i) => (
          <li key={i}>
            <p data-testid="complaint-filed">
              {t('discipline.complaints.filed', {
                day: formatDay(complaint.filedOn),
                grounds: complaint.grounds,
              })}
              {(complaint.second || complaint.complex) && (
                <>
                  {' '}
                  <span data-testid="complaint-round">
                    (
                    {[
                      complaint.second && t('discipline.complaints.roundSecond'),
                      complaint.complex && t('discipline.complaints.roundComplex'),
                    ]
                      .filter(Boolean)
                      .join(', ')}
                    )
                  </span>
                </>
              )}
              <br />
              <span data-testid="complaint-complainant">
                {t('discipline.complaints.complainant', {
                  name: complainantName(view, complaint),
                })}
              </span>
              <br />
              <span className="muted" data-testid="complaint-recorder">
                {t('discipline.complaints.recordedBy', {
                  by: actorLabel(
                    complaint.recordedBy,
                    complaint.recordedByName,
                    t('audit.systemActor'),
                  ),
                })}
              </span>
            </p>
            {reviews[i] && (
              <p data-testid="complaint-review">
                {t('discipline.complaints.reviewed', {
                  number: reviews[i].number,
                  day: formatDay(reviews[i].heldOn),
                  outcome: outcome(reviews[i]),
                })}
                {reviews[i].servedOn && reviews[i].servedOn !== reviews[i].heldOn && (
                  <span data-testid="complaint-review-served">
                    {' '}
                    (
                    {t('discipline.complaints.reviewServed', {
                      day: formatDay(reviews[i].servedOn!),
                    })}
                    )
                  </span>
                )}
                {reviews[i].reason && (
                  <>
                    <br />
                    <span className="muted">
                      {t('discipline.complaints.reason', { reason: reviews[i].reason })}
                    </span>
                  </>
                )}
              </p>
            )}
          </li>
        ))}
      </ol>
      <p className="muted" data-testid="complaint-window">
        {complaintWindowLine(view, t)}
      </p>
      {view.status === 'under_review' && (
        <>
          <p data-testid="complaint-review-due">
            {reviewDueLine(view, t, i18n.language)}
            {view.complaintReviewDue?.provisional && (
              <>
                {' '}
                <span className="badge">{t('case.provisional')}</span>
              </>
            )}
          </p>
          {view.complaintReviewDue?.provisional && (
            <p className="muted">{t('case.provisionalHint')}</p>
          )}
        </>
      )}
    </section>
  );
}

/** Whether a complaint may still be filed, as the server judges it (`complaintWindow`). */
function complaintWindowLine(view: DisciplineCaseView, t: (key: string) => string): string {
  const state = complaintWindowState(view);
  switch (state.say) {
    case 'underReview':
      return t('discipline.complaints.underReview');
    case 'firstUntil':
      return `${t('discipline.decision.complaintUntil')} ${formatDay(state.endsOn)}`;
    case 'secondUntil':
      return `${t('discipline.complaints.secondUntil')} ${formatDay(state.endsOn)}`;
    default:
      return t(`discipline.complaints.${state.say}`);
  }
}

/** The last day to resolve the complaint under review and the rule that sets it, or that none does. */
function reviewDueLine(view: DisciplineCaseView, t: TFunction, language: string): string {
  const due = view.complaintReviewDue;
  if (!due) return t('discipline.complaints.reviewNoDue');
  const rule =
    language === 'en' ? due.citation : (citationInVietnamese(due.citation) ?? due.citation);
  return t('discipline.complaints.reviewDue', { day: formatDay(due.dueOn), rule });
}
