import { useTranslation } from 'react-i18next';
import { CaseStepRecord, CaseView, RuleSet, StepDefinition } from '../api/types';
import { eventTypeName } from '../event-type-names';
import { formatDay } from '../dates';
import { earlierVettingValues, tallyLine, valuesFromRecord } from './correction-values';
import { StepForm, StepFormProps } from './StepForm';
import { actorLabel } from '../actor-name';
import { CaseWithNames } from '../api/hooks';

export interface CorrectStepProps {
  view: StepFormProps['view'];
  step: StepDefinition;
  record: CaseStepRecord;
  ruleSet: RuleSet | undefined;
  /** Sends the corrected body with its reason; throws ApiError on a refusal. */
  submit(body: Record<string, unknown>): Promise<void>;
  cancel(): void;
}

/**
 * "Sửa bước": the last recorded step's original values beside its form filled with them; the
 * corrected body is judged again by the step's rules, and the reason is required.
 */
export function CorrectStep({ view, step, record, ruleSet, submit, cancel }: CorrectStepProps) {
  const { t, i18n } = useTranslation();
  const recorded = valuesFromRecord(record, step);
  const original = {
    ...recorded,
    values: { ...earlierVettingValues(view, step), ...recorded.values },
  };
  const people = (view as CaseWithNames).names?.people;
  const counts = tallyLine(
    record,
    (key) => t(`form.${key}`),
    (id) => people?.[id] ?? id,
  );
  return (
    <section className="card" aria-labelledby="correct-step-title" data-testid="correct-step">
      <h2 id="correct-step-title">
        {t('correction.title', { title: i18n.language === 'en' ? step.title : step.titleVi })}
      </h2>
      <p className="muted">{t('correction.explain')}</p>
      <dl className="facts" data-testid="correct-step-original">
        <dt>{t('correction.original')}</dt>
        <dd>
          {eventTypeName(t, record.type) ?? record.type}
          {record.outcome
            ? ` · ${t(`outcome.${record.outcome}`, { defaultValue: record.outcome })}`
            : ''}
          {record.heldOn ? ` · ${formatDay(record.heldOn)}` : ''}
          {record.minutesRef ? ` · ${record.minutesRef}` : ''}
        </dd>
        {counts && (
          <>
            <dt>{t('correction.originalCounts')}</dt>
            <dd>{counts}</dd>
          </>
        )}
        <dt>{t('correction.recordedBy')}</dt>
        {/* By name when the step recorded one (before: the user id, "staff-1"); the service's
            own writer as «Hệ thống». */}
        <dd>{actorLabel(record.recordedBy, record.recordedByName, t('audit.systemActor'))}</dd>
      </dl>
      <StepForm
        view={view as CaseView}
        step={step}
        ruleSet={ruleSet}
        submit={submit}
        correction={{ ...original, labelledBy: 'correct-step-title' }}
      />
      <button type="button" className="secondary" onClick={cancel}>
        {t('case.cancel')}
      </button>
    </section>
  );
}
