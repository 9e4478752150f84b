import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '../api/schema';
import { api, ApiError, idempotencyKeys, unwrap } from '../api/client';
import { afterRecordWrite } from '../api/record-queries';
import { parseDay, typedButNotADay } from '../dates';
import { useReasonText } from '../server-text/use-reason-text';
import { describedBy, ErrorBox, Field, ruleTitle } from './common';
import { DayInput } from './DayInput';
import { useFocusOnInvalid } from './focus-on-invalid';

type Body = components['schemas']['RecordAnnualRatingDto'];
type Rating = Body['rating'];

/** Every rating level the server records (RecordAnnualRatingDto), best first. */
const RATINGS = [
  'excellent',
  'good',
  'completed',
  'not_completed',
] as const satisfies readonly Rating[];
// A level the server adds fails to compile here until the form offers it.
const everyRatingOffered: [Exclude<Rating, (typeof RATINGS)[number]>] extends [never]
  ? true
  : false = true;
void everyRatingOffered;

/** The fields the form has: a refusal naming one of them is shown on it. */
const FIELDS = ['year', 'rating', 'evaluatedOn', 'decisionRef'] as const;
type FieldName = (typeof FIELDS)[number];

/**
 * Ghi nhận kết quả đánh giá, xếp loại: a year's rating (POST /cadres/:id/ratings; a second one for
 * the year corrects it). A re-appointment's vetting reads the term's years from here, and flags a
 * year left unrated (reappointment.term_year_unrated); before, the page only listed the ratings, so
 * staff told to update the record had no way to from the screens. Sent with the record's revision.
 */
export function AnnualRatingRecord({
  personId,
  revision,
}: {
  personId: string;
  revision: number | null;
}) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  const queryClient = useQueryClient();
  const [keys] = useState(idempotencyKeys);
  const [year, setYear] = useState('');
  const [rating, setRating] = useState<Rating | ''>('');
  const [evaluatedOn, setEvaluatedOn] = useState('');
  const [decisionRef, setDecisionRef] = useState('');
  const [missing, setMissing] = useState<FieldName[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const { formRef, focusFirstInvalid } = useFocusOnInvalid<HTMLFormElement>();
  const label = (key: string) => t(`person.ratingRecord.${key}`);
  const record = useMutation({
    mutationFn: () => {
      const body: Body = {
        year: Number(year.trim()),
        rating: rating as Rating,
        evaluatedOn: parseDay(evaluatedOn) ?? evaluatedOn,
        decisionRef: decisionRef.trim(),
      };
      return unwrap(
        api.POST('/cadres/{id}/ratings', {
          params: { path: { id: personId } },
          body,
          headers: {
            'Idempotency-Key': keys(body),
            ...(revision !== null ? { 'If-Match': `"${revision}"` } : {}),
          },
        }),
      );
    },
    onSuccess: () => {
      setSaved(t('person.ratingRecord.saved', { year: year.trim() }));
      setYear('');
      setRating('');
      setEvaluatedOn('');
      setDecisionRef('');
      void afterRecordWrite(queryClient);
    },
    onError: (error) => {
      setSaved(null);
      // The record moved since the page read it: read it again, so the next try sends its revision.
      if (error instanceof ApiError && error.status === 409)
        void queryClient.invalidateQueries({ queryKey: ['person', personId] });
      else if (
        error instanceof ApiError &&
        (FIELDS as readonly string[]).includes(error.field ?? '')
      )
        focusFirstInvalid();
    },
  });
  const refusal = record.error instanceof ApiError ? record.error : null;
  const onField = refusal?.field && (FIELDS as readonly string[]).includes(refusal.field);
  const fieldError = (field: FieldName) => {
    if (missing.includes(field)) return label(`${field}Required`);
    return refusal && refusal.field === field
      ? `${ruleTitle(t, refusal)} — ${reasonText(refusal.message)}`
      : null;
  };
  const yearTyped = year.trim();
  const yearError = yearTyped && !/^\d{4}$/.test(yearTyped) ? label('badYear') : fieldError('year');
  const dayError = typedButNotADay(evaluatedOn) ? t('open.badDay') : fieldError('evaluatedOn');
  const ratingError = fieldError('rating');
  const refError = fieldError('decisionRef');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const empty = FIELDS.filter((field) =>
      field === 'year'
        ? !yearTyped
        : field === 'rating'
          ? !rating
          : field === 'evaluatedOn'
            ? !evaluatedOn.trim()
            : !decisionRef.trim(),
    );
    setMissing(empty);
    if (empty.length || yearError || typedButNotADay(evaluatedOn)) {
      focusFirstInvalid();
      return;
    }
    record.mutate();
  };
  const clear = (field: FieldName) => setMissing((now) => now.filter((f) => f !== field));
  return (
    <form
      ref={formRef}
      className="card"
      onSubmit={submit}
      aria-label={label('title')}
      noValidate
      data-testid="rating-record"
    >
      <h3>{label('title')}</h3>
      <div className="row wrap">
        <Field id="rating-record-year" label={label('year')} error={yearError}>
          <input
            id="rating-record-year"
            inputMode="numeric"
            autoComplete="off"
            value={year}
            onChange={(e) => {
              setYear(e.target.value);
              clear('year');
            }}
            aria-required
            aria-invalid={yearError ? true : undefined}
            aria-describedby={describedBy('rating-record-year', false, Boolean(yearError))}
          />
        </Field>
        <Field id="rating-record-rating" label={label('rating')} error={ratingError}>
          <select
            id="rating-record-rating"
            value={rating}
            onChange={(e) => {
              setRating(e.target.value as Rating | '');
              clear('rating');
            }}
            aria-required
            aria-invalid={ratingError ? true : undefined}
            aria-describedby={describedBy('rating-record-rating', false, Boolean(ratingError))}
          >
            <option value="">{label('chooseRating')}</option>
            {RATINGS.map((r) => (
              <option key={r} value={r}>
                {t(`person.ratingNames.${r}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="row wrap">
        <Field id="rating-record-evaluated-on" label={label('evaluatedOn')} error={dayError}>
          <DayInput
            id="rating-record-evaluated-on"
            value={evaluatedOn}
            onChange={(e) => {
              setEvaluatedOn(e.target.value);
              clear('evaluatedOn');
            }}
            aria-required
            aria-invalid={dayError ? true : undefined}
            aria-describedby={describedBy('rating-record-evaluated-on', false, Boolean(dayError))}
          />
        </Field>
        <Field id="rating-record-decision-ref" label={label('decisionRef')} error={refError}>
          <input
            id="rating-record-decision-ref"
            value={decisionRef}
            onChange={(e) => {
              setDecisionRef(e.target.value);
              clear('decisionRef');
            }}
            aria-required
            aria-invalid={refError ? true : undefined}
            aria-describedby={describedBy('rating-record-decision-ref', false, Boolean(refError))}
          />
        </Field>
      </div>
      {/* A refusal that names no field of the form (a record changed meanwhile, a grant). */}
      {!onField && <ErrorBox error={record.error} outcomeOfSubmit />}
      {saved && (
        <p className="notice" role="status">
          {saved}
        </p>
      )}
      <button type="submit" disabled={record.isPending}>
        {label('record')}
      </button>
    </form>
  );
}
