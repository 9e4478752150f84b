/** A definition family (the report's grouping) by the procedure it opens under. */
const FAMILY_PROCEDURE: Record<string, string> = {
  approval: 'approval_in_principle',
  exam: 'competitive_exam',
};

/**
 * The procedure a reader names a case by: a transfer (điều động) runs as a `rotation` case under a
 * `transfer.*` definition, and reads as a transfer, not a rotation (luân chuyển); a removal reads
 * as its kind (`removal.suspension` → `removal_suspension`: tạm đình chỉ, not "miễn nhiệm, …").
 */
export function procedureKey(procedure: string, definition?: string | null): string {
  if (procedure === 'rotation' && definition?.startsWith('transfer.')) return 'transfer';
  if (procedure === 'removal' && definition?.startsWith('removal.'))
    return `removal_${definition.split('@')[0].split('.')[1]}`;
  // An examination runs as an appointment (stream appointment-…) and reads by its definition's
  // family: "Thi tuyển chức danh lãnh đạo, quản lý", not "Bổ nhiệm".
  const family = definition?.split('.')[0];
  if (family && FAMILY_PROCEDURE[family]) return FAMILY_PROCEDURE[family];
  return FAMILY_PROCEDURE[procedure] ?? procedure;
}
