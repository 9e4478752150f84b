/** Waits for a condition a subscription or a notification makes true (about 30 s at most). */
export async function waitUntil(check: () => boolean, what: string, tries = 3000): Promise<void> {
  for (let i = 0; i < tries && !check(); i += 1) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}
