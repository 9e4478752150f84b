import { FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../api/client';
import { KnownNames, useReasonText } from '../server-text/use-reason-text';
import { describedBy, ErrorBox, Field, ruleTitle } from './common';
import { useFocusOnInvalid } from './focus-on-invalid';

/** The headers every case write sends: the revision read (If-Match) and the body's key. */
export type CaseWriteHeaders = (
  body: unknown,
  keys: (body: unknown) => string,
) => { 'If-Match': string; 'Idempotency-Key': string };

/**
 * «Giải quyết» on a flagged vetting item (POST /cases/:id/vetting/:item/resolve): the vetting
 * step's staff set it aside with their grounds, so the decision it held back can be recorded.
 * Before, the decision's refusal told staff to resolve the item, but no screen could.
 */
export function VettingResolution({
  caseId,
  item,
  headers,
  keys,
  names,
  stale,
  done,
  recheck = false,
}: {
  caseId: string;
  item: string;
  /**
   * An item read from the record that the rule set bars setting aside (the server offers
   * `recheck-vetting-item`): the same resolution reads the record again and clears it where the
   * record no longer bears it out (a discipline annulled, a bar ended), or refuses naming the bar.
   * Before, the page offered nothing and a bar annulled since held the case.
   */
  recheck?: boolean;
  headers: CaseWriteHeaders;
  keys: (body: unknown) => string;
  names?: KnownNames;
  /** A revision moved meanwhile (409): the page offers to read the case again. */
  stale(): void;
  done(): Promise<void>;
}) {
  const { t } = useTranslation();
  const reasonText = useReasonText(names);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Sent with no grounds: said on the field (before: the button stayed disabled, nothing said why).
  const [noteMissing, setNoteMissing] = useState(false);
  const id = `resolve-${item}-note`;
  const key = (name: string) => (recheck ? `case.recheck${name}` : `case.resolve${name}`);
  const itemName = t(`vetting.${item}`, { defaultValue: item });
  // The panel opens on its first field, the grounds to write (before: focus stayed on nothing,
  // the «Giải quyết» button clicked being gone); a refusal of the grounds goes back to them.
  // «Hủy» closes it back onto the «Giải quyết» button (before: focus fell to the page, the
  // cancel button being gone).
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const openButtonRef = useRef<HTMLButtonElement>(null);
  const cancelled = useRef(false);
  useEffect(() => {
    if (open) noteRef.current?.focus();
    else if (cancelled.current) {
      cancelled.current = false;
      openButtonRef.current?.focus();
    }
  }, [open]);
  const { formRef, focusFirstInvalid } = useFocusOnInvalid<HTMLFormElement>();
  const refusal = error instanceof ApiError ? error : null;
  const noteRefusal =
    refusal?.field === 'note' ? `${ruleTitle(t, refusal)} — ${reasonText(refusal.message)}` : null;
  const noteError = noteMissing ? t('form.required') : noteRefusal;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!note.trim()) {
      setNoteMissing(true);
      noteRef.current?.focus();
      return;
    }
    setPending(true);
    const body = { note: note.trim() };
    try {
      await unwrap(
        api.POST('/cases/{id}/vetting/{item}/resolve', {
          params: { path: { id: caseId, item } },
          body,
          headers: headers({ resolve: item, body }, keys),
        }),
      );
      setOpen(false);
      setNote('');
      await done();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.rule === 'concurrency.stale_revision')
        stale();
      else {
        setError(e);
        if (e instanceof ApiError && e.field === 'note') focusFirstInvalid();
      }
    } finally {
      setPending(false);
    }
  };

  if (!open)
    return (
      <>
        {' '}
        <button
          ref={openButtonRef}
          type="button"
          className="secondary"
          onClick={() => setOpen(true)}
          aria-label={t(key('Item'), { item: itemName })}
        >
          {t(recheck ? 'case.recheck' : 'case.resolve')}
        </button>
      </>
    );
  return (
    <form
      ref={formRef}
      className="confirm"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={t(key('Item'), { item: itemName })}
      data-testid={`resolve-${item}`}
    >
      <p className="hint">{t(key('Hint'))}</p>
      <Field id={id} label={t(key('Note'))} error={noteError} required>
        <textarea
          ref={noteRef}
          id={id}
          value={note}
          required
          aria-required
          aria-invalid={noteError ? true : undefined}
          aria-describedby={describedBy(id, false, Boolean(noteError))}
          maxLength={4000}
          onChange={(e) => {
            setNote(e.target.value);
            if (e.target.value.trim()) setNoteMissing(false);
          }}
        />
      </Field>
      {/* A refusal naming no field of this form (the item itself, a grant, a closed case). */}
      {!noteRefusal && <ErrorBox error={error} names={names} outcomeOfSubmit />}
      <button type="submit" disabled={pending}>
        {t(key('Submit'))}
      </button>{' '}
      <button
        type="button"
        className="secondary"
        onClick={() => {
          cancelled.current = true;
          setOpen(false);
        }}
      >
        {t('case.cancel')}
      </button>
    </form>
  );
}
