import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { createInterface } from 'node:readline';

export interface OidcTestUser {
  password: string;
  name: string;
  roles: string[];
  org_unit: string;
  person_id?: string;
}

export interface OidcProviderHandle {
  issuer: string;
  jwksUri: string;
  close(): Promise<void>;
}

/**
 * Starts panva's oidc-provider (support/oidc-provider.mjs: ESM only, so in its own Node process)
 * on a free loopback port, with one public PKCE client and these users.
 */
export async function startOidcProvider(options: {
  clientId: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
  audience: string;
  scope: string;
  users: Record<string, OidcTestUser>;
}): Promise<OidcProviderHandle> {
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(__dirname, 'oidc-provider.mjs'), JSON.stringify(options)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) =>
      reject(new Error(`the OIDC provider exited (${code}) before listening: ${stderr}`)),
    );
  });
  const { issuer, jwksUri } = JSON.parse(first) as { issuer: string; jwksUri: string };
  return {
    issuer,
    jwksUri,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
