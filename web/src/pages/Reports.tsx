import { procedureKey } from '../procedure-key';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, download, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { formatDay, parseDay, typedButNotADay, vietnamToday } from '../dates';
import { ErrorBox, Field, Loading } from '../components/common';
import { DayInput } from '../components/DayInput';
import { useOrgUnits } from './Inbox';
import { unitsWithinGrant } from '../org-unit-tree';
import { citationInVietnamese } from '../server-text/legal-citation';

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

/** Báo cáo: the counts the periodic reports quote, for the caller's unit, with an Excel download. */
export function Reports() {
  const { t } = useTranslation();
  const units = useOrgUnits();
  const today = vietnamToday();
  const [draft, setDraft] = useState<Filters>({
    from: formatDay(`${today.slice(0, 4)}-01-01`),
    to: formatDay(today),
    orgUnit: '',
  });
  const [filters, setFilters] = useState(draft);
  const [error, setError] = useState<unknown>(null);
  const query = reportQuery(filters);
  const report = useQuery({
    queryKey: ['report', query],
    placeholderData: keepPreviousData,
    queryFn: () =>
      unwrap<PersonnelReport>(
        api.GET('/reports/personnel', {
          params: { query: query as never },
          headers: { 'X-Purpose': 'personnel report' },
        }),
      ),
  });
  const set = (key: keyof Filters) => (value: string) => setDraft({ ...draft, [key]: value });
  // A day that is typed but is not one (31/02/2026) is named on its field, never quietly dropped.
  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (typedButNotADay(draft.from) || typedButNotADay(draft.to)) return;
    setFilters(draft);
  };
  const spreadsheet = async () => {
    setError(null);
    const params = new URLSearchParams({ ...query, format: 'xlsx', purpose: 'personnel report' });
    try {
      await download(`/reports/personnel?${params}`, `bao-cao-can-bo-${today}.xlsx`);
    } catch (e) {
      setError(e);
    }
  };
  const r = report.data;
  return (
    <section>
      <h1>{t('reports.title')}</h1>
      <form className="card filters" onSubmit={apply} aria-label={t('reports.title')}>
        <Field
          id="rep-from"
          label={t('reports.from')}
          error={typedButNotADay(draft.from) ? t('open.badDay') : null}
        >
          <DayInput
            id="rep-from"
            value={draft.from}
            onChange={(e) => set('from')(e.target.value)}
          />
        </Field>
        <Field
          id="rep-to"
          label={t('reports.to')}
          error={typedButNotADay(draft.to) ? t('open.badDay') : null}
        >
          <DayInput id="rep-to" value={draft.to} onChange={(e) => set('to')(e.target.value)} />
        </Field>
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
      <ErrorBox error={error ?? report.error} />
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
            <tr key={d.track + d.form}>
              <td>{t(`register.${d.track}`)}</td>
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
