import { procedureKey } from '../procedure-key';
import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { TFunction } from 'i18next';
import { api, ApiError, download, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { formatDay, parseDay, typedButNotADay, vietnamToday } from '../dates';
import { dayProblem } from '../day-problem';
import { describedBy, ErrorBox, Field, Loading } from '../components/common';
import { DayInput } from '../components/DayInput';
import { useFocusOnInvalid } from '../components/focus-on-invalid';
import { useOrgUnits } from './Inbox';
import { trackKey } from './register-track';
import { unitsWithinGrant } from '../org-unit-tree';
import { citationInVietnamese } from '../server-text/legal-citation';
import { setQuery, useLocation } from '../router';
import { useReasonText } from '../server-text/use-reason-text';
import { PURPOSE } from '../purposes';

type PersonnelReport = components['schemas']['PersonnelReportDto'];
type Share = components['schemas']['TargetShareDto'];

interface Filters {
  from: string;
  to: string;
  orgUnit: string;
}

function reportQuery(filters: Filters): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.orgUnit) query.orgUnit = filters.orgUnit;
  for (const key of ['from', 'to'] as const) {
    const day = parseDay(filters[key]);
    if (day) query[key] = day;
  }
  return query;
}

type DayField = 'from' | 'to';

/**
 * What is wrong with the period typed, by field, checked before the report is asked for or
 * downloaded (before: "to" before "from" came back as the server's English "to: 2026-12-01 is
 * before from (2026-12-07)" in the box above the results).
 */
function periodProblems(filters: Filters, t: TFunction): Partial<Record<DayField, string>> {
  const problems: Partial<Record<DayField, string>> = {};
  for (const key of ['from', 'to'] as const)
    if (typedButNotADay(filters[key])) problems[key] = dayProblem(filters[key], t, 'open.badDay');
  const from = parseDay(filters.from);
  const to = parseDay(filters.to);
  if (from && to && to < from)
    problems.to = t('register.toBeforeFrom', { from: formatDay(from), to: formatDay(to) });
  return problems;
}

/**
 * The period and unit in the address (`?from=2026-01-01&to=2026-12-07&orgUnit=…`, days as ISO),
 * so a reload, back and forward and a shared link show the same report. A day absent from it is
 * the default (1 January, today); present and empty, no bound (the field was cleared); not a day,
 * the default.
 */
function filtersInAddress(query: URLSearchParams, today: string): Filters {
  const day = (name: DayField, fallback: string) => {
    const value = query.get(name);
    if (value === null) return formatDay(fallback);
    if (value === '') return '';
    return parseDay(formatDay(value)) === value ? formatDay(value) : formatDay(fallback);
  };
  return {
    from: day('from', `${today.slice(0, 4)}-01-01`),
    to: day('to', today),
    orgUnit: query.get('orgUnit') ?? '',
  };
}

function showInAddress(filters: Filters): void {
  setQuery({
    from: parseDay(filters.from) ?? '',
    to: parseDay(filters.to) ?? '',
    orgUnit: filters.orgUnit || undefined,
  });
}

/** Báo cáo: the counts the periodic reports quote, for the caller's unit, with an Excel download. */
export function Reports() {
  const { t } = useTranslation();
  const units = useOrgUnits();
  const today = vietnamToday();
  const { query: address } = useLocation();
  const addressKey = address.toString();
  const filters = filtersInAddress(address, today);
  const [draft, setDraft] = useState<Filters>(filters);
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<Partial<Record<DayField, string>>>({});
  const { formRef, focusFirstInvalid } = useFocusOnInvalid<HTMLFormElement>();
  // Back and forward (or a link) change the report shown: the fields show it too (today only
  // seeds a bound the address lacks).
  useEffect(() => {
    setDraft(filtersInAddress(new URLSearchParams(addressKey), today));
    setProblems({});
  }, [addressKey]);
  const query = reportQuery(filters);
  const report = useQuery({
    queryKey: ['report', query],
    placeholderData: keepPreviousData,
    queryFn: () =>
      unwrap<PersonnelReport>(
        api.GET('/reports/personnel', {
          params: { query: query as never },
          headers: { 'X-Purpose': PURPOSE.personnelReport },
        }),
      ),
  });
  const set = (key: keyof Filters) => (value: string) => {
    setDraft({ ...draft, [key]: value });
    setProblems(({ [key as DayField]: _fixed, ...rest }) => rest);
  };
  /**
   * The period and unit the fields show, checked as the server would check them, or null with
   * each wrong field named (a day that is typed but is not one, 31/02/2026, is never dropped).
   */
  const checked = (): Filters | null => {
    const found = periodProblems(draft, t);
    setProblems(found);
    if (!Object.keys(found).length) return draft;
    // The keyboard is taken to the day to correct (before: it stayed on the button).
    focusFirstInvalid();
    return null;
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (!checked()) return;
    // The refusal of an earlier view or download is not left above the new results.
    setError(null);
    showInAddress(draft);
  };
  // The download takes what the fields show, and the screen shows what was downloaded (before:
  // the period last viewed, e.g. the whole year when the dates typed were not viewed first).
  const spreadsheet = async () => {
    const shown = checked();
    if (!shown) return;
    setError(null);
    showInAddress(shown);
    const params = new URLSearchParams({
      ...reportQuery(shown),
      format: 'xlsx',
      purpose: PURPOSE.personnelReport,
    });
    try {
      await download(`/reports/personnel?${params}`, `bao-cao-can-bo-${today}.xlsx`);
    } catch (e) {
      setError(e);
    }
  };
  // A refusal naming a field of the form is shown on that field, in the reader's language.
  const reasonText = useReasonText();
  const refusal = error ?? report.error;
  const refusedField =
    refusal instanceof ApiError && (refusal.field === 'from' || refusal.field === 'to')
      ? refusal.field
      : null;
  const fieldError = (key: DayField) =>
    problems[key] ?? (refusedField === key ? reasonText((refusal as ApiError).message) : null);
  const dayInput = (key: DayField, id: string) => (
    <Field id={id} label={t(`reports.${key}`)} error={fieldError(key)}>
      <DayInput
        id={id}
        value={draft[key]}
        onChange={(e) => set(key)(e.target.value)}
        aria-invalid={fieldError(key) ? true : undefined}
        aria-describedby={describedBy(id, false, Boolean(fieldError(key)))}
      />
    </Field>
  );
  const r = report.data;
  return (
    <section>
      <h1>{t('reports.title')}</h1>
      <form
        ref={formRef}
        className="card filters"
        onSubmit={apply}
        noValidate
        aria-label={t('reports.title')}
      >
        {dayInput('from', 'rep-from')}
        {dayInput('to', 'rep-to')}
        <div className="field">
          <label htmlFor="rep-unit">{t('reports.unit')}</label>
          <select
            id="rep-unit"
            value={draft.orgUnit}
            onChange={(e) => set('orgUnit')(e.target.value)}
          >
            <option value="">—</option>
            {unitsWithinGrant(units.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {'\u00a0'.repeat((u.path.length - 1) * 2)}
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('reports.show')}</button>
        <button type="button" className="secondary" onClick={() => void spreadsheet()}>
          {t('reports.download')}
        </button>
      </form>
      {!refusedField && <ErrorBox error={refusal} outcomeOfSubmit={Boolean(error)} />}
      {report.isPending ? <Loading /> : r && <ReportBody report={r} />}
    </section>
  );
}

function ReportBody({ report }: { report: PersonnelReport }) {
  const { t, i18n } = useTranslation();
  // 77,8 % in Vietnamese (decimal comma), 77.8% in English.
  const percent = (value: number) =>
    new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format(
      value / 100,
    );
  const share = (s: Share) =>
    `${t('reports.share', {
      count: s.count,
      percent: s.percent === null ? '—' : percent(s.percent),
      target: s.targetPercent,
    })} · ${t(s.met ? 'reports.met' : 'reports.notMet')}`;
  const pool = report.planningPool;
  return (
    <>
      <h2>{t('reports.decisions')}</h2>
      <table className="grid" aria-label={t('reports.decisions')}>
        <thead>
          <tr>
            <th scope="col">{t('reports.procedure')}</th>
            <th scope="col">{t('reports.count')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(report.decisions.totals).map(([procedure, count]) => (
            <tr key={procedure}>
              <td>{t(`procedure.${procedureKey(procedure)}`, { defaultValue: procedure })}</td>
              <td>{count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('reports.discipline')}</h2>
      {/* Each person once: the rows below count per form and do not add up to it. */}
      <p data-testid="disciplined-people">
        {t('reports.disciplinedPeople')}: {report.discipline.people}
      </p>
      <table className="grid" aria-label={t('reports.discipline')}>
        <thead>
          <tr>
            <th scope="col">{t('reports.track')}</th>
            <th scope="col">{t('reports.form')}</th>
            <th scope="col">{t('reports.people')}</th>
          </tr>
        </thead>
        <tbody>
          {report.discipline.totals.map((d) => (
            <tr key={`${d.track}/${d.serviceStatus ?? ''}/${d.form}`}>
              <td>{t(trackKey(d))}</td>
              <td>{t(`forms.${d.form}`, { defaultValue: d.form })}</td>
              <td>{d.people}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('reports.nonLocal', { date: formatDay(report.asOf) })}</h2>
      <p data-testid="non-local">{t('reports.nonLocalSummary', report.nonLocalLeaders)}</p>
      <ul>
        {report.nonLocalLeaders.people.map((p) => (
          <li key={p.personId + p.positionId}>
            {p.fullName ?? p.personId} — {p.positionTitle} ({p.originProvince})
          </li>
        ))}
      </ul>
      <h2>{t('reports.pool', { date: formatDay(report.asOf) })}</h2>
      <dl className="facts" data-testid="pool">
        <dt>{t('reports.poolPeople')}</dt>
        <dd>{pool.people}</dd>
        <dt>{t('reports.women')}</dt>
        <dd>{share(pool.women)}</dd>
        <dt>{t('reports.young', { age: pool.young.underAge })}</dt>
        <dd>{share(pool.young)}</dd>
        <dt>{t('reports.source')}</dt>
        {/* The rule set's citation is English with the rule's wording; a Vietnamese reader gets the
            instrument, its article and whether the text was checked, the whole in the tooltip. */}
        <dd data-testid="pool-citation" title={pool.citation}>
          {(i18n.language !== 'en' && citationInVietnamese(pool.citation)) || pool.citation}
        </dd>
      </dl>
    </>
  );
}
