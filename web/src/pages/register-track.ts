/**
 * A discipline's «Khối» text key: Đảng, or on the state track whom the case ran, «Cán bộ» (an
 * elected official, say) or «Công chức» (before: «Công chức» for every one); one that does not say
 * is a công chức's. The register's rows and the report's discipline table read it.
 */
export const trackKey = (row: { track: string; serviceStatus?: string | null }): string =>
  row.track === 'civil_service' && row.serviceStatus === 'cadre'
    ? 'register.cadre'
    : `register.${row.track}`;
