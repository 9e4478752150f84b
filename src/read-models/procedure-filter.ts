/**
 * A transfer (điều động) runs as a `rotation` case under a `transfer.*` definition: the lists
 * filter it by its definition, and `rotation` means the rotations alone.
 */
export const FILTERED_PROCEDURES_BESIDES_CASES = ['transfer'] as const;

/** The SQL condition for a list's `procedure` filter, the parameter placed as `param`. */
export function procedureFilterSql(procedure: string, param: string, alias = ''): string {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  if (procedure === 'transfer')
    return `(${column('definition')} LIKE 'transfer.%' AND ${param}::text = 'transfer')`;
  if (procedure === 'rotation')
    return `(${column('procedure')} = ${param} AND ${column('definition')} NOT LIKE 'transfer.%')`;
  return `${column('procedure')} = ${param}`;
}
