import { RefCallback, useCallback, useEffect, useRef } from 'react';

/** The first control a panel asks the user to fill or choose. */
const FIRST_FIELD = 'input:not([type="hidden"]), select, textarea';

/**
 * Focus for a button that opens a panel in its place (a reason to give, a form to correct): the
 * panel's first field takes focus once it opens, and «Hủy» (`cancelled()` before closing) gives
 * it back to the button that opened it. Without this, the button pressed was gone from the page
 * and focus fell to <body>: a keyboard or screen-reader user was left at the top of the page.
 * `opened` names the button whose panel shows (null: none), where several share one place.
 */
export function useDisclosureFocus<K extends string>(
  opened: K | null,
): {
  panelRef: RefCallback<HTMLElement>;
  openerRef(key: K): RefCallback<HTMLElement>;
  cancelled(): void;
} {
  const panel = useRef<HTMLElement | null>(null);
  const openers = useRef(new Map<K, HTMLElement>());
  const returnTo = useRef<K | null>(null);
  const last = useRef<K | null>(null);
  useEffect(() => {
    if (opened) {
      last.current = opened;
      panel.current?.querySelector<HTMLElement>(FIRST_FIELD)?.focus();
    } else if (returnTo.current) {
      openers.current.get(returnTo.current)?.focus();
      returnTo.current = null;
    }
  }, [opened]);
  const panelRef = useCallback((element: HTMLElement | null) => {
    panel.current = element;
  }, []);
  const openerRef = useCallback(
    (key: K) => (element: HTMLElement | null) => {
      if (element) openers.current.set(key, element);
      else openers.current.delete(key);
    },
    [],
  );
  const cancelled = useCallback(() => {
    returnTo.current = last.current;
  }, []);
  return { panelRef, openerRef, cancelled };
}
