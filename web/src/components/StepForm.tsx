import { FormEvent, ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { CaseView, RuleSet, StepDefinition } from '../api/types';
import {
  checkBallot,
  leastExceeding,
  leastReaching,
  Fraction,
  TallyInput,
} from '../ballot/ballot-check';
import { checkElection, VOTE_COUNTS } from '../ballot/election-check';
import { nominationCountFindings, nominationsOverPresent } from '../ballot/nomination-check';
import { formatDay, parseDay, vietnamToday } from '../dates';
import { dayProblem } from '../day-problem';
import { fieldInWords } from '../server-text/field-in-words';
import { describedBy, ErrorBox, Field, refusalLine, RequiredFieldsHint, ruleTitle } from './common';
import { DayInput } from './DayInput';
import { CandidateInput } from './CandidateInput';
import { useReasonText } from '../server-text/use-reason-text';
import { citationInVietnamese } from '../server-text/legal-citation';
import { RECORD_ITEMS, RecordedVettingItem, VettingItems, vettingErrorSlot } from './VettingItems';
import { useFocusOnInvalid } from './focus-on-invalid';

const TALLY = ['members', 'summoned', 'present', 'for', 'against', 'abstain', 'invalid'] as const;

export interface StepFormProps {
  view: CaseView & { names?: { people: Record<string, string> } };
  step: StepDefinition;
  /** The procedure's steps, for a refusal that names one ("the current step is …"). */
  steps?: readonly StepDefinition[];
  ruleSet: RuleSet | undefined;
  /** Sends the body; throws ApiError on a refusal. */
  submit(body: Record<string, unknown>): Promise<void>;
  /** What the person's record already says (eligibility reasons), for the vetting form. */
  recordFindings?: { rule: string; reason: string }[] | null;
  /**
   * The definition's decision gives a term of the rule set's years (its
   * `decisionGivesReappointmentNotice`): the decision form says the term is not typed in. A
   * decision that ends a post (resignation, relief, dismissal) or runs to retirement gives none.
   */
  decisionGivesTerm?: boolean;
  /** A correction: the form starts from the recorded values and asks why (`reason`). */
  correction?: {
    values: Values;
    candidates: { personId: string; votes: string }[] | null;
    labelledBy: string;
  };
}

type Values = Record<string, string>;

function numberOrNull(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : NaN;
}

/**
 * The nominees a nomination starts with: the case's person, then the nominees carried over. A
 * case opened for a post has no person: its carried-over nominees alone (before: a blank
 * "Người được giới thiệu 1" above them), or one blank row when there are none.
 */
function startingCandidates(view: CaseView): { personId: string; votes: string }[] {
  const ids = [
    ...new Set([view.personId, ...(view.nominees ?? [])].filter((id): id is string => !!id)),
  ];
  return (ids.length ? ids : ['']).map((personId) => ({ personId, votes: '' }));
}

/** The current step's form, generated from its kind; the server's refusal lands on the field it names. */
export function StepForm({
  view,
  step,
  steps,
  ruleSet,
  submit,
  recordFindings,
  decisionGivesTerm = false,
  correction,
}: StepFormProps) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  // The nominees the form found by name (not yet on the case): its refusals name them too.
  const [nomineeNames, setNomineeNames] = useState<Record<string, string>>({});
  const nameNominee = useCallback(
    (personId: string, fullName: string) =>
      setNomineeNames((known) =>
        known[personId] === fullName ? known : { ...known, [personId]: fullName },
      ),
    [],
  );
  const names = useMemo(
    () => ({
      ...view.names,
      people: { ...nomineeNames, ...view.names?.people },
      steps: Object.fromEntries(
        (steps ?? [step]).map((s) => [s.id, english ? s.title : s.titleVi]),
      ),
    }),
    [view.names, nomineeNames, steps, step, english],
  );
  const reasonText = useReasonText(names);
  const recordedItems = useMemo(
    () => recordedVettingItems(view, step, correction?.values),
    [view, step, correction?.values],
  );
  const [values, setValues] = useState<Values>(() => ({
    ...initialValues(view, step),
    ...correction?.values,
  }));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [confirmFail, setConfirmFail] = useState(false);
  const [candidates, setCandidates] = useState<{ personId: string; votes: string }[]>(
    () => correction?.candidates ?? startingCandidates(view),
  );
  // The ids the form started with (the case's person, its nominees, a correction's): any other
  // value of a nominee's field is one the secretary chose from the list, or text typed and not
  // chosen, which is never sent as an id (before: a typed name went out as personId and came
  // back as an English 403 about a person "not registered in any unit").
  const startingIds = useRef(new Set(candidates.map((c) => c.personId)));
  // The row of each candidate sent, by its place in the body: a refusal names candidates[N].
  const sentRows = useRef<number[]>([]);
  const inFlight = useRef(false);
  const { formRef, focusFirstInvalid } = useFocusOnInvalid<HTMLFormElement>();
  // The warning of a failing result opens on its «Hủy» (the choice that stops nothing), and «Hủy»
  // goes back to «Ghi nhận» (before: focus stayed on «Ghi nhận» behind the warning, then fell
  // to the page when «Hủy» vanished).
  const keepButtonRef = useRef<HTMLButtonElement>(null);
  const submitButtonRef = useRef<HTMLButtonElement>(null);
  const failCancelled = useRef(false);
  useEffect(() => {
    if (confirmFail) keepButtonRef.current?.focus();
    else if (failCancelled.current) {
      failCancelled.current = false;
      submitButtonRef.current?.focus();
    }
  }, [confirmFail]);
  const set = (name: string) => (value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    setFieldErrors(({ [name]: _gone, ...rest }) => rest);
  };
  const fraction = (param: string | undefined): Fraction | null =>
    param && ruleSet?.params[param] ? (ruleSet.params[param].value as Fraction) : null;
  const quorum = fraction(step.voteRule?.quorumParam);
  const pass = fraction(step.voteRule?.passParam);
  // A reference tally is recorded as one basis for a later decision: no pass mark to check.
  const reference = step.voteRule?.reference === true;

  const tallyInput: TallyInput = useMemo(
    () =>
      Object.fromEntries(
        TALLY.map((k) => [k, numberOrNull(values[`tally.${k}`])]),
      ) as unknown as TallyInput,
    [values],
  );
  const ballot =
    step.kind === 'ballot' && quorum && pass && step.voteRule
      ? checkBallot(
          { quorum, pass, base: step.voteRule.base, headBreaksTie: step.voteRule.headBreaksTie },
          tallyInput,
        )
      : null;
  const election =
    step.kind === 'election' && quorum && pass
      ? checkElection(
          { quorum, pass },
          Object.fromEntries(
            VOTE_COUNTS.map((k) => [k, numberOrNull(values[`vote.${k}`])]),
          ) as never,
        )
      : null;
  const verdict =
    ballot && reference && ['passes', 'fails', 'tie'].includes(ballot.verdict)
      ? 'reference'
      : ballot?.verdict;
  const live: Record<string, string> = {};
  if (ballot)
    for (const finding of ballot.findings)
      live[`tally.${finding.field}`] ??= t(`ballot.${finding.key}`, finding.values);
  // What does not add up, said in the verdict too (before: only "Số liệu chưa khớp.").
  const mismatches = (ballot?.findings ?? [])
    .filter((finding) => finding.key !== 'no_quorum')
    .map((finding) => t(`ballot.${finding.key}`, finding.values));
  // A nomination: one per member present (the server refuses more as candidates).
  const overPresent =
    step.kind === 'nomination'
      ? nominationsOverPresent(
          candidates.filter((c) => c.personId.trim()).map((c) => numberOrNull(c.votes)),
          numberOrNull(values.invalid),
          numberOrNull(values.present),
        )
      : null;
  if (overPresent) live.present = t('ballot.nominations_over_present_field', { ...overPresent });
  // Its own counts, as the ballot's: present ≤ summoned ≤ members, each a whole number (before:
  // 20 present of 15 summoned went out and came back as the server's English refusal).
  const nominationFindings =
    step.kind === 'nomination'
      ? nominationCountFindings({
          members: numberOrNull(values.members),
          summoned: numberOrNull(values.summoned),
          present: numberOrNull(values.present),
          invalid: numberOrNull(values.invalid),
        })
      : [];
  for (const finding of nominationFindings)
    live[finding.field] ??= t(`ballot.${finding.key}`, finding.values);
  // The counts that do not add up keep the form from being sent, each said on its field (before:
  // the ballot's and its correction's live check showed them and «Ghi nhận» sent them anyway).
  // Too few present is the server's to refuse with the quorum's rule.
  const blocking: Record<string, string> = {};
  for (const finding of ballot?.findings ?? [])
    if (finding.key !== 'no_quorum')
      blocking[`tally.${finding.field}`] ??= t(`ballot.${finding.key}`, finding.values);
  for (const finding of nominationFindings)
    blocking[finding.field] ??= t(`ballot.${finding.key}`, finding.values);

  // The fields the step's definition requires (`requiredFields`): marked «*» and aria-required,
  // and not sent empty (before, only `minutesRef` was read from it: the rotation's meeting with the
  // person requires `personOpinion`, which the form offered as optional and sent without).
  const needs = (name: string) => step.requiredFields.includes(name);
  const body = (): { body: Record<string, unknown>; errors: Record<string, string> } => {
    const errors: Record<string, string> = {};
    const day = (name: string) => {
      const iso = parseDay(values[name] ?? '');
      if (!iso) errors[name] = dayProblem(values[name] ?? '', t, 'form.badDay');
      return iso;
    };
    const text = (name: string, required = true) => {
      const value = (values[name] ?? '').trim();
      if (required && !value) errors[name] = t('form.required');
      return value || undefined;
    };
    const count = (name: string) => {
      const value = numberOrNull(values[name]);
      if (value === null || Number.isNaN(value)) errors[name] = t('form.required');
      return value;
    };
    const result: Record<string, unknown> = { heldOn: day('heldOn') };
    const minutesRef = text('minutesRef', needs('minutesRef'));
    if (minutesRef) result.minutesRef = minutesRef;
    const note = text('note', needs('note'));
    if (note) result.note = note;
    if (correction) result.reason = text('reason');
    for (const [name, message] of Object.entries(blocking)) errors[name] = message;
    switch (step.kind) {
      case 'proposal':
        result.summary = text('summary');
        break;
      case 'meeting': {
        result.conclusion = text('conclusion');
        const opinion = text('personOpinion', needs('personOpinion'));
        if (opinion) result.personOpinion = opinion;
        break;
      }
      case 'ballot':
        result.tally = Object.fromEntries(TALLY.map((k) => [k, count(`tally.${k}`)]));
        if (values.headDecision) result.headDecision = values.headDecision;
        // A tie is the head's to decide: not sent without it (the server refuses it as
        // ballot.tie_needs_head; before, «Ghi nhận» sent it with the choice left empty).
        else if (verdict === 'tie') errors.headDecision = t('form.required');
        break;
      case 'nomination':
        for (const k of ['members', 'summoned', 'present', 'invalid']) result[k] = count(k);
        if (overPresent)
          errors.present = t('ballot.nominations_over_present_field', { ...overPresent });
        sentRows.current = [];
        result.candidates = candidates.flatMap((c, i) => {
          const personId = c.personId.trim();
          if (!personId) return [];
          if (!startingIds.current.has(personId) && !names.people[personId])
            errors[`candidates.${i}.personId`] = t('form.pickPersonFromList');
          const votes = numberOrNull(c.votes);
          if (votes === null || Number.isNaN(votes))
            errors[`candidates.${i}.votes`] = t('form.required');
          sentRows.current.push(i);
          return [{ personId, votes }];
        });
        break;
      case 'vetting':
        // The items read from the record are the server's to fill, and those an earlier part
        // recorded are kept as they are (a resolution with them): never sent. Every item the
        // officer enters needs an answer chosen; none is taken as "Đạt" by default.
        result.items = (step.vettingItems ?? [])
          .filter((item) => !RECORD_ITEMS.includes(item) && !recordedItems[item])
          .filter((item) => {
            if (values[`item.${item}`]) return true;
            errors[`item.${item}`] = t('form.vettingUnanswered', { item: t(`vetting.${item}`) });
            return false;
          })
          .filter((item) => {
            // A flagged item without its note is not sent: the server would refuse it.
            if (values[`item.${item}`] !== 'flagged' || values[`itemNote.${item}`]?.trim())
              return true;
            errors[`itemNote.${item}`] = t('form.vettingNoteMissing', {
              item: t(`vetting.${item}`),
            });
            return false;
          })
          .map((item) => ({
            item,
            result: values[`item.${item}`],
            ...(values[`itemNote.${item}`]?.trim()
              ? { note: values[`itemNote.${item}`].trim() }
              : {}),
          }));
        break;
      case 'election':
        result.vote = Object.fromEntries(VOTE_COUNTS.map((k) => [k, count(`vote.${k}`)]));
        result.councilTermFrom = day('councilTermFrom');
        break;
      case 'decision': {
        result.number = text('number');
        result.signer = text('signer');
        result.effectiveFrom = day('effectiveFrom');
        const term = numberOrNull(values.termYears);
        if (term !== null) result.termYears = term;
        if (values.keepsPreviousPost === 'yes') result.keepsPreviousPost = true;
        break;
      }
    }
    return { body: result, errors };
  };

  const send = async (skipConfirm = false) => {
    if (inFlight.current) return;
    const { body: payload, errors } = body();
    setFieldErrors(errors);
    setError(null);
    if (Object.keys(errors).length) {
      focusFirstInvalid();
      return;
    }
    if (!skipConfirm && (verdict === 'fails' || election?.verdict === 'not_elected')) {
      setConfirmFail(true);
      return;
    }
    setConfirmFail(false);
    inFlight.current = true;
    setBusy(true);
    try {
      await submit(payload);
    } catch (e) {
      // The server names nested fields as candidates[1].personId; the form's keys use dots.
      const named =
        e instanceof ApiError
          ? e.field
              ?.replace(/^candidates\[(\d+)\]/, (_, n: string) => {
                return `candidates.${sentRows.current[Number(n)] ?? n}`;
              })
              .replace(/\[(\d+)\]/g, '.$1')
          : undefined;
      // A vetting item's refusal names it by its place in the items sent: shown on its row.
      const field =
        named &&
        (vettingErrorSlot(named, payload.items as { item: string }[] | undefined) ?? named);
      if (e instanceof ApiError && field && e.status !== 409 && errorSlots.current.has(field)) {
        // A detail no Vietnamese sentence reads is not shown to a Vietnamese reader half in
        // English: the rule's title says it (before: «Số liệu kiểm phiếu không khớp: present:
        // 20 present, but only 15 summoned»).
        const read = reasonText(e.message);
        const title = e.rule ? ruleTitle(t, e) : null;
        const untranslated = !english && read === e.message && title !== null;
        setFieldErrors({
          [field]: t('form.refused', {
            // The server names the body's key (`bắt buộc phải có personOpinion`): read as its label.
            message: untranslated
              ? title
              : refusalLine(
                  title,
                  fieldInWords(read, e.field ?? '', slotLabels.current[field] ?? ''),
                ),
          }),
        });
        focusFirstInvalid();
      } else setError(e);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };

  // The fields this render shows an error on: a refusal naming another lands in the error box,
  // never nowhere (a nominee refused as candidates[1].personId was silently lost).
  const errorSlots = useRef(new Set<string>());
  errorSlots.current = new Set();
  // The label of each field shown, for a refusal naming its key.
  const slotLabels = useRef<Record<string, string>>({});
  const slot = (name: string, label?: string): string | null => {
    errorSlots.current.add(name);
    if (label) slotLabels.current[name] = label;
    return fieldErrors[name] ?? null;
  };

  const input = (
    name: string,
    label: string,
    opts: { type?: string; hint?: ReactNode; required?: boolean } = {},
  ) => {
    const id = `f-${name}`;
    const err = slot(name, label) ?? live[name] ?? null;
    return (
      <Field key={id} id={id} label={label} error={err} hint={opts.hint} required={opts.required}>
        <input
          id={id}
          name={name}
          type={opts.type ?? 'text'}
          inputMode={opts.type === 'number' ? 'numeric' : undefined}
          min={opts.type === 'number' ? 0 : undefined}
          value={values[name] ?? ''}
          onChange={(e) => set(name)(e.target.value)}
          required={opts.required}
          aria-required={opts.required || undefined}
          aria-invalid={err ? true : undefined}
          aria-describedby={describedBy(id, Boolean(opts.hint), Boolean(err))}
        />
      </Field>
    );
  };
  const day = (name: string, label: string) => {
    const id = `f-${name}`;
    const err = slot(name, label);
    return (
      <Field id={id} label={label} error={err} required>
        <DayInput
          id={id}
          name={name}
          value={values[name] ?? ''}
          onChange={(e) => set(name)(e.target.value)}
          required
          aria-required
          aria-invalid={err ? true : undefined}
          aria-describedby={describedBy(id, false, Boolean(err))}
        />
      </Field>
    );
  };
  const textarea = (name: string, label: string, required = true, hint?: string) => {
    const id = `f-${name}`;
    const err = slot(name, label);
    return (
      <Field id={id} label={label} error={err} hint={hint} required={required}>
        <textarea
          id={id}
          name={name}
          rows={3}
          value={values[name] ?? ''}
          onChange={(e) => set(name)(e.target.value)}
          required={required}
          aria-required={required || undefined}
          aria-invalid={err ? true : undefined}
          aria-describedby={describedBy(id, Boolean(hint), Boolean(err))}
        />
      </Field>
    );
  };

  const members = numberOrNull(values.members);
  const summoned = numberOrNull(values.summoned);
  const present = numberOrNull(values.present);

  const headDecisionError =
    verdict === 'tie' || values.headDecision ? slot('headDecision', t('form.headDecision')) : null;
  return (
    <form
      ref={formRef}
      className="step-form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={correction?.labelledBy ?? 'current-step-title'}
    >
      <RequiredFieldsHint />
      <div className="row">
        {day('heldOn', t('form.heldOn'))}
        {step.kind !== 'decision' &&
          input('minutesRef', t('form.minutesRef'), {
            required: needs('minutesRef'),
          })}
      </div>
      {step.kind === 'proposal' && textarea('summary', t('form.summary'))}
      {step.kind === 'meeting' && (
        <>
          {textarea('conclusion', t('form.conclusion'))}
          {textarea('personOpinion', t('form.personOpinion'), needs('personOpinion'))}
        </>
      )}
      {step.kind === 'ballot' && (
        <fieldset>
          <legend>{t('ballot.live')}</legend>
          <div className="row wrap">
            {TALLY.map((k) =>
              input(`tally.${k}`, t(`form.${k}`), {
                type: 'number',
                required: true,
                hint:
                  k === 'present' && ballot?.quorumNeeded != null
                    ? t('ballot.quorumRule', {
                        needed: ballot.quorumNeeded,
                        summoned: tallyInput.summoned,
                      })
                    : k === 'for' && !reference && ballot?.passThreshold != null
                      ? t('ballot.threshold', {
                          threshold: ballot.passThreshold,
                          needed: ballot.forNeeded,
                          base: t(
                            step.voteRule?.base === 'members'
                              ? 'ballot.baseMembers'
                              : 'ballot.baseSummoned',
                          ),
                        })
                      : undefined,
              }),
            )}
          </div>
          {ballot && (
            <p
              className={`verdict ${verdict}`}
              role="status"
              aria-live="polite"
              data-verdict={verdict}
            >
              {ballot.cast !== null && <>{t('ballot.cast', { cast: ballot.cast })} · </>}
              {verdict === 'invalid' && mismatches.length
                ? t('ballot.verdict_invalid_because', { what: mismatches.join('; ') })
                : t(`ballot.verdict_${verdict}`)}
            </p>
          )}
          {(verdict === 'tie' || values.headDecision) && (
            <Field
              id="f-headDecision"
              label={t('form.headDecision')}
              error={headDecisionError}
              required={verdict === 'tie'}
            >
              <select
                id="f-headDecision"
                value={values.headDecision ?? ''}
                onChange={(e) => set('headDecision')(e.target.value)}
                // A tie is decided by the head: the form is not sent without it (the server
                // would refuse it as ballot.tie_needs_head).
                required={verdict === 'tie'}
                aria-required={verdict === 'tie' || undefined}
                aria-invalid={headDecisionError ? true : undefined}
                aria-describedby={describedBy('f-headDecision', false, Boolean(headDecisionError))}
              >
                <option value="">—</option>
                <option value="for">{t('form.headFor')}</option>
                <option value="against">{t('form.headAgainst')}</option>
              </select>
            </Field>
          )}
        </fieldset>
      )}
      {step.kind === 'nomination' && (
        <fieldset>
          <legend>{t('form.candidates')}</legend>
          <div className="row wrap">
            {input('members', t('form.members'), { type: 'number', required: true })}
            {input('summoned', t('form.summoned'), { type: 'number', required: true })}
            {input('present', t('form.present'), {
              type: 'number',
              required: true,
              hint:
                quorum && summoned !== null && !Number.isNaN(summoned)
                  ? t('ballot.quorumRule', { needed: leastReaching(quorum, summoned), summoned })
                  : undefined,
            })}
            {input('invalid', t('form.invalid'), { type: 'number', required: true })}
          </div>
          {present !== null &&
            summoned !== null &&
            quorum &&
            present * quorum.denominator < quorum.numerator * summoned && (
              <p className="verdict no_quorum" role="status">
                {t('ballot.no_quorum', {
                  present,
                  summoned,
                  needed: leastReaching(quorum, summoned),
                })}
              </p>
            )}
          {overPresent && (
            <p className="verdict invalid" role="status" data-testid="nomination-check">
              {t('ballot.verdict_invalid_because', {
                what: t('ballot.nominations_over_present', { ...overPresent }),
              })}
            </p>
          )}
          {members !== null && summoned !== null && summoned > members && (
            <p className="verdict invalid" role="status">
              {t('ballot.summoned_over_members', { summoned, members })}
            </p>
          )}
          {reference && (
            <p className="hint" data-testid="reference-hint">
              {t('ballot.referenceNomination')}
            </p>
          )}
          {!reference && pass && summoned !== null && !Number.isNaN(summoned) && (
            <p className="hint">
              {t('ballot.threshold', {
                threshold: (pass.numerator * summoned) / pass.denominator,
                needed: leastExceeding(pass, summoned),
                base: t('ballot.baseSummoned'),
              })}
            </p>
          )}
          {candidates.map((candidate, i) => (
            <div className="row" key={i}>
              <Field
                id={`f-candidate-${i}`}
                label={t('form.candidate', { n: i + 1 })}
                error={slot(`candidates.${i}.personId`)}
              >
                <CandidateInput
                  id={`f-candidate-${i}`}
                  value={candidate.personId}
                  knownName={view.names?.people[candidate.personId]}
                  onNamed={nameNominee}
                  onChange={(personId) =>
                    setCandidates(candidates.map((c, j) => (j === i ? { ...c, personId } : c)))
                  }
                />
              </Field>
              <Field
                id={`f-votes-${i}`}
                label={t('form.votes', { n: i + 1 })}
                error={slot(`candidates.${i}.votes`)}
              >
                <input
                  id={`f-votes-${i}`}
                  type="number"
                  min={0}
                  inputMode="numeric"
                  value={candidate.votes}
                  onChange={(e) =>
                    setCandidates(
                      candidates.map((c, j) => (j === i ? { ...c, votes: e.target.value } : c)),
                    )
                  }
                />
              </Field>
              {candidates.length > 1 && (
                <button
                  type="button"
                  className="link"
                  onClick={() => setCandidates(candidates.filter((_, j) => j !== i))}
                >
                  {t('form.removeCandidate', { n: i + 1 })}
                </button>
              )}
            </div>
          ))}
          <button
            type="button"
            className="secondary"
            onClick={() => setCandidates([...candidates, { personId: '', votes: '' }])}
          >
            {t('form.addCandidate')}
          </button>
        </fieldset>
      )}
      {step.kind === 'vetting' && (
        <VettingItems
          items={step.vettingItems ?? []}
          recorded={recordedItems}
          values={values}
          set={set}
          slot={slot}
          recordFindings={recordFindings}
          reasonText={reasonText}
        />
      )}
      {step.kind === 'election' && (
        <fieldset>
          <legend>{t('election.legend')}</legend>
          {day('councilTermFrom', t('election.councilTermFrom'))}
          <div className="row wrap">
            {VOTE_COUNTS.map((k) =>
              input(`vote.${k}`, t(`election.${k}`), {
                type: 'number',
                required: true,
                hint:
                  k === 'present' && election?.quorumNeeded != null
                    ? t('election.quorumRule', {
                        needed: election.quorumNeeded,
                        delegates: values['vote.delegates'],
                      })
                    : k === 'for' && election?.forNeeded != null
                      ? t('election.threshold', {
                          needed: election.forNeeded,
                          delegates: values['vote.delegates'],
                        })
                      : undefined,
              }),
            )}
          </div>
          {election && (
            <p
              className={`verdict ${election.verdict}`}
              role="status"
              aria-live="polite"
              data-verdict={election.verdict}
            >
              {t(`election.verdict_${election.verdict}`)}
            </p>
          )}
        </fieldset>
      )}
      {step.kind === 'decision' && (
        <div className="row wrap">
          {input('number', t('form.number'), { required: true })}
          {input('signer', t('form.signer'), { required: true })}
          {day('effectiveFrom', t('form.effectiveFrom'))}
          {view.procedure === 'rotation' || view.procedure === 'transfer' ? (
            input('termYears', t('form.plannedYears'), { type: 'number' })
          ) : view.procedure === 'election' || decisionGivesTerm ? (
            <p className="hint" data-testid="term-from-rule-set">
              {view.procedure === 'election'
                ? t('election.termFollowsCouncil')
                : termHint(ruleSet, t, i18n.language)}
            </p>
          ) : null}
          {/* Every decision that moves the person may keep the posts held (kiêm nhiệm). */}
          {['appointment', 'rotation', 'transfer'].includes(view.procedure) && (
            <label className="checkbox">
              <input
                type="checkbox"
                checked={values.keepsPreviousPost === 'yes'}
                onChange={(e) => set('keepsPreviousPost')(e.target.checked ? 'yes' : '')}
              />{' '}
              {t('form.keepsPreviousPost')}
            </label>
          )}
        </div>
      )}
      {textarea('note', t('form.note'), needs('note'))}
      {correction &&
        textarea(
          'reason',
          t('correction.reason'),
          true,
          // The reason is read by auditors and inspectors even where the ballot's figures are not.
          ['ballot', 'nomination', 'election'].includes(step.kind)
            ? t('correction.reasonOfBallot')
            : undefined,
        )}
      <ErrorBox error={error} names={names} outcomeOfSubmit />
      {confirmFail && (
        <div
          className="confirm"
          role="alertdialog"
          aria-labelledby="fail-warning"
          // Escape keeps the step as «Hủy» does.
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.preventDefault();
            failCancelled.current = true;
            setConfirmFail(false);
          }}
        >
          <p id="fail-warning">{t('form.failWarning')}</p>
          <button type="button" className="danger" onClick={() => void send(true)}>
            {t('case.confirm')}
          </button>{' '}
          <button
            ref={keepButtonRef}
            type="button"
            className="secondary"
            onClick={() => {
              failCancelled.current = true;
              setConfirmFail(false);
            }}
          >
            {t('case.cancel')}
          </button>
        </div>
      )}
      <button ref={submitButtonRef} type="submit" disabled={busy}>
        {busy ? t('form.submitting') : t('form.submit')}
      </button>
    </form>
  );
}

/**
 * Where the decision's term comes from: the case's rule set, named by the instrument that sets the
 * term (`appointment.termYears`), never by the parameter's name.
 */
function termHint(
  ruleSet: RuleSet | undefined,
  t: ReturnType<typeof useTranslation>['t'],
  language: string,
): string {
  const term = ruleSet?.params['appointment.termYears'];
  const ground = term && (language === 'en' ? term.citation : citationInVietnamese(term.citation));
  return ground ? t('form.termFromRuleSetCited', { ground }) : t('form.termFromRuleSet');
}

/** The procedures whose decision continues the term held: from the day it ends, no earlier or later. */
const CONTINUES_THE_TERM = ['reappointment', 'extension'];

/**
 * The day a decision takes effect unless the user types another: today, but a re-appointment's
 * new term and an extension start on the day the current term ends, neither before nor after it
 * (`*.starts_before_term_end`, `*.starts_after_term_end`), so they start on that day (`termEnd`
 * of the case's opening facts) when that is still to come. Before, an extension's form started at
 * today, which the server refuses while the term runs.
 */
function effectiveFromOf(view: CaseView, today: string): string {
  const termEnd = (view as { facts?: { termEnd?: unknown } }).facts?.termEnd;
  return CONTINUES_THE_TERM.includes(view.procedure) &&
    typeof termEnd === 'string' &&
    termEnd > today
    ? termEnd
    : today;
}

function initialValues(view: CaseView, step: StepDefinition): Values {
  const today = vietnamToday();
  const values: Values = { heldOn: formatDay(today) };
  if (step.kind === 'decision') values.effectiveFrom = formatDay(effectiveFromOf(view, today));
  // A vetting item starts unanswered; one an earlier part recorded is shown as recorded instead.
  return values;
}

/**
 * The items staff entered in an earlier part of this vetting step (a vetting entered in parts, or
 * corrected as incomplete), which the form shows as recorded and does not send again. A
 * correction's own items (its values) are the ones it changes, so they stay open to it.
 */
function recordedVettingItems(
  view: CaseView,
  step: StepDefinition,
  corrected: Values | undefined,
): Record<string, RecordedVettingItem> {
  if (step.kind !== 'vetting') return {};
  const recorded: Record<string, RecordedVettingItem> = {};
  for (const item of step.vettingItems ?? []) {
    const entry = view.vetting?.[item];
    if (RECORD_ITEMS.includes(item) || entry?.source !== 'staff') continue;
    if (corrected && `item.${item}` in corrected) continue;
    recorded[item] = entry as RecordedVettingItem;
  }
  return recorded;
}
