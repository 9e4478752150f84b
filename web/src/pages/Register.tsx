import { FormEvent, useState } from 'react';
import { barredKey } from './register-barred';
import { trackKey } from './register-track';
import { useTranslation } from 'react-i18next';
import { TFunction } from 'i18next';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, download, unwrap } from '../api/client';
import { Page, PersonSummary, RegisterRecord } from '../api/types';
import { formatDay, formatDecisionRef, parseDay, vietnamToday } from '../dates';
import { dayProblem } from '../day-problem';
import { Link, navigate, useLocation } from '../router';
import { ErrorBox, Loading } from '../components/common';
import { DayInput } from '../components/DayInput';
import { PersonPicker } from '../components/PersonPicker';
import { useOrgUnits } from './Inbox';
import { unitsWithinGrant } from '../org-unit-tree';
import { VIOLATION_CATEGORIES } from '../../../src/procedures/discipline/violation-category-names';
import { PURPOSE } from '../purposes';

const FORMS = [
  'reprimand',
  'warning',
  'demotion',
  'removal_from_post',
  'dismissal',
  'recall',
  'expulsion',
  'removal_of_former_title',
];

/** The values each choice of the form has: another one in the address is ignored and said so. */
const CHOICES = {
  track: ['party', 'civil_service'],
  form: FORMS,
  // The closed list cases are filed under, as the API takes it (`land` too, for older cases).
  category: VIOLATION_CATEGORIES,
  status: ['in_effect', 'expired', 'annulled'],
  inEffect: ['true', 'false'],
  barred: ['true', 'false'],
} as const satisfies Partial<Record<keyof Filters, readonly string[]>>;
type ChoiceField = keyof typeof CHOICES;
const CHOICE_FIELDS = Object.keys(CHOICES) as ChoiceField[];
const isChoice = (key: ChoiceField, value: string) =>
  (CHOICES[key] as readonly string[]).includes(value);

interface Filters {
  /** The person disciplined, by id (picked by name). */
  person: string;
  orgUnit: string;
  track: string;
  form: string;
  category: string;
  from: string;
  to: string;
  status: string;
  inEffect: string;
  barred: string;
  asOf: string;
}

/** Query string of the register for a set of filters (dates typed dd/mm/yyyy). */
function registerQuery(filters: Filters): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.person) query.person = filters.person;
  if (filters.orgUnit) query.orgUnit = filters.orgUnit;
  if (filters.track) query.track = filters.track;
  if (filters.form) query.form = filters.form;
  if (filters.category) query.category = filters.category;
  if (filters.status) query.status = filters.status;
  // The discipline's validity and the bar on a higher post are two dates, filtered apart.
  if (filters.inEffect) query.inEffect = filters.inEffect;
  if (filters.barred) query.barred = filters.barred;
  for (const key of ['from', 'to', 'asOf'] as const) {
    const day = parseDay(filters[key]);
    if (day) query[key] = day;
  }
  return query;
}

/**
 * The filters an address names (`?orgUnit=…&from=2026-12-01`, as the register's query): a reload,
 * a link or the back button keeps them (before: a reload reset them). Without `asOf`, today.
 */
function filtersOf(search: URLSearchParams): Filters {
  const text = (key: keyof Filters) => search.get(key) ?? '';
  // A value the form does not offer (a hand-edited address) is not sent: the server would refuse
  // the whole register in English; addressProblems says so on the field.
  const choice = (key: ChoiceField) => (isChoice(key, text(key)) ? text(key) : '');
  const day = (key: 'from' | 'to' | 'asOf') => (search.get(key) ? formatDay(search.get(key)) : '');
  return {
    person: text('person'),
    orgUnit: text('orgUnit'),
    track: choice('track'),
    form: choice('form'),
    category: choice('category'),
    from: day('from'),
    to: day('to'),
    status: choice('status'),
    inEffect: choice('inEffect'),
    barred: choice('barred'),
    asOf: day('asOf') || formatDay(vietnamToday()),
  };
}

type DayField = 'from' | 'to' | 'asOf';
type Problems = Partial<Record<keyof Filters, string>>;

/**
 * What the address names that the register cannot use, by field (before: an unknown form was the
 * server's English "form: one of reprimand, …" above the table, and asOf=31/02/2026 silently
 * became today): an unknown choice is ignored, a day that is not one is not filtered by.
 */
function addressProblems(search: URLSearchParams, t: TFunction): Problems {
  const problems: Problems = {};
  for (const key of CHOICE_FIELDS) {
    const value = search.get(key);
    if (value && !isChoice(key, value)) problems[key] = t('register.unknownInAddress', { value });
  }
  for (const key of ['from', 'to', 'asOf'] as const) {
    const value = search.get(key);
    if (value && !parseDay(formatDay(value)))
      problems[key] = t(key === 'asOf' ? 'register.badAsOfInAddress' : 'register.badDayInAddress', {
        value,
      });
  }
  return problems;
}

/**
 * What is wrong with the days typed, by field, checked before the register is asked (before: a
 * day not dd/mm/yyyy was dropped silently, and "to" before "from" came back as the server's
 * English "to: 2026-11-30 is before from (2026-12-01)" in the box above the table).
 */
function dayProblems(filters: Filters, t: TFunction): Partial<Record<DayField, string>> {
  const problems: Partial<Record<DayField, string>> = {};
  for (const key of ['from', 'to', 'asOf'] as const)
    if (filters[key].trim() && !parseDay(filters[key]))
      problems[key] = dayProblem(filters[key], t, 'register.badDay');
  const from = parseDay(filters.from);
  const to = parseDay(filters.to);
  if (from && to && to < from)
    problems.to = t('register.toBeforeFrom', { from: formatDay(from), to: formatDay(to) });
  return problems;
}

/** Sổ theo dõi kỷ luật: the discipline register for inspectors, filtered, with a spreadsheet download. */
export function Register() {
  const { t } = useTranslation();
  const units = useOrgUnits();
  const { path, query: search } = useLocation();
  const address = search.toString();
  const filters = filtersOf(search);
  const [draft, setDraft] = useState<Filters>(filters);
  const [problems, setProblems] = useState<Problems>(() => addressProblems(search, t));
  // Another address (back, forward, a link): the form shows its filters.
  const [draftOf, setDraftOf] = useState(address);
  if (draftOf !== address) {
    setDraftOf(address);
    setDraft(filters);
    setProblems(addressProblems(search, t));
  }
  const [error, setError] = useState<unknown>(null);
  const query = registerQuery(filters);
  const records = useQuery({
    queryKey: ['register', query],
    placeholderData: keepPreviousData,
    queryFn: () =>
      unwrap<Page<RegisterRecord>>(
        api.GET('/discipline-records', {
          params: { query: { ...query, limit: '100' } as never },
          headers: { 'X-Purpose': PURPOSE.inspectionRegister },
        }),
      ),
  });
  const set = (key: keyof Filters) => (value: string) => {
    setDraft({ ...draft, [key]: value });
    setProblems(({ [key]: _fixed, ...rest }) => rest);
  };
  // The person filtered by, listed by name: the one picked from the search, or the one the
  // address names (a reload, a link), whose name is read from their record.
  const [pickedPerson, setPickedPerson] = useState<PersonSummary | undefined>();
  const personOfAddress = useQuery({
    queryKey: ['register-person', draft.person],
    enabled: Boolean(draft.person) && pickedPerson?.id !== draft.person,
    staleTime: 60_000,
    queryFn: () =>
      unwrap<PersonSummary>(
        api.GET('/cadres/{id}', {
          params: { path: { id: draft.person } },
          headers: { 'X-Purpose': PURPOSE.inspectionRegister },
        }),
      ),
  });
  const picked = pickedPerson?.id === draft.person ? pickedPerson : personOfAddress.data;
  /** The register's query for what the fields show, or null with each wrong day named. */
  const checked = (): Record<string, string> | null => {
    const found = dayProblems(draft, t);
    setProblems(found);
    return Object.keys(found).length ? null : registerQuery(draft);
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const shown = checked();
    if (!shown) return;
    // The refusal of an earlier download is not left above the new list.
    setError(null);
    navigate(`${path}?${new URLSearchParams(shown).toString()}`);
  };
  const problemLine = (key: keyof Filters, id: string) =>
    problems[key] && (
      <span className="field-error" id={`${id}-error`} role="alert">
        {problems[key]}
      </span>
    );
  const problemAria = (key: keyof Filters, id: string) => ({
    'aria-invalid': problems[key] ? true : undefined,
    'aria-describedby': problems[key] ? `${id}-error` : undefined,
  });
  const dayField = (key: DayField, id: string, label: string) => (
    <div className={`field${problems[key] ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <DayInput
        id={id}
        value={draft[key]}
        onChange={(e) => set(key)(e.target.value)}
        aria-invalid={problems[key] ? true : undefined}
        aria-describedby={problems[key] ? `${id}-error` : undefined}
      />
      {problems[key] && (
        <span className="field-error" id={`${id}-error`} role="alert">
          {problems[key]}
        </span>
      )}
    </div>
  );
  // The download takes what the fields show, and the list shows what was downloaded (before: the
  // filters last applied, e.g. no form and today when Khiển trách and a day were not applied).
  const spreadsheet = async () => {
    const shown = checked();
    if (!shown) return;
    setError(null);
    navigate(`${path}?${new URLSearchParams(shown).toString()}`);
    const params = new URLSearchParams({
      ...shown,
      format: 'csv',
      purpose: PURPOSE.inspectionRegister,
    });
    // The file is named after the day its rows are as of (before: always today's, so a register
    // as of 01/01/2028 downloaded today read as today's).
    const asOf = shown.asOf ?? vietnamToday();
    try {
      await download(`/discipline-records?${params}`, `so-theo-doi-ky-luat-${asOf}.csv`, {
        excelBom: true,
      });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section>
      <h1>{t('register.title')}</h1>
      <form className="card filters" onSubmit={apply} noValidate aria-label={t('register.title')}>
        <PersonPicker
          id="reg-person"
          searchLabel={t('register.personSearch')}
          pickLabel={t('register.personPick')}
          value={draft.person}
          picked={picked}
          onPick={(person) => {
            setPickedPerson(person);
            set('person')(person?.id ?? '');
          }}
        />
        <div className="field">
          <label htmlFor="reg-unit">{t('register.unit')}</label>
          <select
            id="reg-unit"
            value={draft.orgUnit}
            onChange={(e) => set('orgUnit')(e.target.value)}
          >
            <option value="">{t('inbox.all')}</option>
            {unitsWithinGrant(units.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {'\u00a0'.repeat((u.path.length - 1) * 2)}
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div className={`field${problems.track ? ' has-error' : ''}`}>
          <label htmlFor="reg-track">{t('register.track')}</label>
          <select
            id="reg-track"
            value={draft.track}
            onChange={(e) => set('track')(e.target.value)}
            {...problemAria('track', 'reg-track')}
          >
            <option value="">{t('inbox.all')}</option>
            <option value="party">{t('register.party')}</option>
            <option value="civil_service">{t('register.civilServiceTrack')}</option>
          </select>
          {problemLine('track', 'reg-track')}
        </div>
        <div className={`field${problems.form ? ' has-error' : ''}`}>
          <label htmlFor="reg-form">{t('register.form')}</label>
          <select
            id="reg-form"
            value={draft.form}
            onChange={(e) => set('form')(e.target.value)}
            {...problemAria('form', 'reg-form')}
          >
            <option value="">{t('inbox.all')}</option>
            {FORMS.map((f) => (
              <option key={f} value={f}>
                {t(`forms.${f}`)}
              </option>
            ))}
          </select>
          {problemLine('form', 'reg-form')}
        </div>
        <div className={`field${problems.category ? ' has-error' : ''}`}>
          <label htmlFor="reg-category">{t('register.category')}</label>
          <select
            id="reg-category"
            value={draft.category}
            onChange={(e) => set('category')(e.target.value)}
            {...problemAria('category', 'reg-category')}
          >
            <option value="">{t('inbox.all')}</option>
            {VIOLATION_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`discipline.categories.${c}`, { defaultValue: c })}
              </option>
            ))}
          </select>
          {problemLine('category', 'reg-category')}
        </div>
        {dayField('from', 'reg-from', t('register.from'))}
        {dayField('to', 'reg-to', t('register.to'))}
        <div className={`field${problems.status ? ' has-error' : ''}`}>
          <label htmlFor="reg-status">{t('register.status')}</label>
          <select
            id="reg-status"
            value={draft.status}
            onChange={(e) => set('status')(e.target.value)}
            {...problemAria('status', 'reg-status')}
          >
            <option value="">{t('inbox.all')}</option>
            <option value="in_effect">{t('status.in_effect')}</option>
            <option value="expired">{t('status.expired')}</option>
            <option value="annulled">{t('status.annulled')}</option>
          </select>
          {problemLine('status', 'reg-status')}
        </div>
        <YesNoFilter
          id="reg-in-effect"
          label={t('register.inEffect')}
          value={draft.inEffect}
          onChange={set('inEffect')}
          problem={problems.inEffect}
        />
        <YesNoFilter
          id="reg-barred"
          label={t('register.barredFilter')}
          value={draft.barred}
          onChange={set('barred')}
          problem={problems.barred}
        />
        {dayField('asOf', 'reg-as-of', t('register.asOf'))}
        <button type="submit">{t('register.filter')}</button>
        <button type="button" className="secondary" onClick={() => void spreadsheet()}>
          {t('register.download')}
        </button>
      </form>
      <ErrorBox error={error ?? records.error} outcomeOfSubmit={Boolean(error)} />
      {records.isPending ? (
        <Loading />
      ) : records.data && records.data.items.length === 0 ? (
        <p>{t('register.empty')}</p>
      ) : (
        <table className="grid" aria-label={t('register.title')}>
          <thead>
            <tr>
              <th scope="col">{t('register.person')}</th>
              <th scope="col">{t('inbox.unit')}</th>
              <th scope="col">{t('register.decidingUnit')}</th>
              <th scope="col">{t('register.track')}</th>
              <th scope="col">{t('register.form')}</th>
              <th scope="col">{t('register.category')}</th>
              <th scope="col">{t('register.decided')}</th>
              <th scope="col">{t('register.effective')}</th>
              <th scope="col">{t('register.inEffectUntil')}</th>
              <th scope="col">{t('register.barEnds')}</th>
              <th scope="col">{t('register.status')}</th>
              <th scope="col">{t('register.barred')}</th>
              <th scope="col">{t('register.decisionRef')}</th>
              <th scope="col">{t('register.sameViolation')}</th>
            </tr>
          </thead>
          <tbody>
            {records.data?.items.map((r) => (
              <tr key={r.caseId}>
                <td>
                  <Link to={`/cadres/${r.personId}`}>{r.personName ?? r.personId}</Link>
                </td>
                {/* The person's unit and the unit that decided apart: a ward's register lists its
                    officials the city disciplined. */}
                <td>{r.personOrgUnitName ?? r.personOrgUnitId ?? ''}</td>
                <td>{r.orgUnitName ?? r.orgUnitId}</td>
                <td>{t(trackKey(r))}</td>
                <td>{t(`forms.${r.form}`, { defaultValue: r.form })}</td>
                <td>
                  {t(`discipline.categories.${r.violationCategory}`, {
                    defaultValue: r.violationCategory,
                  })}
                </td>
                <td>{formatDay(r.decidedOn)}</td>
                <td>{formatDay(r.effectiveFrom)}</td>
                <td>{formatDay(r.inEffectUntil)}</td>
                <td>{formatDay(r.barEndsOn)}</td>
                <td>{t(`status.${r.status}`)}</td>
                <td>{t(barredKey(r))}</td>
                <td data-testid="register-decision-ref">
                  {formatDecisionRef(r.decisionRef)}
                  {r.revisedByRef && (
                    <div className="muted">
                      {t('register.revisedBy', { ref: formatDecisionRef(r.revisedByRef) })}
                    </div>
                  )}
                </td>
                <td>{r.sameViolationCaseId ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A filter on a yes/no fact of the register (in effect, barred): any, still, no longer. */
function YesNoFilter(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** What the address named that is not a choice here. */
  problem?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className={`field${props.problem ? ' has-error' : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.problem ? true : undefined}
        aria-describedby={props.problem ? `${props.id}-error` : undefined}
      >
        <option value="">{t('inbox.all')}</option>
        <option value="true">{t('register.yes')}</option>
        <option value="false">{t('register.no')}</option>
      </select>
      {props.problem && (
        <span className="field-error" id={`${props.id}-error`} role="alert">
          {props.problem}
        </span>
      )}
    </div>
  );
}
