import { ReactNode, useEffect, useRef } from 'react';
import { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { KnownNames, useReasonText } from '../server-text/use-reason-text';
import { withoutRulePrefix } from '../server-text/refusal-line';
import { CaseOfOtherKind, caseOfOtherKind } from './CaseOfOtherKind';

export { refusalLine } from '../server-text/refusal-line';

export function Loading() {
  const { t } = useTranslation();
  return (
    <p role="status" aria-live="polite">
      {t('app.loading')}
    </p>
  );
}

/**
 * A refused rule's name in the reader's language: the page's own wording, else the problem's
 * `title` (the server writes it in the language the page asked for), else the rule itself.
 */
export function ruleTitle(t: TFunction, error: ApiError): string {
  const title = typeof error.body.title === 'string' ? error.body.title : error.rule;
  return t(`rules.${error.rule}`, { defaultValue: title });
}

/**
 * A refusal as the user should read it: the rule in Vietnamese (when known) and the server's
 * message in Vietnamese, naming the people, posts and steps by the page's `names`.
 *
 * `outcomeOfSubmit`: the box shows what a submit came back with, so focus moves to it whenever a
 * new error arrives and a keyboard or screen-reader user goes on from the refusal (before: the
 * submit button, disabled while the request ran, dropped focus to BODY). A box showing a query's
 * error leaves it unset: that error may arrive while the user types, and must not take the focus.
 */
export function ErrorBox({
  error,
  names,
  outcomeOfSubmit = false,
  title,
}: {
  error: unknown;
  names?: KnownNames;
  outcomeOfSubmit?: boolean;
  /** The page's own title for this refusal, the server's reason then read on a line under it. */
  title?: string;
}) {
  const { t } = useTranslation();
  const reasonText = useReasonText(names);
  const box = useRef<HTMLDivElement>(null);
  // Only a new error moves the focus: never a re-render of the one shown, nor one shown again
  // once another (a query's) that hid it is gone.
  const focused = useRef(new WeakSet<object>());
  useEffect(() => {
    if (!outcomeOfSubmit || typeof error !== 'object' || !error || focused.current.has(error))
      return;
    focused.current.add(error);
    box.current?.focus();
  }, [error]);
  if (!error) return null;
  const otherKind = caseOfOtherKind(error);
  if (otherKind) return <CaseOfOtherKind found={otherKind} />;
  const api = error instanceof ApiError ? error : null;
  if (api && title)
    return (
      <div className="error" role="alert" tabIndex={-1} ref={box}>
        <strong>{title}</strong>
        <div>{reasonText(api.message)}</div>
      </div>
    );
  const rule = api?.rule ? ruleTitle(t, api) : null;
  return (
    <div className="error" role="alert" tabIndex={-1} ref={box}>
      <strong>{rule ?? t('app.error')}</strong>
      {api
        ? ` — ${rule ? withoutRulePrefix(rule, reasonText(api.message)) : reasonText(api.message)}`
        : ` — ${(error as Error).message ?? String(error)}`}
    </div>
  );
}

export function Field({
  id,
  label,
  error,
  hint,
  required,
  children,
}: {
  id: string;
  label: string;
  /** The field's problem: a sentence, or one with a link in it (another case named). */
  error?: ReactNode;
  hint?: ReactNode;
  /** Marks the label with «*» before any submit (the control carries aria-required itself). */
  required?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      {required ? (
        // The mark stays outside the label: the control's name is the label alone.
        <div className="field-label">
          <label htmlFor={id}>{label}</label>
          <span className="required-mark" aria-hidden="true">
            *
          </span>
        </div>
      ) : (
        <label htmlFor={id}>{label}</label>
      )}
      {children}
      {hint && (
        <div className="hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <div className="field-error" id={`${id}-error`} role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

/**
 * The line above a step form saying what «*» means. Before, a required field said so only after a
 * failed submit («Bắt buộc» under it), and discipline steps' inputs carried no aria-required.
 */
export function RequiredFieldsHint() {
  const { t } = useTranslation();
  return (
    <p className="hint" data-testid="required-hint">
      {t('form.requiredMarked')}
    </p>
  );
}

/** aria-describedby for a control with a hint and/or an error. */
export function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}
