/**
 * The «Đang bị hạn chế bổ nhiệm» cell's text key: «Còn» while the bar runs, «Đã hết» once it
 * ran out, «Không» for an annulled decision, which bars nothing from its annulment (as the CSV
 * says; before, the screen said «Đã hết» as if a bar had run and ended).
 */
export function barredKey(row: {
  barred: boolean;
  status: string;
}): 'register.yes' | 'register.no' | 'register.neverBarred' {
  if (row.barred) return 'register.yes';
  return row.status === 'annulled' ? 'register.neverBarred' : 'register.no';
}
