/** The signed-in user: kept in sessionStorage (gone with the tab), never in localStorage. */
export interface Session {
  token: string;
  userId: string;
  name: string;
  roles: string[];
  orgUnit: string;
  expiresAt: string;
  /** How the user signed in: the identity provider (OIDC) or the development sign-in. */
  via?: 'oidc' | 'dev';
}

const KEY = 'cadreflow.session';
let current: Session | null = read();
const listeners = new Set<() => void>();

function read(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    return Date.parse(session.expiresAt) > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function getSession(): Session | null {
  if (current && Date.parse(current.expiresAt) <= Date.now()) setSession(null);
  return current;
}

export function setSession(session: Session | null): void {
  current = session;
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
  listeners.forEach((listener) => listener());
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The roles a page's routes allow, as the server's guards say them (src/identity/allow.decorator.ts
 * `ACCESS`, on the controllers' `@Allow`): a page for none of the caller's roles says so up front.
 */
export const ROUTE_ROLES = {
  /** `/audit`: case histories, the event export, the hash check (`ACCESS.audit`). */
  audit: ['auditor', 'inspector', 'admin'],
  /** `/imports`: the registry import and its template (`ACCESS.registryWrite`). */
  registryWrite: ['organization_staff', 'admin'],
  /**
   * `/admin`: adding units and posts (`ACCESS.registryWrite`); its failed jobs and queues are the
   * admin's alone (`ACCESS.admin`), shown to them only.
   */
  adminPage: ['organization_staff', 'admin'],
  /** `/transfer-batches`: checking and opening a batch (`ACCESS.caseOpen`). */
  caseOpen: ['organization_staff'],
};

const hasAny = (s: Session, roles: string[]) => s.roles.some((r) => roles.includes(r));

/** What the UI offers by role (the server decides; this only hides what would be refused). */
export const can = {
  /** Whoever takes steps: an inspector takes a discipline case's verification and review. */
  inbox: (s: Session) =>
    s.roles.some((r) =>
      ['organization_staff', 'ballot_secretary', 'leadership', 'inspector'].includes(r),
    ),
  openDiscipline: (s: Session) =>
    s.roles.some((r) => ['inspector', 'organization_staff'].includes(r)),
  openCase: (s: Session) => hasAny(s, ROUTE_ROLES.caseOpen),
  readPerson: (s: Session) =>
    s.roles.some((r) =>
      ['organization_staff', 'leadership', 'inspector', 'auditor', 'admin'].includes(r),
    ),
  history: (s: Session) => hasAny(s, ROUTE_ROLES.audit),
  accessLog: (s: Session) => s.roles.some((r) => ['auditor', 'admin'].includes(r)),
  /**
   * A case's inclusion proof, the whole store's check against the signed checkpoint, signing one
   * now (`ACCESS.auditorOnly`; the whole store also wants a top-level grant, the server says so).
   */
  caseProof: (s: Session) => s.roles.some((r) => ['auditor', 'admin'].includes(r)),
  checkpoints: (s: Session) => s.roles.some((r) => ['auditor', 'admin'].includes(r)),
  register: (s: Session) =>
    s.roles.some((r) => ['inspector', 'auditor', 'leadership', 'admin'].includes(r)),
  admin: (s: Session) => s.roles.includes('admin'),
  adminPage: (s: Session) => hasAny(s, ROUTE_ROLES.adminPage),
  registryWrite: (s: Session) => hasAny(s, ROUTE_ROLES.registryWrite),
  /** Opening a case as of a past day: the records clerk, who must also be one who opens cases. */
  openFromPaper: (s: Session) =>
    s.roles.includes('records_clerk') && s.roles.includes('organization_staff'),
};
