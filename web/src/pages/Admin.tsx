import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { api, ApiError, idempotencyKeys, unwrap } from '../api/client';
import { usePositions } from '../api/hooks';
import { OrgUnit } from '../api/types';
import { formatDateTime } from '../dates';
import { describedBy, ErrorBox, Field, Loading, ruleTitle } from '../components/common';
import { can, getSession } from '../session';
import { Link } from '../router';
import { useOrgUnits } from './Inbox';
import { useReasonText } from '../server-text/use-reason-text';

/** Kinds of org unit the registry knows (CreateOrgUnitDto). */
const UNIT_KINDS = [
  'province',
  'district',
  'town',
  'commune',
  'ward',
  'party_committee',
  'peoples_committee',
  'department',
  'agency',
] as const;

interface DeadLetter {
  id: string;
  source: string;
  jobName: string;
  errorMessage: string;
  attempts: number;
  status: string;
  lastFailedAt: string;
}

/** Admin: dead letters with replay; the org unit tree and the posts. */
export function Admin() {
  const { t } = useTranslation();
  const session = getSession();
  // A post may be filled by competitive examination (thi tuyển): staff open it from the post.
  const mayOpenCase = session ? can.openCase(session) : false;
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const orgUnits = useOrgUnits();
  // useOrgUnits answers them in tree order already.
  const units = orgUnits.data ?? [];
  // Dead letters and the job queues hold every unit's jobs: an admin of a top-level unit's only
  // (before, organization staff of the city were shown the panel and then its 403).
  const operator =
    Boolean(session && can.admin(session)) &&
    units.find((u) => u.id === session?.orgUnit)?.path.length === 1;
  const letters = useQuery({
    queryKey: ['dead-letters'],
    enabled: operator,
    queryFn: () =>
      unwrap<{ items: DeadLetter[] } | DeadLetter[]>(api.GET('/admin/dead-letters', {})),
  });
  const positions = usePositions();
  const items = Array.isArray(letters.data) ? letters.data : (letters.data?.items ?? []);
  const replay = async (id: string) => {
    setError(null);
    try {
      await unwrap(api.POST('/admin/dead-letters/{id}/replay', { params: { path: { id } } }));
      await queryClient.invalidateQueries({ queryKey: ['dead-letters'] });
    } catch (e) {
      setError(e);
    }
  };
  // The queue dashboard is a page of its own: a short-lived cookie scoped to it carries the
  // admin's token, so the token never goes into its URL.
  const openQueues = async () => {
    setError(null);
    try {
      await unwrap(api.POST('/admin/queues/session', {}));
      window.location.assign('/admin/queues');
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section>
      <h1>{t('admin.title')}</h1>
      {operator && (
        <p>
          <button type="button" className="secondary" onClick={() => void openQueues()}>
            {t('admin.openQueues')}
          </button>
        </p>
      )}
      {operator && <h2>{t('admin.deadLetters')}</h2>}
      <ErrorBox error={error ?? letters.error} outcomeOfSubmit={Boolean(error)} />
      {!operator ? null : letters.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>{t('app.none')}</p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">{t('admin.job')}</th>
              <th scope="col">{t('admin.error')}</th>
              <th scope="col">{t('admin.attempts')}</th>
              <th scope="col">{t('case.status')}</th>
              <th scope="col">{t('audit.accessWhen')}</th>
              <th scope="col">
                <span className="sr-only">{t('admin.replay')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id}>
                <td>
                  {d.source} · {d.jobName}
                </td>
                <td>{d.errorMessage}</td>
                <td>{d.attempts}</td>
                <td>{d.status}</td>
                <td>{formatDateTime(d.lastFailedAt)}</td>
                <td>
                  {d.status !== 'replayed' && (
                    <button type="button" onClick={() => void replay(d.id)}>
                      {t('admin.replay')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NewOrgUnit units={units} />
      <NewPosition units={units} />
      <h2>{t('admin.units')}</h2>
      <ul className="tree">
        {units.map((u) => (
          <li key={u.id} style={{ paddingLeft: `${(u.path.length - 1) * 1.25}rem` }}>
            {u.name} <span className="muted mono">{u.id}</span>
          </li>
        ))}
      </ul>
      <h2>{t('admin.positions')}</h2>
      <ul>
        {(positions.data ?? []).map((p) => (
          <li key={p.id}>
            {p.title} <span className="muted mono">{p.id}</span>
            {p.seats != null && (
              <span className="muted"> · {t('admin.seatsListed', { count: p.seats })}</span>
            )}
            {mayOpenCase && (
              <>
                {' '}
                <Link to={`/cases/new?procedure=competitive_exam&position=${p.id}`}>
                  {t('exam.openFromPost')}
                </Link>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The units the signed-in user's grant reaches: their unit and every unit below it. */
function unitsInScope(units: OrgUnit[]): OrgUnit[] {
  const grant = getSession()?.orgUnit;
  return grant ? units.filter((u) => u.path.includes(grant)) : [];
}

/** Indented names for a unit picker (the tree is listed top down). */
function unitLabel(unit: OrgUnit, units: OrgUnit[]): string {
  const depth = unit.path.length - Math.min(...units.map((u) => u.path.length));
  return `${'\u00a0\u00a0'.repeat(Math.max(0, depth))}${unit.name} (${unit.id})`;
}

/**
 * One registry write: the server's refusal lands on the field it names (or above the form), a
 * retry of the same form carries the same Idempotency-Key.
 */
function useRegistryWrite() {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  const queryClient = useQueryClient();
  const [keys] = useState(() => idempotencyKeys());
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (
    send: (idempotencyKey: string) => Promise<unknown>,
    body: unknown,
    fields: string[],
    invalidate: string,
    doneMessage: string,
  ): Promise<boolean> => {
    setBusy(true);
    setFieldErrors({});
    setError(null);
    setDone(null);
    try {
      await send(keys(body));
      await queryClient.invalidateQueries({ queryKey: [invalidate] });
      setDone(doneMessage);
      return true;
    } catch (e) {
      const field = e instanceof ApiError ? e.field?.split(/[.[]/)[0] : undefined;
      if (e instanceof ApiError && field && fields.includes(field)) {
        // The rule in the user's language when the app knows it, and the server's own words.
        const rule = e.rule ? ruleTitle(t, e) : '';
        const message = rule ? `${rule} (${reasonText(e.message)})` : reasonText(e.message);
        setFieldErrors({ [field]: t('form.refused', { message }) });
      } else setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { run, fieldErrors, error, done, busy };
}

/** Thêm đơn vị: a unit under a parent the admin's grant reaches (a top-level unit: admins only). */
function NewOrgUnit({ units }: { units: OrgUnit[] }) {
  const { t } = useTranslation();
  const write = useRegistryWrite();
  const reachable = unitsInScope(units);
  const isAdmin = getSession()?.roles.includes('admin') ?? false;
  const [name, setName] = useState('');
  const [kind, setKind] = useState<string>('party_committee');
  const [parentId, setParentId] = useState('');
  const [id, setId] = useState('');
  const parent = parentId || reachable[0]?.id || '';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name: name.trim(),
      kind,
      ...(parent ? { parentId: parent } : {}),
      ...(id.trim() ? { id: id.trim() } : {}),
    };
    const created = await write.run(
      (key) =>
        unwrap(
          api.POST('/org-units', { body: body as never, headers: { 'Idempotency-Key': key } }),
        ),
      body,
      ['name', 'kind', 'parentId', 'id'],
      'org-units',
      t('admin.unitCreated', { name: body.name }),
    );
    if (created) {
      setName('');
      setId('');
    }
  };
  const err = write.fieldErrors;
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="new-unit-title">
      <h2 id="new-unit-title">{t('admin.newUnit')}</h2>
      <Field id="unit-parent" label={t('admin.parent')} error={err.parentId}>
        <select
          id="unit-parent"
          value={parent}
          onChange={(e) => setParentId(e.target.value)}
          aria-invalid={err.parentId ? true : undefined}
          aria-describedby={describedBy('unit-parent', false, !!err.parentId)}
        >
          {reachable.map((u) => (
            <option key={u.id} value={u.id}>
              {unitLabel(u, reachable)}
            </option>
          ))}
          {isAdmin && <option value="">{t('admin.topLevel')}</option>}
        </select>
      </Field>
      <Field id="unit-name" label={t('admin.unitName')} error={err.name}>
        <input
          id="unit-name"
          value={name}
          required
          minLength={2}
          maxLength={200}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={err.name ? true : undefined}
          aria-describedby={describedBy('unit-name', false, !!err.name)}
        />
      </Field>
      <Field id="unit-kind" label={t('admin.unitKind')} error={err.kind}>
        <select
          id="unit-kind"
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          aria-invalid={err.kind ? true : undefined}
          aria-describedby={describedBy('unit-kind', false, !!err.kind)}
        >
          {UNIT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`admin.kinds.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="unit-id" label={t('admin.unitId')} error={err.id} hint={t('admin.idHint')}>
        <input
          id="unit-id"
          value={id}
          onChange={(e) => setId(e.target.value)}
          className="mono"
          aria-invalid={err.id ? true : undefined}
          aria-describedby={describedBy('unit-id', true, !!err.id)}
        />
      </Field>
      <ErrorBox error={write.error} outcomeOfSubmit />
      {write.done && (
        <p role="status" className="notice">
          {write.done}
        </p>
      )}
      <button type="submit" disabled={write.busy || name.trim().length < 2}>
        {t('admin.createUnit')}
      </button>
    </form>
  );
}

/** Thêm chức vụ: a post in a unit, with the unit whose leadership appoints to it. */
function NewPosition({ units }: { units: OrgUnit[] }) {
  const { t } = useTranslation();
  const write = useRegistryWrite();
  const reachable = unitsInScope(units);
  const [title, setTitle] = useState('');
  const [orgUnitId, setOrgUnitId] = useState('');
  const [authority, setAuthority] = useState('');
  const [rank, setRank] = useState('0');
  const [isLeadership, setIsLeadership] = useState(true);
  const [filledBy, setFilledBy] = useState<'appointment' | 'election'>('appointment');
  // Empty: no count (an elected post then has one holder, an appointed post any number).
  const [seats, setSeats] = useState('');
  const [id, setId] = useState('');
  const unit = orgUnitId || reachable[0]?.id || '';
  const appointing = authority || unit;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      title: title.trim(),
      orgUnitId: unit,
      appointingAuthority: appointing,
      rank: Number(rank),
      isLeadership,
      filledBy,
      ...(seats.trim() ? { seats: Number(seats) } : {}),
      ...(id.trim() ? { id: id.trim() } : {}),
    };
    const created = await write.run(
      (key) =>
        unwrap(
          api.POST('/positions', { body: body as never, headers: { 'Idempotency-Key': key } }),
        ),
      body,
      [
        'title',
        'orgUnitId',
        'appointingAuthority',
        'rank',
        'isLeadership',
        'filledBy',
        'seats',
        'id',
      ],
      'positions',
      t('admin.positionCreated', { title: body.title }),
    );
    if (created) {
      setTitle('');
      setId('');
    }
  };
  const err = write.fieldErrors;
  const unitSelect = (
    id: string,
    value: string,
    set: (value: string) => void,
    error: string | undefined,
  ) => (
    <select
      id={id}
      value={value}
      onChange={(e) => set(e.target.value)}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(id, false, !!error)}
    >
      {reachable.map((u) => (
        <option key={u.id} value={u.id}>
          {unitLabel(u, reachable)}
        </option>
      ))}
    </select>
  );
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="new-position-title">
      <h2 id="new-position-title">{t('admin.newPosition')}</h2>
      <Field id="position-title" label={t('admin.positionTitle')} error={err.title}>
        <input
          id="position-title"
          value={title}
          required
          minLength={2}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
          aria-invalid={err.title ? true : undefined}
          aria-describedby={describedBy('position-title', false, !!err.title)}
        />
      </Field>
      <Field id="position-unit" label={t('admin.positionUnit')} error={err.orgUnitId}>
        {unitSelect('position-unit', unit, setOrgUnitId, err.orgUnitId)}
      </Field>
      <Field
        id="position-authority"
        label={t('admin.appointingAuthority')}
        error={err.appointingAuthority}
      >
        {unitSelect('position-authority', appointing, setAuthority, err.appointingAuthority)}
      </Field>
      <Field id="position-rank" label={t('admin.rank')} error={err.rank}>
        <input
          id="position-rank"
          type="number"
          inputMode="numeric"
          value={rank}
          onChange={(e) => setRank(e.target.value)}
          aria-invalid={err.rank ? true : undefined}
          aria-describedby={describedBy('position-rank', false, !!err.rank)}
        />
      </Field>
      <div className="field">
        <label className="check">
          <input
            type="checkbox"
            checked={isLeadership}
            onChange={(e) => setIsLeadership(e.target.checked)}
          />{' '}
          {t('admin.isLeadership')}
        </label>
      </div>
      <Field id="position-filled-by" label={t('admin.filledBy')} error={err.filledBy}>
        <select
          id="position-filled-by"
          value={filledBy}
          onChange={(e) => setFilledBy(e.target.value as 'appointment' | 'election')}
          aria-invalid={err.filledBy ? true : undefined}
          aria-describedby={describedBy('position-filled-by', false, !!err.filledBy)}
        >
          <option value="appointment">{t('admin.filledByAppointment')}</option>
          <option value="election">{t('admin.filledByElection')}</option>
        </select>
      </Field>
      <Field
        id="position-seats"
        label={t('admin.seats')}
        error={err.seats}
        hint={t('admin.seatsHint')}
      >
        <input
          id="position-seats"
          type="number"
          inputMode="numeric"
          value={seats}
          onChange={(e) => setSeats(e.target.value)}
          aria-invalid={err.seats ? true : undefined}
          aria-describedby={describedBy('position-seats', true, !!err.seats)}
        />
      </Field>
      <Field id="position-id" label={t('admin.positionId')} error={err.id} hint={t('admin.idHint')}>
        <input
          id="position-id"
          value={id}
          onChange={(e) => setId(e.target.value)}
          className="mono"
          aria-invalid={err.id ? true : undefined}
          aria-describedby={describedBy('position-id', true, !!err.id)}
        />
      </Field>
      <ErrorBox error={write.error} outcomeOfSubmit />
      {write.done && (
        <p role="status" className="notice">
          {write.done}
        </p>
      )}
      <button type="submit" disabled={write.busy || title.trim().length < 2 || !unit}>
        {t('admin.createPosition')}
      </button>
    </form>
  );
}
