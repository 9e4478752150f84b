import { useTranslation } from 'react-i18next';
import { formatDay } from '../dates';
import { citationInVietnamese } from '../server-text/legal-citation';
import { HeavierFormRequired } from './discipline-api';

/** `12/QĐ-UBND (2026-01-05)`, as the record names a decision, read as number and day. */
function decisionNamed(ref: string): { number: string; day: string | null } {
  const m = /^(.*) \((\d{4}-\d{2}-\d{2})\)$/.exec(ref);
  return m ? { number: m[1], day: formatDay(m[2]) } : { number: ref, day: null };
}

/**
 * Where the form is chosen: the violation was committed while an earlier discipline of the track
 * was in effect, so the form must be at least one level heavier than the form served, or than the
 * new violation's own form where that is heavier (art. 2(3)(b)); the server refuses a lighter one.
 */
export function HeavierFormNotice({ required }: { required: HeavierFormRequired }) {
  const { t, i18n } = useTranslation();
  // Inside a sentence: «kỷ luật khiển trách», not the heading's «Khiển trách».
  const form = (id: string) =>
    t(`discipline.forms.${id}`, { defaultValue: id }).toLocaleLowerCase(i18n.language);
  const { number, day } = decisionNamed(required.inEffect.decisionRef);
  const ground =
    i18n.language === 'en' ? required.citation : citationInVietnamese(required.citation);
  return (
    <div className="warning" role="note" data-testid="heavier-form-required">
      <p>
        {t(day ? 'discipline.heavierForm.inEffectDated' : 'discipline.heavierForm.inEffect', {
          form: form(required.inEffect.form),
          number,
          day,
        })}
        {required.inEffect.inEffectUntil &&
          t('discipline.heavierForm.until', { until: formatDay(required.inEffect.inEffectUntil) })}
        {required.basis === 'new_violation' && required.newViolationForm
          ? t('discipline.heavierForm.mustBeHeavierThanOwn', {
              own: form(required.newViolationForm),
            })
          : t('discipline.heavierForm.mustBeHeavier')}
      </p>
      <p>
        {t('discipline.heavierForm.least', {
          forms: required.formsAllowed.map(form).join(', '),
        })}
      </p>
      {ground && <p className="muted">{t('discipline.heavierForm.ground', { ground })}</p>}
    </div>
  );
}
