import { RefObject, useCallback, useEffect, useRef, useState } from 'react';

/** The controls of fields showing an error, whichever comes first in the form. */
const FIRST_INVALID = [
  '.field.has-error input',
  '.field.has-error select',
  '.field.has-error textarea',
  '[aria-invalid="true"]',
  // A row refused as a whole (a planning review's `added[0]`): its first control.
  'fieldset.has-error input',
  'fieldset.has-error select',
].join(', ');

/**
 * Focus for a submit the form did not send or the server refused on a field: `focusFirstInvalid`,
 * called once the errors are set, moves focus to the control of the first field showing an error
 * (in a `Field` with `has-error`, or marked aria-invalid; in the order the form shows them), so a
 * keyboard or screen-reader user lands on what to correct (before: focus stayed on «Ghi nhận», or
 * fell to BODY). Only a submit calls it: errors shown while the user types never move the focus.
 */
export function useFocusOnInvalid<T extends HTMLElement>(): {
  formRef: RefObject<T | null>;
  focusFirstInvalid(): void;
} {
  const formRef = useRef<T>(null);
  // Each call is a new request: the effect runs once the errors it follows are rendered.
  const [requested, setRequested] = useState(0);
  useEffect(() => {
    if (!requested) return;
    formRef.current?.querySelector<HTMLElement>(FIRST_INVALID)?.focus();
  }, [requested]);
  const focusFirstInvalid = useCallback(() => setRequested((n) => n + 1), []);
  return { formRef, focusFirstInvalid };
}
