import type { User, UserManager } from 'oidc-client-ts';
import { Session } from './session';

/** The identity provider the service names at `GET /auth/config` (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_SCOPES). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  scopes: string;
}

/** Where the provider sends the browser back with the authorization code. */
export const CALLBACK_PATH = '/auth/callback';

let manager: Promise<UserManager> | null = null;

/**
 * oidc-client-ts, loaded only when the provider is used (it stays out of the first load). Its
 * state (PKCE verifier, nonce) and its user live in sessionStorage, never in localStorage.
 */
function userManager(settings: OidcSettings): Promise<UserManager> {
  manager ??= import('oidc-client-ts').then(
    ({ UserManager, WebStorageStateStore }) =>
      new UserManager({
        authority: settings.issuer,
        client_id: settings.clientId,
        scope: settings.scopes,
        response_type: 'code',
        redirect_uri: `${location.origin}${CALLBACK_PATH}`,
        post_logout_redirect_uri: `${location.origin}/`,
        loadUserInfo: false,
        automaticSilentRenew: false,
        stateStore: new WebStorageStateStore({ store: sessionStorage }),
        userStore: new WebStorageStateStore({ store: sessionStorage }),
      }),
  );
  return manager;
}

/** Off to the provider's sign-in page (authorization code with PKCE); back to `returnTo` after. */
export async function startOidcSignIn(settings: OidcSettings, returnTo: string): Promise<void> {
  await (await userManager(settings)).signinRedirect({ state: { returnTo } });
}

let completing: Promise<{ session: Session; returnTo: string }> | null = null;

/**
 * Back from the provider: the code is exchanged for tokens (with the PKCE verifier). The session
 * holds the access token, which the API verifies against the provider's JWKS; what the UI shows
 * (name, roles, unit) is read from the same token's claims. Once per page load.
 */
export function completeOidcSignIn(
  settings: OidcSettings,
): Promise<{ session: Session; returnTo: string }> {
  completing ??= (async () => {
    const mgr = await userManager(settings);
    const user = await mgr.signinRedirectCallback();
    // The session below is the one the app reads; the library's copy is not needed.
    await mgr.removeUser();
    const returnTo = (user.state as { returnTo?: string } | undefined)?.returnTo;
    return {
      session: sessionFromUser(user),
      returnTo: returnTo && returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/',
    };
  })();
  return completing;
}

/** The claims cadreflow reads (sub, name, roles, org_unit) from the access token's payload. */
function sessionFromUser(user: User): Session {
  const claims = jwtPayload(user.access_token);
  const roles = Array.isArray(claims.roles) ? claims.roles.map(String) : [];
  const orgUnit = typeof claims.org_unit === 'string' ? claims.org_unit : '';
  if (roles.length === 0 || !orgUnit)
    throw new Error(
      'the identity provider issued an access token without the "roles" and "org_unit" claims cadreflow needs',
    );
  const sub = typeof claims.sub === 'string' ? claims.sub : user.profile.sub;
  return {
    token: user.access_token,
    userId: sub,
    name:
      (typeof claims.name === 'string' && claims.name) ||
      (typeof user.profile.name === 'string' && user.profile.name) ||
      sub,
    roles,
    orgUnit,
    expiresAt: new Date((user.expires_at ?? Date.now() / 1000 + 300) * 1000).toISOString(),
    via: 'oidc',
  };
}

function jwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part)
    throw new Error(
      'the identity provider issued an access token that is not a JWT (set its format to JWT)',
    );
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}
