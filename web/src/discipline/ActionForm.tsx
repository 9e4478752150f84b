import { FormEvent, ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { ErrorBox, Field, describedBy } from '../components/common';
import { useFocusOnInvalid } from '../components/focus-on-invalid';
import { DayInput } from '../components/DayInput';
import { formatDay, parseDay, vietnamToday } from '../dates';
import { dayProblem } from '../day-problem';
import { useReasonText } from '../server-text/use-reason-text';

/** A field of an action's form: a day (dd/mm/yyyy), a line, a paragraph or a choice. */
export interface ActionField {
  name: string;
  label: string;
  kind: 'day' | 'text' | 'paragraph' | 'choice';
  /** Left empty, the form says "Bắt buộc" on it and sends nothing. */
  required?: boolean;
  /** What a required field left empty says instead ("Chưa chọn …" on a choice, as the step forms). */
  missing?: string;
  hint?: string;
  choices?: { value: string; label: string }[];
  /**
   * A choice of consequence (an outcome, a form of discipline): it starts on this empty option and
   * must be chosen. Without it, a choice starts on its first (a default the law itself sets).
   */
  placeholder?: string;
}

export interface ActionFormProps {
  /** The form's id prefix (its controls are `<id>-<field>`), unique on the page. */
  id: string;
  fields: ActionField[];
  submitLabel: string;
  submit(body: Record<string, string>): Promise<void>;
  /** Values to start from; a day field starts at today unless given. */
  initial?: Record<string, string>;
  /** The fields shown for the values typed so far (default: all). */
  shown?: (values: Record<string, string>) => string[];
  children?: ReactNode;
}

/**
 * The form of an action beside the steps (a complaint, its review, an extension, a closure), as
 * the step forms look: days as dd/mm/yyyy, required fields checked before sending, and a refusal
 * shown in Vietnamese on the field it names as well as above the button.
 */
export function ActionForm(props: ActionFormProps) {
  const { fields, id } = props;
  const { t } = useTranslation();
  const reasonText = useReasonText();
  const [values, setValues] = useState<Record<string, string>>(() => ({
    ...Object.fromEntries(
      fields.filter((f) => f.kind === 'day').map((f) => [f.name, formatDay(vietnamToday())]),
    ),
    ...Object.fromEntries(
      fields
        .filter((f) => f.kind === 'choice')
        .map((f) => [f.name, f.placeholder ? '' : (f.choices?.[0]?.value ?? '')]),
    ),
    ...props.initial,
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef(false);
  // A submit held back by the form's own check, or refused by the server on a field: focus goes
  // to the first field to correct (before: it stayed on the submit button).
  const { formRef, focusFirstInvalid } = useFocusOnInvalid<HTMLFormElement>();
  const shown = new Set(props.shown ? props.shown(values) : fields.map((f) => f.name));
  const visible = fields.filter((f) => shown.has(f.name));

  const body = (): Record<string, string> | null => {
    const problems: Record<string, string> = {};
    const sent: Record<string, string> = {};
    for (const field of visible) {
      const text = (values[field.name] ?? '').trim();
      if (!text) {
        if (field.required) problems[field.name] = field.missing ?? t('discipline.form.required');
        continue;
      }
      const day = field.kind === 'day' ? parseDay(text) : text;
      if (!day) problems[field.name] = dayProblem(text, t, 'discipline.form.badDay');
      else sent[field.name] = day;
    }
    setErrors(problems);
    return Object.keys(problems).length ? null : sent;
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
      await props.submit(sent);
    } catch (e) {
      if (e instanceof ApiError && e.field && shown.has(e.field)) {
        setErrors({ [e.field]: reasonText(e.message) });
        focusFirstInvalid();
      }
      setError(e);
    } finally {
      inFlight.current = false;
    }
  };

  const control = (field: ActionField) => {
    const controlId = `${id}-${field.name}`;
    const common = {
      id: controlId,
      value: values[field.name] ?? '',
      onChange: (e: { target: { value: string } }) => {
        setValues((v) => ({ ...v, [field.name]: e.target.value }));
        setErrors(({ [field.name]: _gone, ...rest }) => rest);
      },
      'aria-invalid': Boolean(errors[field.name]) || undefined,
      'aria-describedby': describedBy(controlId, Boolean(field.hint), Boolean(errors[field.name])),
    };
    return (
      <Field
        id={controlId}
        label={field.label}
        error={errors[field.name]}
        hint={field.hint}
        key={field.name}
      >
        {field.kind === 'day' ? (
          <DayInput {...common} />
        ) : field.kind === 'paragraph' ? (
          <textarea {...common} rows={3} />
        ) : field.kind === 'choice' ? (
          <select {...common}>
            {field.placeholder && <option value="">{field.placeholder}</option>}
            {field.choices?.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        ) : (
          <input {...common} type="text" />
        )}
      </Field>
    );
  };

  return (
    <form ref={formRef} onSubmit={(e) => void onSubmit(e)} noValidate>
      {props.children}
      {visible.map(control)}
      <ErrorBox error={error} outcomeOfSubmit />
      <button type="submit">{props.submitLabel}</button>
    </form>
  );
}
