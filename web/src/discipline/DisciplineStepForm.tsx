import { FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { StepDefinition } from '../api/types';
import { ErrorBox, Field, RequiredFieldsHint, describedBy } from '../components/common';
import { useFocusOnInvalid } from '../components/focus-on-invalid';
import { DayInput } from '../components/DayInput';
import { formatDay, parseDay, vietnamToday } from '../dates';
import { dayProblem } from '../day-problem';
import { useReasonText } from '../server-text/use-reason-text';
import { FormBallotRule } from '../ballot/form-ballot-check';
import { FormBallotLive } from './FormBallotLive';
import { HeavierFormRequired } from './discipline-api';
import { HeavierFormNotice } from './HeavierFormNotice';
import {
  SameViolationPicker,
  SameViolationSubject,
  sameViolationRefusalTitle,
} from './SameViolationPicker';
import { KnownNames } from '../server-text/use-reason-text';
import { fieldInWords } from '../server-text/field-in-words';
import { FORM_TALLY_COUNTS, formTallyField, formTallyProblems } from './form-tally-problems';

export type Values = Record<string, string>;

export interface DisciplineStepFormProps {
  step: StepDefinition;
  /** The forms of the case's track under its rule set, lightest first. */
  forms: string[];
  /** The forms decided by the council that elected the person: their decision names its resolution. */
  councilResolutionForms: string[];
  /** The grounds to hold no council, when this meeting comes just before the council steps. */
  councilSkipGrounds: string[] | null;
  /** The form the ballot chose: a council's recommendation, or (Party) the form the decision applies. */
  recommendedForm: string | null;
  /** The ballot only recommends (a civil-service council): the authority may decide another form. */
  councilRecommends?: boolean;
  /** The form ballot's rule from the case's rule set, for the live check (null: not known). */
  ballotRule?: FormBallotRule | null;
  /** A discipline of the track was in effect on the violation's day: the forms still allowed. */
  heavierForm?: HeavierFormRequired;
  /** The case decided: its person's cases on the other track are offered as the same violation. */
  subject: SameViolationSubject;
  /** The case view's names, for the refusals that name a person or a unit. */
  names?: KnownNames;
  submit(body: Record<string, unknown>): Promise<void>;
  /** A correction: the values recorded, and a required reason. */
  correction?: { values: Values; labelledBy: string };
}

const COUNTS = FORM_TALLY_COUNTS;

/** The values a recorded step shows, to start its correction from. */
export function valuesFromRecord(record: Record<string, unknown>): Values {
  const values: Values = {};
  if (typeof record.heldOn === 'string') values.heldOn = formatDay(record.heldOn);
  // A decision corrected starts from the form it recorded, not from an empty choice.
  for (const key of ['minutesRef', 'note', 'conclusion', 'form'])
    if (typeof record[key] === 'string') values[key] = record[key] as string;
  if (typeof record.violationConfirmed === 'boolean')
    values.violationConfirmed = String(record.violationConfirmed);
  const tally = record.tally;
  if (tally && typeof tally === 'object') {
    const counts = tally as Record<string, unknown>;
    for (const key of COUNTS) values[key] = String(counts[key] ?? '');
    for (const [form, votes] of Object.entries(
      (counts.votesByForm ?? {}) as Record<string, number>,
    ))
      values[`votes.${form}`] = String(votes);
  }
  return values;
}

/** One step of a discipline case: meeting, form ballot (votes per form) or decision. */
export function DisciplineStepForm(props: DisciplineStepFormProps) {
  const { step, forms, correction } = props;
  const { t } = useTranslation();
  const reasonText = useReasonText(props.names);
  const [values, setValues] = useState<Values>(() => ({
    heldOn: formatDay(vietnamToday()),
    ...(step.kind === 'decision' ? { effectiveFrom: formatDay(vietnamToday()) } : {}),
    ...correction?.values,
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef(false);
  // A submit held back by the form's own check, or refused by the server on a field: focus goes
  // to the first field to correct (before: it stayed on the submit button).
  const { formRef, focusFirstInvalid } = useFocusOnInvalid<HTMLFormElement>();
  const set = (name: string) => (value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors(({ [name]: _gone, ...rest }) => rest);
  };
  // A required field is marked («*», aria-required) before any submit, as on a case's step form.
  const input = (
    name: string,
    label: string,
    type: 'text' | 'number' | 'day' = 'text',
    required = false,
  ) => {
    const id = `d-${name}`;
    const control = {
      id,
      value: values[name] ?? '',
      onChange: (e: { target: { value: string } }) => set(name)(e.target.value),
      'aria-required': required || undefined,
      'aria-invalid': Boolean(errors[name]) || undefined,
      'aria-describedby': describedBy(id, false, Boolean(errors[name])),
    };
    return (
      <Field id={id} label={label} error={errors[name]} key={name} required={required}>
        {type === 'day' ? (
          <DayInput {...control} />
        ) : (
          <input {...control} type={type} min={type === 'number' ? 0 : undefined} />
        )}
      </Field>
    );
  };

  // The form of discipline and the verification's finding are the leader's and the inspector's to
  // choose: each starts empty and is refused until chosen (before: «Khiển trách», the ballot's form
  // or «Có vi phạm» was preset, and «Ghi nhận» decided what nobody chose).
  const chosenForm = values.form ?? '';
  const body = (): Record<string, unknown> | null => {
    const problems: Record<string, string> = {};
    const day = (name: string) => {
      const parsed = parseDay(values[name] ?? '');
      if (!parsed) problems[name] = dayProblem(values[name] ?? '', t, 'discipline.form.badDay');
      return parsed;
    };
    const text = (name: string) => (values[name] ?? '').trim() || undefined;
    const result: Record<string, unknown> = {
      heldOn: day('heldOn'),
      minutesRef: text('minutesRef'),
      note: text('note'),
    };
    // The minutes number, where the procedure's definition requires it (the meetings and the
    // ballot), is named before sending (before: only by the server's refusal, after submit).
    if (step.requiredFields.includes('minutesRef') && !result.minutesRef)
      problems.minutesRef = t('discipline.form.required');
    if (step.kind === 'meeting') {
      result.conclusion = text('conclusion');
      if (!result.conclusion) problems.conclusion = t('discipline.form.required');
      if (step.id === 'verification') {
        if (!values.violationConfirmed)
          problems.violationConfirmed = t('discipline.form.findingUnchosen');
        result.violationConfirmed = values.violationConfirmed === 'true';
      }
      if (text('councilSkip.ground'))
        result.councilSkip = {
          ground: text('councilSkip.ground'),
          reference: text('councilSkip.reference'),
        };
    }
    if (step.kind === 'ballot') {
      // Every count required and judged before sending, on its field, as a ballot of an
      // appointment is (before: sent empty, the server's refusal in the box under the form).
      Object.assign(problems, formTallyProblems(values, forms, t));
      const count = (name: string) => Number(values[name] ?? '') || 0;
      result.tally = {
        ...Object.fromEntries(COUNTS.map((key) => [key, count(key)])),
        votesByForm: Object.fromEntries(
          forms.map((form) => [form, count(`votes.${form}`)]).filter(([, n]) => n !== 0),
        ),
      };
    }
    if (step.kind === 'decision') {
      Object.assign(result, {
        number: text('number'),
        signer: text('signer'),
        form: chosenForm,
        effectiveFrom: day('effectiveFrom'),
        servedOn: text('servedOn') ? day('servedOn') : undefined,
        reasonForDifferentForm: text('reasonForDifferentForm'),
        personRequest: text('personRequest')
          ? { receivedOn: result.heldOn, reference: text('personRequest') }
          : undefined,
        sameViolationCaseId: text('sameViolationCaseId'),
        relievedFromPost: values.relievedFromPost === 'true' ? true : undefined,
      });
      if (!chosenForm) problems.form = t('discipline.form.formUnchosen');
      if (props.councilResolutionForms.includes(result.form as string))
        result.councilResolution = {
          number: text('councilResolution.number'),
          adoptedOn: day('councilResolution.adoptedOn'),
        };
    }
    if (correction) {
      result.reason = text('reason');
      if (!result.reason) problems.reason = t('discipline.form.required');
    }
    setErrors(problems);
    return Object.keys(problems).length ? null : result;
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (inFlight.current) return;
    const sent = body();
    if (!sent) {
      focusFirstInvalid();
      return;
    }
    inFlight.current = true;
    setError(null);
    try {
      await props.submit(JSON.parse(JSON.stringify(sent)));
    } catch (e) {
      // A missing resolution is named on the object; its number field shows it. A count of the
      // tally (`tally.members`) is shown on its field alone, its key read as the field's label.
      const field =
        e instanceof ApiError && e.field === 'councilResolution'
          ? 'councilResolution.number'
          : e instanceof ApiError && e.field
            ? formTallyField(e.field)
            : undefined;
      const onCount =
        step.kind === 'ballot' && e instanceof ApiError && field !== undefined && field !== e.field;
      if (e instanceof ApiError && field) {
        const label = onCount ? tallyLabel(field) : '';
        setErrors({ [field]: fieldInWords(reasonText(e.message), e.field ?? '', label) });
        focusFirstInvalid();
      }
      if (!onCount) setError(e);
    } finally {
      inFlight.current = false;
    }
  };

  const tallyLabel = (name: string) =>
    name.startsWith('votes.')
      ? t('discipline.form.votes', {
          form: t(`discipline.forms.${name.slice(6)}`, { defaultValue: name.slice(6) }),
        })
      : name === 'noDiscipline' || name === 'invalid'
        ? t(`discipline.form.${name}`)
        : t(`form.${name}`);
  // Party: the decision applies the form the ballot chose (no council recommends, nobody else
  // proposes a form the decision may depart from), so that form is the only one offered.
  const appliesBallotForm = !props.councilRecommends && props.recommendedForm !== null;
  const formsOffered = appliesBallotForm ? [props.recommendedForm!] : forms;
  return (
    <form
      ref={formRef}
      onSubmit={(e) => void onSubmit(e)}
      aria-labelledby={correction?.labelledBy}
      noValidate
    >
      <RequiredFieldsHint />
      {input('heldOn', t('form.heldOn'), 'day', true)}
      {input(
        'minutesRef',
        t('form.minutesRef'),
        'text',
        step.requiredFields.includes('minutesRef'),
      )}
      {step.kind === 'meeting' && input('conclusion', t('form.conclusion'), 'text', true)}
      {step.kind === 'meeting' && step.id === 'verification' && (
        <Field
          id="d-violationConfirmed"
          label={t('discipline.form.violationConfirmed')}
          error={errors.violationConfirmed}
          required
        >
          <select
            id="d-violationConfirmed"
            aria-required
            value={values.violationConfirmed ?? ''}
            onChange={(e) => set('violationConfirmed')(e.target.value)}
            aria-invalid={Boolean(errors.violationConfirmed) || undefined}
            aria-describedby={describedBy(
              'd-violationConfirmed',
              false,
              Boolean(errors.violationConfirmed),
            )}
          >
            <option value="">{t('discipline.form.chooseFinding')}</option>
            <option value="true">{t('discipline.form.yes')}</option>
            <option value="false">{t('discipline.form.no')}</option>
          </select>
        </Field>
      )}
      {step.kind === 'meeting' && props.councilSkipGrounds && (
        <fieldset>
          <legend>{t('discipline.skip.title')}</legend>
          <Field
            id="d-councilSkip.ground"
            label={t('discipline.skip.ground')}
            error={errors['councilSkip.ground']}
          >
            <select
              id="d-councilSkip.ground"
              value={values['councilSkip.ground'] ?? ''}
              onChange={(e) => set('councilSkip.ground')(e.target.value)}
            >
              <option value="">{t('discipline.skip.none')}</option>
              {props.councilSkipGrounds.map((ground) => (
                <option key={ground} value={ground}>
                  {t(`discipline.skip.${ground}`, { defaultValue: ground })}
                </option>
              ))}
            </select>
          </Field>
          {values['councilSkip.ground'] &&
            input('councilSkip.reference', t('discipline.skip.reference'))}
        </fieldset>
      )}
      {step.kind === 'ballot' && (
        <fieldset>
          <legend>{t('discipline.form.tally')}</legend>
          {COUNTS.map((key) => input(key, tallyLabel(key), 'number', true))}
          {forms.map((form) => input(`votes.${form}`, tallyLabel(`votes.${form}`), 'number'))}
          {props.ballotRule && <FormBallotLive rule={props.ballotRule} values={values} />}
          {props.heavierForm && <HeavierFormNotice required={props.heavierForm} />}
        </fieldset>
      )}
      {step.kind === 'decision' && (
        <>
          {input('number', t('discipline.form.number'), 'text', true)}
          {input('signer', t('discipline.form.signer'), 'text', true)}
          <Field id="d-form" label={t('discipline.form.form')} error={errors.form} required>
            <select
              id="d-form"
              aria-required
              value={chosenForm}
              onChange={(e) => set('form')(e.target.value)}
              aria-invalid={Boolean(errors.form) || undefined}
              aria-describedby={describedBy('d-form', false, Boolean(errors.form))}
            >
              <option value="">{t('discipline.form.chooseForm')}</option>
              {formsOffered.map((form) => (
                <option
                  key={form}
                  value={form}
                  disabled={props.heavierForm && !props.heavierForm.formsAllowed.includes(form)}
                >
                  {t(`discipline.forms.${form}`, { defaultValue: form })}
                </option>
              ))}
            </select>
          </Field>
          {props.heavierForm && <HeavierFormNotice required={props.heavierForm} />}
          {appliesBallotForm && (
            <p className="hint" data-testid="ballot-form-applies">
              {t('discipline.form.appliesBallotForm')}
            </p>
          )}
          {input('effectiveFrom', t('discipline.form.effectiveFrom'), 'day', true)}
          {input('servedOn', t('discipline.form.servedOn'), 'day')}
          <p className="hint" data-testid="served-on-hint">
            {t('discipline.form.servedOnHint')}
          </p>
          {props.councilResolutionForms.includes(chosenForm) && (
            <fieldset data-testid="council-resolution">
              <legend>{t('discipline.form.councilResolution')}</legend>
              {input('councilResolution.number', t('discipline.form.councilResolutionNumber'))}
              {input(
                'councilResolution.adoptedOn',
                t('discipline.form.councilResolutionAdoptedOn'),
                'day',
              )}
            </fieldset>
          )}
          {props.councilRecommends &&
            props.recommendedForm &&
            chosenForm &&
            chosenForm !== props.recommendedForm &&
            input('reasonForDifferentForm', t('discipline.form.reasonForDifferentForm'))}
          {input('personRequest', t('discipline.form.personRequestRef'))}
          <SameViolationPicker
            subject={props.subject}
            value={values.sameViolationCaseId ?? ''}
            error={errors.sameViolationCaseId}
            onChange={set('sameViolationCaseId')}
          />
          {chosenForm === 'warning' && (
            <div className="field">
              <label>
                <input
                  type="checkbox"
                  id="d-relievedFromPost"
                  checked={values.relievedFromPost === 'true'}
                  onChange={(e) => set('relievedFromPost')(e.target.checked ? 'true' : '')}
                />{' '}
                {t('discipline.form.relievedFromPost')}
              </label>
            </div>
          )}
        </>
      )}
      {input('note', t('form.note'))}
      {correction && input('reason', t('correction.reason'), 'text', true)}
      <ErrorBox error={error} outcomeOfSubmit title={sameViolationRefusalTitle(t, error)} />
      <button type="submit">{t('discipline.form.submit')}</button>
    </form>
  );
}
