import { useTranslation } from 'react-i18next';
import { formatDay, formatDecisionRef } from '../dates';
import { DisciplineCaseView, DisciplineStepRecord, LimitationJudgement } from './discipline-api';
import { useReasonText } from '../server-text/use-reason-text';
import { Definition } from '../api/types';
import { stepTitleOf } from '../step-title';
import { actorLabel } from '../actor-name';
import { correctionReasonText, withheldResultKey, withheldResultOf } from '../withheld';
import { DisciplineComplaints } from './DisciplineComplaints';

function useFormName() {
  const { t } = useTranslation();
  return (form: string | null | undefined) =>
    form ? t(`discipline.forms.${form}`, { defaultValue: form }) : '—';
}

/** "Vi phạm nhưng hết thời hiệu": the form, its period, when it ran out, and the rule. */
function TimeBarred({ limitation }: { limitation: LimitationJudgement }) {
  const { t } = useTranslation();
  const formName = useFormName();
  return (
    <section className="card" data-testid="time-barred" aria-labelledby="time-barred-title">
      <h2 id="time-barred-title">{t('discipline.timeBarred.title')}</h2>
      <p>
        {t('discipline.timeBarred.explain', {
          form: formName(limitation.form),
          years: limitation.years,
          from: formatDay(limitation.runsFrom),
          until: formatDay(limitation.endsOn),
        })}
      </p>
      {limitation.restartedBy && (
        <p>{t('discipline.timeBarred.restarted', { day: formatDay(limitation.restartedBy) })}</p>
      )}
      <p className="muted">
        {t('discipline.timeBarred.judgedOn', { day: formatDay(limitation.judgedOn) })} —{' '}
        {limitation.citation}
      </p>
    </section>
  );
}

/** The case's outcome: confirmed but time-barred, the decision (and how it differs), or the closure. */
export function DisciplineOutcome({ view }: { view: DisciplineCaseView }) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  if (view.timeBarred) return <TimeBarred limitation={view.timeBarred.limitation} />;
  // A closure by the ballot restates its counts: withheld from this reader as the ballot is, it
  // says so as the ballot's own line does (before: the API's English placeholder).
  const closureWithheld = view.closure ? withheldResultOf(view.closure) : null;
  if (view.closure)
    return (
      <section className="card">
        <h2>{t('discipline.closure')}</h2>
        <p data-testid="closure-rule">
          {t(`rules.${view.closure.rule}`, { defaultValue: view.closure.rule })}
        </p>
        <p data-testid="closure-reason">
          {closureWithheld
            ? t(withheldResultKey(closureWithheld, 'DisciplineBallotTallied'))
            : reasonText(view.closure.reason)}
        </p>
      </section>
    );
  const decision = view.decision;
  if (!decision) return null;
  return (
    <>
      <section className="card" data-testid="discipline-decision" aria-labelledby="decision-title">
        <h2 id="decision-title">{t('discipline.decision.title')}</h2>
        <dl className="facts">
          <dt>{t('discipline.decision.number')}</dt>
          <dd>
            {decision.number} ({formatDay(decision.heldOn)}) — {decision.signer}
          </dd>
          <dt>{t('discipline.decision.effective')}</dt>
          <dd>{formatDay(decision.effectiveFrom)}</dd>
          {decision.servedOn && (
            <>
              <dt>{t('discipline.decision.served')}</dt>
              <dd data-testid="decision-served-on">{formatDay(decision.servedOn)}</dd>
            </>
          )}
          <InForce view={view} />
        </dl>
        {/* The limitation is among the notes, once (before: printed again here). */}
        <DecisionNotes view={view} />
      </section>
      <DisciplineComplaints view={view} />
    </>
  );
}

/**
 * The form in force and its dates, from the case's own fields: a complaint review that changed the
 * form changed its validity and its bar with it (before, the changed form showed beside the
 * decided form's bar). An annulled decision has none.
 */
function InForce({ view }: { view: DisciplineCaseView }) {
  const { t } = useTranslation();
  const formName = useFormName();
  const decision = view.decision!;
  if (view.status === 'annulled')
    return (
      <>
        <dt>{t('discipline.decision.form')}</dt>
        <dd data-testid="decision-annulled">
          {formName(decision.form)} — {t('discipline.complaints.annulled')}
        </dd>
      </>
    );
  const form = view.form ?? decision.form;
  const dayOrNoEnd = (day: string | null | undefined) =>
    day ? formatDay(day) : t('discipline.complaints.noEnd');
  return (
    <>
      {form !== decision.form && (
        <>
          <dt>{t('discipline.complaints.decidedForm')}</dt>
          <dd>{formName(decision.form)}</dd>
        </>
      )}
      <dt>
        {t(
          form !== decision.form ? 'discipline.complaints.currentForm' : 'discipline.decision.form',
        )}
      </dt>
      <dd data-testid="decision-form">{formName(form)}</dd>
      {'inEffectUntil' in view && (
        <>
          <dt>{t('discipline.complaints.inEffectUntil')}</dt>
          <dd data-testid="decision-in-effect-until">{dayOrNoEnd(view.inEffectUntil)}</dd>
        </>
      )}
      <dt>{t('discipline.decision.barEnds')}</dt>
      <dd data-testid="decision-bar-ends">
        {dayOrNoEnd('barEndsOn' in view ? view.barEndsOn : decision.barEndsOn)}
      </dd>
    </>
  );
}

/** What else the decision says: another form than recommended, the council's resolution, … */
function DecisionNotes({ view }: { view: DisciplineCaseView }) {
  const { t } = useTranslation();
  const formName = useFormName();
  const decision = view.decision!;
  const limitation = decision.limitation;
  return (
    <>
      {decision.differsFromRecommendation && (
        <p data-testid="differs-from-recommendation">
          {t('discipline.decision.differs', {
            recommended: formName(decision.differsFromRecommendation.recommended),
            reason: decision.differsFromRecommendation.reason,
          })}
        </p>
      )}
      {decision.councilResolution && (
        <p data-testid="council-resolution">
          {t('discipline.decision.councilResolution', {
            number: decision.councilResolution.number,
            day: formatDay(decision.councilResolution.adoptedOn),
          })}
        </p>
      )}
      {decision.sameViolationAs && (
        <p data-testid="same-violation">
          {t('discipline.decision.sameViolation', {
            caseId: decision.sameViolationAs.caseId,
            decisionRef: formatDecisionRef(decision.sameViolationAs.decisionRef),
            until: decision.carriedBarEndsOn
              ? formatDay(decision.carriedBarEndsOn)
              : t('discipline.decision.noEnd'),
          })}
        </p>
      )}
      {decision.effectCountedFrom && (
        <p data-testid="effect-counted-from" title={decision.effectCountedFrom.rule}>
          {t('discipline.decision.effectCountedFrom', {
            caseId: decision.sameViolationAs?.caseId ?? '—',
            day: formatDay(decision.effectCountedFrom.on),
          })}
        </p>
      )}
      {decision.relievedFromPost && (
        <p data-testid="relieved-from-post">{t('discipline.decision.relievedFromPost')}</p>
      )}
      {decision.personRequest && (
        <p data-testid="person-request">
          {t('discipline.decision.personRequest', {
            reference: decision.personRequest.reference,
            day: formatDay(decision.personRequest.receivedOn),
            waived: decision.personRequest.waived.map((s) => s.replace(/_/g, ' ')).join(', '),
          })}
        </p>
      )}
      {limitation && (
        <p className="muted" data-testid="decision-limitation">
          {limitation.years === null
            ? limitation.exemptCategory
              ? t('discipline.decision.noLimitationFor', {
                  kind: t(`discipline.exemptKinds.${limitation.exemptCategory}`, {
                    defaultValue: limitation.exemptCategory,
                  }),
                })
              : t('discipline.decision.noLimitation')
            : t('discipline.decision.limitation', {
                years: limitation.years,
                from: formatDay(limitation.runsFrom),
                until: formatDay(limitation.endsOn),
              })}
        </p>
      )}
    </>
  );
}

/** A step record's counts in one line: each form's votes, no discipline. */
function tallyLine(
  record: DisciplineStepRecord | Record<string, unknown>,
  formName: (f: string) => string,
) {
  const tally = record.tally;
  if (!tally || typeof tally !== 'object') return null;
  const counts = tally as {
    present?: number;
    noDiscipline?: number;
    votesByForm?: Record<string, number>;
  };
  return [
    ...Object.entries(counts.votesByForm ?? {}).map(
      ([form, votes]) => `${formName(form)} ${votes}`,
    ),
    `${formName('noDiscipline')} ${counts.noDiscipline ?? 0}`,
  ].join(', ');
}

/** The steps recorded, each with its corrections (when, by whom, why, what it replaced). */
export function DisciplineRecords({
  view,
  definition,
  testId,
}: {
  view: Pick<DisciplineCaseView, 'steps'>;
  definition?: Definition;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const stepTitle = (stepId: string) => stepTitleOf(definition?.steps, stepId, i18n.language);
  const formName = (form: string) =>
    form === 'noDiscipline'
      ? t('discipline.form.noDiscipline')
      : t(`discipline.forms.${form}`, { defaultValue: form });
  return (
    <ol className="records" data-testid={testId}>
      {view.steps.map((record, i) => (
        <li key={i}>
          {/* A step recorded is titled by its step («Kiểm tra, xác minh vi phạm»), as an
              appointment's records are by what they are (before: each «Ghi nhận bước · …»). */}
          {record.type === 'DisciplineStepRecorded' && record.stepId ? (
            <strong>{stepTitle(record.stepId)}</strong>
          ) : (
            <>
              <strong>{t(`record.${record.type}`, { defaultValue: record.type })}</strong>
              {record.stepId ? ` · ${stepTitle(record.stepId)}` : ''}
            </>
          )}
          {record.heldOn ? ` · ${formatDay(record.heldOn)}` : ''}
          {record.minutesRef ? ` · ${record.minutesRef}` : ''}
          {record.form ? ` · ${formName(record.form)}` : ''}
          {tallyLine(record, formName) && <div>{tallyLine(record, formName)}</div>}
          {typeof record.violationConfirmed === 'boolean' && (
            <div data-testid="violation-confirmed">
              {t('discipline.form.violationConfirmed')}:{' '}
              <strong>
                {t(record.violationConfirmed ? 'discipline.form.yes' : 'discipline.form.no')}
              </strong>
            </div>
          )}
          {record.conclusion && (
            <div className="muted">
              {t('form.conclusion')}: {record.conclusion}
            </div>
          )}
          {withheldResultOf(record) && (
            <div className="muted" data-testid="result-withheld">
              {t(withheldResultKey(withheldResultOf(record)!, record.type))}
            </div>
          )}
          {record.skippedSteps && (
            <div className="muted">
              {t('discipline.skip.title')}:{' '}
              {t(`discipline.skip.${record.skippedSteps.ground}`, {
                defaultValue: record.skippedSteps.ground,
              })}
              {record.skippedSteps.reference ? ` (${record.skippedSteps.reference})` : ''}
            </div>
          )}
          {(record.corrections ?? []).map((note, n) => (
            <div key={n} className="muted" data-testid="step-correction">
              {t('discipline.corrected', {
                date: formatDay(note.correctedOn),
                by: actorLabel(note.correctedBy, note.correctedByName, t('audit.systemActor')),
                reason: correctionReasonText(note.reason, t('case.hidden')),
              })}
              {tallyLine(note.replaced, formName) && (
                <>
                  <br />
                  {t('correction.replaced', { summary: tallyLine(note.replaced, formName) })}
                </>
              )}
            </div>
          ))}
        </li>
      ))}
    </ol>
  );
}
