import { RefObject, useEffect, useRef } from 'react';

/**
 * Focus for the notice a successful submit shows («Đã ghi nhận.», a batch opened, a review
 * recorded): moved to it whenever `success` turns to a new value, so a keyboard or screen-reader
 * user continues from the outcome (before: the submit button re-rendered and focus fell to BODY).
 * The element needs `tabIndex={-1}`. A refused submit sets no success and keeps focus where it is.
 */
export function useFocusOnSuccess<T extends HTMLElement>(success: unknown): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (success !== null && success !== undefined && success !== false && success !== '')
      ref.current?.focus();
  }, [success]);
  return ref;
}
