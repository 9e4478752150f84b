import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../api/schema';
import { api, unwrap } from '../api/client';
import { parseDay, typedButNotADay } from '../dates';
import { dayProblem } from '../day-problem';
import { describedBy, ErrorBox, Field } from './common';
import { DayInput } from './DayInput';
import { useRecordWrite } from './use-record-write';

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
 * A rating dated before the last month of the year it rates: no rule set bounds the day (the
 * server refuses only a day before the year, and one after today), and a year's evaluation is
 * made at its end, so the form asks to check the day without holding the submit back.
 */
function earlyInYear(year: string, day: string): boolean {
  const iso = parseDay(day);
  return /^\d{4}$/.test(year) && iso !== null && iso.slice(0, 4) === year && iso.slice(5, 7) < '12';
}

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
  const [year, setYear] = useState('');
  const [rating, setRating] = useState<Rating | ''>('');
  const [evaluatedOn, setEvaluatedOn] = useState('');
  const [decisionRef, setDecisionRef] = useState('');
  const [missing, setMissing] = useState<FieldName[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const label = (key: string) => t(`person.ratingRecord.${key}`);
  const write = useRecordWrite({
    personId,
    revision,
    fields: FIELDS,
    label,
    body: (): Body => ({
      year: Number(year.trim()),
      rating: rating as Rating,
      evaluatedOn: parseDay(evaluatedOn) ?? evaluatedOn,
      decisionRef: decisionRef.trim(),
    }),
    send: (body, headers) =>
      unwrap(
        api.POST('/cadres/{id}/ratings', { params: { path: { id: personId } }, body, headers }),
      ),
    onSaved: () => {
      setSaved(t('person.ratingRecord.saved', { year: year.trim() }));
      setYear('');
      setRating('');
      setEvaluatedOn('');
      setDecisionRef('');
    },
  });
  const { mutation: record, formRef, focusFirstInvalid, onField } = write;
  const fieldError = (field: FieldName) =>
    missing.includes(field) ? label(`${field}Required`) : write.refusalOf(field);
  const yearTyped = year.trim();
  const badYear = Boolean(yearTyped) && !/^\d{4}$/.test(yearTyped);
  const yearError = badYear ? label('badYear') : fieldError('year');
  const dayError = typedButNotADay(evaluatedOn)
    ? dayProblem(evaluatedOn, t, 'open.badDay')
    : fieldError('evaluatedOn');
  const ratingError = fieldError('rating');
  const refError = fieldError('decisionRef');
  const early = earlyInYear(yearTyped, evaluatedOn);
  const dayHint =
    !dayError && early ? t('person.ratingRecord.earlyInYear', { year: yearTyped }) : null;
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
    // Only what the form itself checks holds the submit back; a server refusal never does.
    if (empty.length || badYear || typedButNotADay(evaluatedOn)) {
      focusFirstInvalid();
      return;
    }
    record.mutate();
  };
  const clear = (field: FieldName) => {
    setMissing((now) => now.filter((f) => f !== field));
    write.edited(field);
  };
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
        <Field id="rating-record-year" label={label('year')} error={yearError} required>
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
        <Field id="rating-record-rating" label={label('rating')} error={ratingError} required>
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
        <Field
          id="rating-record-evaluated-on"
          label={label('evaluatedOn')}
          error={dayError}
          hint={dayHint}
          required
        >
          <DayInput
            id="rating-record-evaluated-on"
            value={evaluatedOn}
            onChange={(e) => {
              setEvaluatedOn(e.target.value);
              clear('evaluatedOn');
            }}
            aria-required
            aria-invalid={dayError ? true : undefined}
            aria-describedby={describedBy(
              'rating-record-evaluated-on',
              Boolean(dayHint),
              Boolean(dayError),
            )}
          />
        </Field>
        <Field
          id="rating-record-decision-ref"
          label={label('decisionRef')}
          error={refError}
          required
        >
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
