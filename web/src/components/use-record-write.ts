import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, idempotencyKeys } from '../api/client';
import { afterRecordWrite } from '../api/record-queries';
import { fieldInWords } from '../server-text/field-in-words';
import { useReasonText } from '../server-text/use-reason-text';
import { ruleTitle } from './common';
import { useFocusOnInvalid } from './focus-on-invalid';

/**
 * A write to a person's record from a form on their page (a rating, a status period): sent with an
 * `Idempotency-Key` made once per body (a double click records once) and the record's revision in
 * `If-Match`; on success the form resets and the record is read again; a 409 reads the record
 * again, so the next try sends its revision; a refusal naming a field of the form shows on it, in
 * its label's words, and focus moves there. The refusal lasts until the user edits that field
 * (`edited`): it never holds the next submit back (before, the rating form kept a refused year as
 * its own error, and sent nothing more until the page was reloaded).
 */
export function useRecordWrite<Field extends string, Body>({
  personId,
  revision,
  fields,
  label,
  body,
  send,
  onSaved,
}: {
  personId: string;
  revision: number | null;
  fields: readonly Field[];
  label: (field: Field) => string;
  body: () => Body;
  send: (body: Body, headers: Record<string, string>) => Promise<unknown>;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  const queryClient = useQueryClient();
  const [keys] = useState(idempotencyKeys);
  const { formRef, focusFirstInvalid } = useFocusOnInvalid<HTMLFormElement>();
  const isField = (field: string | undefined): field is Field =>
    (fields as readonly string[]).includes(field ?? '');
  const mutation = useMutation({
    mutationFn: () => {
      const sent = body();
      return send(sent, {
        'Idempotency-Key': keys(sent),
        ...(revision !== null ? { 'If-Match': `"${revision}"` } : {}),
      });
    },
    onSuccess: () => {
      onSaved();
      void afterRecordWrite(queryClient);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409)
        void queryClient.invalidateQueries({ queryKey: ['person', personId] });
      else if (error instanceof ApiError && isField(error.field)) focusFirstInvalid();
    },
  });
  const refusal = mutation.error instanceof ApiError ? mutation.error : null;
  /** The server's refusal of `field`, as the form shows it under the field. */
  const refusalOf = (field: Field) =>
    refusal && refusal.field === field
      ? `${ruleTitle(t, refusal)} — ${fieldInWords(reasonText(refusal.message), field, label(field))}`
      : null;
  /** The user changed `field`: a refusal of it no longer stands. */
  const edited = (field: Field) => {
    if (refusal?.field === field) mutation.reset();
  };
  return {
    mutation,
    formRef,
    focusFirstInvalid,
    refusalOf,
    edited,
    /** A refusal the form shows on one of its fields (else in a box under them). */
    onField: isField(refusal?.field),
  };
}
