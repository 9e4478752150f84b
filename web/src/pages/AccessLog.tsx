import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { Page } from '../api/types';
import { formatDateTime, parseDay, typedButNotADay } from '../dates';
import { ErrorBox, Field, Loading } from '../components/common';
import { DayInput } from '../components/DayInput';
import { actorLabel } from '../actor-name';
import { dayProblem } from '../day-problem';

export interface AccessEntry {
  id?: string;
  actorId: string;
  actorName?: string | null;
  resource: string;
  /** What was read (`person record`, …) and of whom or which case; a person by name. */
  kind?: string | null;
  subject?: string | null;
  subjectName?: string | null;
  purpose: string | null;
  at?: string;
  occurredAt?: string;
  status?: number;
  [key: string]: unknown;
}

/** What the log is filtered by: days as the service takes them (YYYY-MM-DD, whole days in Vietnam). */
interface AccessFilter {
  from?: string;
  to?: string;
  actor?: string;
  resource?: string;
}

/** A page of the log as it is read: the newest first. */
const PAGE_SIZE = '50';

/**
 * The access log (auditor, admin): who read which sensitive record, when and why, newest first,
 * filtered by days (dd/mm/yyyy, both taken whole), by reader and by what was read, a page at a
 * time by the server's cursor. Before: the newest 50 reads only, with no filter.
 */
export function AccessLog() {
  const { t } = useTranslation();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [actor, setActor] = useState('');
  const [subject, setSubject] = useState('');
  const [filter, setFilter] = useState<AccessFilter>({});
  // What a read was of in Vietnamese from its parts (kind + name); the route stays in the tooltip.
  const readText = (entry: AccessEntry) => {
    if (!entry.kind) return entry.resource;
    const kind = t(`audit.readKinds.${entry.kind.replace(/ /g, '_')}`, {
      defaultValue: entry.kind,
    });
    const who = entry.subjectName ?? entry.subject;
    return who ? `${kind}: ${who}` : kind;
  };
  // Whether the read was answered: a refused one (403) is in the log too, and is marked so.
  const outcomeText = (status: number | undefined) =>
    status === undefined || status < 400
      ? t('audit.accessOutcomes.read')
      : status === 403
        ? t('audit.accessOutcomes.refused')
        : t('audit.accessOutcomes.failed', { status });
  const fromDay = parseDay(from);
  const toDay = parseDay(to);
  const reversed = fromDay !== null && toDay !== null && toDay < fromDay;
  const log = useInfiniteQuery({
    queryKey: ['access-log', filter],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap<Page<AccessEntry>>(
        api.GET('/audit/access-log', {
          params: {
            query: { ...filter, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    // A typed day that is not one is named on its field, not read as "from the beginning".
    if (typedButNotADay(from) || typedButNotADay(to) || reversed) return;
    setFilter({
      ...(fromDay ? { from: fromDay } : {}),
      ...(toDay ? { to: toDay } : {}),
      ...(actor.trim() ? { actor: actor.trim() } : {}),
      ...(subject.trim() ? { resource: subject.trim() } : {}),
    });
  };
  const items = log.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="access-log-title">
      <h2 id="access-log-title">{t('audit.accessLog')}</h2>
      <form
        className="card row"
        onSubmit={apply}
        aria-label={t('audit.accessFilters')}
        data-testid="access-log-filters"
      >
        <Field
          id="access-from"
          label={t('audit.accessFrom')}
          error={typedButNotADay(from) ? dayProblem(from, t, 'open.badDay') : null}
        >
          <DayInput id="access-from" value={from} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Field
          id="access-to"
          label={t('audit.accessTo')}
          error={
            typedButNotADay(to)
              ? dayProblem(to, t, 'open.badDay')
              : reversed
                ? t('rules.query.period_reversed')
                : null
          }
        >
          <DayInput id="access-to" value={to} onChange={(e) => setTo(e.target.value)} />
        </Field>
        <div className="field">
          <label htmlFor="access-actor">{t('audit.accessActor')}</label>
          <input id="access-actor" value={actor} onChange={(e) => setActor(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="access-subject">{t('audit.accessSubject')}</label>
          <input id="access-subject" value={subject} onChange={(e) => setSubject(e.target.value)} />
        </div>
        <button type="submit">{t('audit.accessApply')}</button>
      </form>
      {log.isPending ? (
        <Loading />
      ) : log.error ? (
        <ErrorBox error={log.error} />
      ) : items.length === 0 ? (
        <p>{t('audit.accessNone')}</p>
      ) : (
        <table className="grid" data-testid="access-log">
          <thead>
            <tr>
              <th scope="col">{t('audit.accessWhen')}</th>
              <th scope="col">{t('audit.accessWho')}</th>
              <th scope="col">{t('audit.accessWhat')}</th>
              <th scope="col">{t('audit.accessWhy')}</th>
              <th scope="col">{t('audit.accessOutcome')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((entry, i) => (
              <tr key={entry.id ?? i}>
                <td>{formatDateTime(entry.at ?? null)}</td>
                {/* By name when the token gave one (before: the user id, "staff-1"). */}
                <td title={entry.actorId}>
                  {actorLabel(entry.actorId, entry.actorName, t('audit.systemActor'))}
                </td>
                <td
                  title={entry.route ? `${String(entry.method)} ${String(entry.route)}` : undefined}
                >
                  {readText(entry)}
                </td>
                <td>
                  {entry.purpose
                    ? t(`audit.purposes.${entry.purpose}`, { defaultValue: entry.purpose })
                    : '—'}
                </td>
                <td data-status={entry.status}>{outcomeText(entry.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {log.hasNextPage && (
        <button
          type="button"
          disabled={log.isFetchingNextPage}
          onClick={() => void log.fetchNextPage()}
        >
          {t('inbox.more')}
        </button>
      )}
    </section>
  );
}
