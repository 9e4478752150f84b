import { AnchorHTMLAttributes, MouseEvent, useSyncExternalStore } from 'react';

/** A very small router over the History API: the service answers index.html for every page path. */
const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((listener) => listener()));

export function navigate(to: string, replace = false): void {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  listeners.forEach((listener) => listener());
  window.scrollTo(0, 0);
}

/**
 * The same page with another view of it kept in the address (`?asOf=…`), so reload, back and a
 * shared link bring it back; not scrolled to the top. `replace` for a view that moves continuously
 * (a slider), where one history entry per step would make back useless.
 */
export function setQuery(changes: Record<string, string | undefined>, replace = false): void {
  const url = new URL(location.href);
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  }
  if (url.href === location.href) return;
  if (replace) history.replaceState(null, '', url.href);
  else history.pushState(null, '', url.href);
  listeners.forEach((listener) => listener());
}

/**
 * A list's filter kept in the address (`?procedure=rotation`), so a reload, back and forward and a
 * shared link show the same list; empty is no filter. Each change is a step of the history.
 */
export function useQueryFilter(name: string): [string, (value: string) => void] {
  const value = useLocation().query.get(name) ?? '';
  return [value, (next: string) => setQuery({ [name]: next || undefined })];
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLocation(): { path: string; query: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, () => location.pathname + location.search);
  const url = new URL(href, location.origin);
  return { path: url.pathname, query: url.searchParams };
}

/** `/cases/:id` against `/cases/c-1` → `{ id: 'c-1' }`, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/');
  const s = path.replace(/\/$/, '').split('/');
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

export function Link({
  to,
  ...rest
}: { to: string } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={onClick} {...rest} />;
}
