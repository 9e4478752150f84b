/**
 * The procedure a reader names a case by: a transfer (điều động) runs as a `rotation` case under a
 * `transfer.*` definition, and reads as a transfer, not a rotation (luân chuyển).
 */
export function procedureKey(procedure: string, definition?: string | null): string {
  return procedure === 'rotation' && definition?.startsWith('transfer.') ? 'transfer' : procedure;
}
