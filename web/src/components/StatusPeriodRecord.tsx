import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../api/schema';
import { api, unwrap } from '../api/client';
import { parseDay, typedButNotADay } from '../dates';
import { dayProblem } from '../day-problem';
import { describedBy, ErrorBox, Field } from './common';
import { DayInput } from './DayInput';
import { useRecordWrite } from './use-record-write';

type Body = components['schemas']['RecordPersonStatusDto'];
type Status = Body['status'];
type FatherCareGround = NonNullable<Body['fatherCareGround']>;

/** Every status the server records (RecordPersonStatusDto), in the order the form offers them. */
const STATUSES = [
  'under_investigation',
  'prosecuted',
  'on_trial',
  'detained',
  'suspended',
  'abroad',
  'in_hospital',
  'seriously_ill',
  'pregnant',
  'maternity_leave',
  'child_under_12_months',
  'lost_cognitive_capacity',
  'on_leave',
  'retired',
  'left_service',
] as const satisfies readonly Status[];
// A status the server adds fails to compile here until the form offers it.
const everyStatusOffered: [Exclude<Status, (typeof STATUSES)[number]>] extends [never]
  ? true
  : false = true;
void everyStatusOffered;

/**
 * A woman's periods: the server refuses them on a man's record (status.women_only), so the form
 * does not offer them to him.
 */
const WOMEN_ONLY = ['pregnant', 'maternity_leave'] as const satisfies readonly Status[];

const FATHER_CARE_GROUNDS = [
  'wife_died',
  'wife_unable_to_care',
] as const satisfies readonly FatherCareGround[];

/** The fields the form has: a refusal naming one of them is shown on it. */
const FIELDS = ['status', 'from', 'until', 'note', 'fatherCareGround'] as const;
type FieldName = (typeof FIELDS)[number];

/**
 * Ghi nhận tình trạng: a period the person is under investigation, detained, abroad, on maternity
 * leave … While it lasts it holds an appointment or a re-appointment back and defers discipline,
 * so the managing unit's staff record it here (before, only through the API). A father raising a
 * child under 12 months states his ground (Nghị định 172/2025): without it his period defers no
 * discipline. Sent with the record's revision (If-Match): a record changed meanwhile is refused,
 * not overwritten.
 */
export function StatusPeriodRecord({
  personId,
  gender,
  revision,
}: {
  personId: string;
  gender: 'male' | 'female';
  revision: number | null;
}) {
  const { t } = useTranslation();
  // The status starts unchosen (before: «Đang bị điều tra» was preset, and recorded when the clerk
  // meant another): each holds procedures back in its own way.
  const [status, setStatus] = useState<Status | ''>('');
  const [statusMissing, setStatusMissing] = useState(false);
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [note, setNote] = useState('');
  const [ground, setGround] = useState<FatherCareGround | ''>('');
  // Set when the clerk sent the form without grounds: the server refuses a period without them.
  const [noteMissing, setNoteMissing] = useState(false);
  const asksGround = status === 'child_under_12_months' && gender === 'male';
  const offered = STATUSES.filter(
    (s) => gender === 'female' || !(WOMEN_ONLY as readonly Status[]).includes(s),
  );
  const label = (key: string) => t(`person.statusRecord.${key}`);
  // The server's input check names the body's key (`note là bắt buộc`); the clerk knows the label.
  const fieldLabel = (field: FieldName) => label(field === 'note' ? 'noteName' : field);
  // Held back without grounds, or refused by the server on a field: focus goes to the first field
  // to correct (before: it stayed on «Ghi nhận tình trạng»).
  const write = useRecordWrite({
    personId,
    revision,
    fields: FIELDS,
    label: fieldLabel,
    body: (): Body => ({
      status: status as Status,
      from: parseDay(from) ?? from,
      until: until.trim() ? (parseDay(until) ?? until) : null,
      note: note.trim(),
      ...(asksGround && ground ? { fatherCareGround: ground } : {}),
    }),
    send: (body, headers) =>
      unwrap(
        api.POST('/cadres/{id}/statuses', { params: { path: { id: personId } }, body, headers }),
      ),
    onSaved: () => {
      setFrom('');
      setUntil('');
      setNote('');
      setGround('');
    },
  });
  const { mutation: record, formRef, focusFirstInvalid, onField } = write;
  const fieldError = write.refusalOf;
  const dayError = (text: string, field: 'from' | 'until') =>
    typedButNotADay(text) ? dayProblem(text, t, 'open.badDay') : fieldError(field);
  const fromError = dayError(from, 'from');
  const untilError = dayError(until, 'until');
  const statusError = statusMissing ? label('statusRequired') : fieldError('status');
  const noteError = noteMissing ? label('noteRequired') : fieldError('note');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!status || !note.trim()) {
      setStatusMissing(!status);
      setNoteMissing(!note.trim());
      focusFirstInvalid();
      return;
    }
    record.mutate();
  };
  return (
    <form ref={formRef} className="card" onSubmit={submit} aria-label={label('title')} noValidate>
      <h3>{label('title')}</h3>
      <Field id="status-record-status" label={label('status')} error={statusError}>
        <select
          id="status-record-status"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as Status | '');
            write.edited('status');
            if (e.target.value) setStatusMissing(false);
          }}
          aria-required
          aria-invalid={statusError ? true : undefined}
          aria-describedby={describedBy('status-record-status', false, Boolean(statusError))}
        >
          <option value="">{label('chooseStatus')}</option>
          {offered.map((s) => (
            <option key={s} value={s}>
              {t(`personStatus.${s}`)}
            </option>
          ))}
        </select>
      </Field>
      {asksGround && (
        <Field
          id="status-record-ground"
          label={label('fatherCareGround')}
          error={fieldError('fatherCareGround')}
          hint={label('fatherCareGroundHint')}
        >
          <select
            id="status-record-ground"
            value={ground}
            onChange={(e) => {
              setGround(e.target.value as FatherCareGround | '');
              write.edited('fatherCareGround');
            }}
          >
            <option value="">{label('noGround')}</option>
            {FATHER_CARE_GROUNDS.map((g) => (
              <option key={g} value={g}>
                {label(`grounds.${g}`)}
              </option>
            ))}
          </select>
        </Field>
      )}
      <div className="row wrap">
        <Field id="status-record-from" label={label('from')} error={fromError}>
          <DayInput
            id="status-record-from"
            value={from}
            onChange={(e) => {
              setFrom(e.target.value);
              write.edited('from');
            }}
            aria-describedby={describedBy('status-record-from', false, Boolean(fromError))}
          />
        </Field>
        <Field id="status-record-until" label={label('until')} error={untilError}>
          <DayInput
            id="status-record-until"
            value={until}
            onChange={(e) => {
              setUntil(e.target.value);
              write.edited('until');
            }}
            aria-describedby={describedBy('status-record-until', false, Boolean(untilError))}
          />
        </Field>
      </div>
      <Field id="status-record-note" label={label('note')} error={noteError}>
        <input
          id="status-record-note"
          value={note}
          onChange={(e) => {
            setNote(e.target.value);
            write.edited('note');
            if (e.target.value.trim()) setNoteMissing(false);
          }}
          required
          aria-required
          aria-invalid={noteError ? true : undefined}
          aria-describedby={describedBy('status-record-note', false, Boolean(noteError))}
        />
      </Field>
      {/* A refusal that names no field of the form (a record changed meanwhile, a grant). */}
      {!onField && <ErrorBox error={record.error} outcomeOfSubmit />}
      <button
        type="submit"
        disabled={record.isPending || !parseDay(from) || typedButNotADay(until)}
      >
        {label('record')}
      </button>
    </form>
  );
}
