// A real OpenID Connect provider (panva's oidc-provider, ESM only, hence its own process) for the
// browser tests: a public client with authorization code + PKCE, its login and consent pages,
// and access tokens as RS256 JWTs for the cadreflow API carrying the claims the API reads.
//
// Input: one JSON argument { clientId, redirectUri, postLogoutRedirectUri, audience, scope, users }
// where users maps a login to its password and claims (name, roles, org_unit, person_id).
// Output: one JSON line on stdout { issuer, jwksUri } once it listens on a free loopback port.
import { createServer } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import Provider, { errors } from 'oidc-provider';

const input = JSON.parse(process.argv[2]);
const { users } = input;

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = {
  ...privateKey.export({ format: 'jwk' }),
  kid: 'test-rs256',
  use: 'sig',
  alg: 'RS256',
};

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

/** The claims of a user the API needs, in its access token (the API reads them there). */
const apiClaims = (login) => {
  const { name, roles, org_unit, person_id } = users[login];
  return { name, roles, org_unit, ...(person_id ? { person_id } : {}) };
};

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: input.clientId,
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: [input.redirectUri],
      post_logout_redirect_uris: [input.postLogoutRedirectUri],
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: ['cadreflow-browser-test-cookie-key'] },
  claims: { openid: ['sub'], profile: ['name'] },
  // PKCE with S256 is required of every public client (the default, said here to be read).
  pkce: { required: () => true },
  async findAccount(_ctx, id) {
    if (!users[id]) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, name: users[id].name }) };
  },
  features: {
    // The provider's own login and consent pages (its development interactions), with the password
    // checked below: the browser signs in through them.
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => input.audience,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, resource) => {
        if (resource !== input.audience) throw new errors.InvalidTarget();
        return {
          scope: input.scope,
          audience: input.audience,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 3600,
          jwt: { sign: { alg: 'RS256' } },
        };
      },
    },
  },
  extraTokenClaims: (_ctx, token) =>
    token.kind === 'AccessToken' && users[token.accountId] ? apiClaims(token.accountId) : undefined,
  ttl: { AccessToken: 3600, IdToken: 3600, Session: 3600, Interaction: 600, Grant: 3600 },
});
provider.proxy = false;

// The development login page accepts any password: here a wrong one is refused.
provider.use(async (ctx, next) => {
  if (ctx.method === 'POST' && /^\/interaction\/[^/]+$/.test(ctx.path)) {
    const chunks = [];
    for await (const chunk of ctx.req) chunks.push(chunk);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    if (form.get('prompt') === 'login') {
      const user = users[form.get('login') ?? ''];
      if (!user || user.password !== form.get('password')) {
        ctx.status = 401;
        ctx.type = 'html';
        ctx.body = '<!doctype html><title>Sign-in failed</title><p>wrong login or password</p>';
        return;
      }
    }
    // The body is read: the provider takes it from req.body (its fallback for a parsed body).
    ctx.req.body = Object.fromEntries(form);
  }
  await next();
});

server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer, jwksUri: `${issuer}/jwks` })}\n`);
