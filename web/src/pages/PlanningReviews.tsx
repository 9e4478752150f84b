import { FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../api/schema';
import { api, ApiError, unwrap } from '../api/client';
import { formatDay, formatDecisionRef, parseDay, vietnamToday } from '../dates';
import { can, getSession } from '../session';
import { describedBy, ErrorBox, Field, Loading, ruleTitle } from '../components/common';
import { DayInput } from '../components/DayInput';
import { useFocusOnInvalid } from '../components/focus-on-invalid';
import { useFocusOnSuccess } from '../components/focus-on-success';
import { PlanningChange, PlanningChangeRows } from '../components/PlanningChangeRows';
import { useOrgUnits } from './Inbox';
import { unitsWithinGrant } from '../org-unit-tree';
import { usePositions } from '../api/hooks';
import { usePositionNames, useReasonText } from '../server-text/use-reason-text';
import { useOpenPlanningTerms } from '../planning-terms';

type Review = components['schemas']['PlanningReviewDto'];

/** Rows left as added, with no person and no post, are not sent. */
const picked = (changes: PlanningChange[]) =>
  changes.filter((change) => change.personId || change.positionId);
const person = (review: Review, id: string) => review.names.people[id] ?? id;
const post = (review: Review, id: string) => review.names.positions[id] ?? id;

/** The fields of the form above the rows: a refusal of one of them is shown on it. */
const FORM_FIELDS = ['id', 'term', 'decisionRef'];

/**
 * A fresh id for the next review, filled in for the user: the server keys a retry by it (the
 * same id sent again completes the review and writes nothing twice), so it is made once per
 * review, not per click, and the user need not invent one (before, the field was empty and
 * required). The day says when it was made, the rest tells two reviews of a day apart.
 */
const newReviewId = () =>
  `rv-${vietnamToday().replace(/-/g, '')}-${Math.random().toString(36).slice(2, 8).padEnd(6, '0')}`;

/** Rà soát, bổ sung quy hoạch: the periodic review of the pools, recorded as one event. */
export function PlanningReviews() {
  const { t } = useTranslation();
  const session = getSession()!;
  const units = useOrgUnits();
  // A refusal (an overfull pool) names its posts and units by name.
  const postNames = usePositionNames(usePositions().data);
  const [added, setAdded] = useState<PlanningChange[]>([]);
  const [removed, setRemoved] = useState<PlanningChange[]>([]);
  // A refusal names the people of the rows by the names they were picked by (never their ids).
  const names = useMemo(
    () => ({
      ...postNames,
      people: Object.fromEntries(
        [...added, ...removed].map((change) => [change.personId, change.personName]),
      ),
      orgUnits: Object.fromEntries((units.data ?? []).map((u) => [u.id, u.name])),
    }),
    [postNames, units.data, added, removed],
  );
  const queryClient = useQueryClient();
  const openTerms = useOpenPlanningTerms();
  const [form, setForm] = useState({
    id: newReviewId(),
    orgUnitId: session.orgUnit,
    // Chosen among the terms open to planning; the first of them until the user picks another.
    term: '',
    reviewedOn: formatDay(vietnamToday()),
    decisionRef: '',
  });
  const term = openTerms?.terms.includes(form.term) ? form.term : (openTerms?.terms[0] ?? '');
  // The list is a read model, a moment behind the write: after recording, look again until the
  // new review is in it (or a few seconds have passed).
  const [awaited, setAwaited] = useState<{ id: string; until: number } | null>(null);
  const reviews = useQuery({
    queryKey: ['planning-reviews'],
    queryFn: () => unwrap<Review[]>(api.GET('/planning-reviews')),
    refetchInterval: (query) =>
      awaited &&
      Date.now() < awaited.until &&
      !query.state.data?.some((review) => review.reviewId === awaited.id)
        ? 250
        : false,
  });
  const record = useMutation({
    mutationFn: () =>
      unwrap<Review>(
        api.POST('/planning-reviews', {
          body: {
            id: form.id,
            orgUnitId: form.orgUnitId,
            term,
            reviewedOn: parseDay(form.reviewedOn) ?? form.reviewedOn,
            decisionRef: form.decisionRef,
            added: picked(added).map(({ personId, positionId }) => ({ personId, positionId })),
            removed: picked(removed).map(({ personId, positionId, reason }) => ({
              personId,
              positionId,
              reason,
            })),
          },
        }),
      ),
    onSuccess: () => {
      setAwaited({ id: form.id, until: Date.now() + 10_000 });
      // The next review is another: its own id (the recorded one sent again would be refused).
      setForm((recorded) => ({ ...recorded, id: newReviewId() }));
      void queryClient.invalidateQueries({ queryKey: ['planning-reviews'] });
    },
  });
  const recordedRef = useFocusOnSuccess<HTMLParagraphElement>(record.data?.reviewId);
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate();
  };
  const reasonText = useReasonText(names);
  const refusal = record.error instanceof ApiError ? record.error : null;
  // A refusal of one field is shown on it; the others under the form, as before.
  const onField = (key: keyof typeof form) =>
    refusal?.field === key ? reasonText(refusal.message) : null;
  // A refusal of one row (`added[0]`) is shown on that row: the index counts the rows sent (the
  // picked ones), and the row's own legend numbers it, so the sentence's "Dòng n" is dropped.
  const refusedRow = /^(added|removed)\[(\d+)\]$/.exec(refusal?.field ?? '');
  const refusedChange = refusedRow
    ? picked(refusedRow[1] === 'added' ? added : removed)[Number(refusedRow[2])]
    : undefined;
  const rowRefusal = (list: 'added' | 'removed') =>
    refusal && refusedChange && refusedRow?.[1] === list
      ? {
          key: refusedChange.key,
          text: `${ruleTitle(t, refusal)} — ${reasonText(refusal.message).replace(/^Dòng \d+ \([^)]*\): /, '')}`,
        }
      : null;
  // A refusal shown on a field or a row takes the keyboard there, as the other forms do (before:
  // focus stayed on «Ghi nhận đợt rà soát», the refusal unseen by a screen-reader user); one
  // shown in the box below takes it to the box (ErrorBox's outcomeOfSubmit).
  const { formRef, focusFirstInvalid } = useFocusOnInvalid<HTMLFormElement>();
  const refusedOnForm = Boolean(
    refusal && (FORM_FIELDS.includes(refusal.field ?? '') || refusedChange),
  );
  useEffect(() => {
    if (refusedOnForm) focusFirstInvalid();
    // Each refusal once, when it arrives: not again as the rows are edited.
  }, [record.error]);
  const text = (id: string, key: keyof typeof form, label: string) => (
    <Field id={id} label={label} error={onField(key)}>
      <input
        id={id}
        value={form[key]}
        onChange={(e) => set(key)(e.target.value)}
        aria-invalid={onField(key) ? true : undefined}
        aria-describedby={describedBy(id, false, Boolean(onField(key)))}
      />
    </Field>
  );
  return (
    <section>
      <h1>{t('reviews.title')}</h1>
      {can.registryWrite(session) && (
        <form ref={formRef} className="card" onSubmit={submit} aria-label={t('reviews.title')}>
          {text('rv-id', 'id', t('reviews.id'))}
          <div className="field">
            <label htmlFor="rv-unit">{t('reviews.unit')}</label>
            <select
              id="rv-unit"
              value={form.orgUnitId}
              onChange={(e) => set('orgUnitId')(e.target.value)}
            >
              {/* Only the units the reader's grant reaches: a review of another answers 403. */}
              {unitsWithinGrant(units.data ?? []).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
          <Field
            id="rv-term"
            label={t('reviews.term')}
            error={onField('term')}
            hint={openTerms?.ground ? t('reviews.termHint', { ground: openTerms.ground }) : null}
          >
            {/* Only the terms the server plans for today (before: any text, 2051-2056 taken). */}
            <select
              id="rv-term"
              value={term}
              disabled={!openTerms}
              onChange={(e) => set('term')(e.target.value)}
              aria-invalid={onField('term') ? true : undefined}
              aria-describedby={describedBy(
                'rv-term',
                Boolean(openTerms?.ground),
                Boolean(onField('term')),
              )}
            >
              {openTerms?.terms.map((open) => (
                <option key={open} value={open}>
                  {open}
                </option>
              ))}
            </select>
          </Field>
          <div className="field">
            <label htmlFor="rv-on">{t('reviews.reviewedOn')}</label>
            <DayInput
              id="rv-on"
              value={form.reviewedOn}
              onChange={(e) => set('reviewedOn')(e.target.value)}
            />
          </div>
          {text('rv-decision', 'decisionRef', t('reviews.decisionRef'))}
          <PlanningChangeRows
            list="added"
            changes={added}
            onChange={setAdded}
            refused={rowRefusal('added')}
          />
          <PlanningChangeRows
            list="removed"
            changes={removed}
            onChange={setRemoved}
            refused={rowRefusal('removed')}
          />
          {/* Sent once the terms open to planning are known: never an empty term. */}
          <button type="submit" disabled={record.isPending || !term}>
            {t('reviews.record')}
          </button>
          <ErrorBox
            error={refusedOnForm ? null : record.error}
            names={names}
            // A refusal of a row is shown on it: the box showing it once the row is gone (the
            // list edited) is no submit's outcome.
            outcomeOfSubmit={!refusedRow}
          />
          {record.data && (
            <p role="status" tabIndex={-1} ref={recordedRef}>
              {t('reviews.recorded', { id: record.data.reviewId })}
            </p>
          )}
        </form>
      )}
      <h2>{t('reviews.list')}</h2>
      <ErrorBox error={reviews.error} />
      {reviews.isPending ? (
        <Loading />
      ) : reviews.data?.length === 0 ? (
        <p>{t('reviews.none')}</p>
      ) : (
        <table className="grid" aria-label={t('reviews.list')}>
          <thead>
            <tr>
              <th scope="col">{t('reviews.id')}</th>
              <th scope="col">{t('reviews.unit')}</th>
              <th scope="col">{t('reviews.reviewedOn')}</th>
              <th scope="col">{t('reviews.decisionRef')}</th>
              <th scope="col">{t('reviews.addedCount')}</th>
              <th scope="col">{t('reviews.removedCount')}</th>
            </tr>
          </thead>
          <tbody>
            {reviews.data?.map((r) => (
              <tr key={r.reviewId}>
                <td>{r.reviewId}</td>
                <td>{r.orgUnitName}</td>
                <td>{formatDay(r.reviewedOn)}</td>
                <td>{formatDecisionRef(r.decisionRef)}</td>
                <td>
                  {r.added
                    .map((a) => `${person(r, a.personId)} → ${post(r, a.positionId)}`)
                    .join('; ')}
                </td>
                <td>
                  {r.removed
                    .map((a) => `${person(r, a.personId)} ← ${post(r, a.positionId)} (${a.reason})`)
                    .join('; ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
