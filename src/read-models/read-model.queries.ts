import { Pool } from 'pg';
import { caseList, CaseListQuery } from './case-list.query';
import { disciplineRegister, RegisterQuery } from './discipline-register.query';
import { inbox, InboxQuery } from './inbox.query';

export type { CaseListQuery, CaseSummary } from './case-list.query';
export type { RegisterQuery, RegisterRecord } from './discipline-register.query';
export type { InboxItem, InboxQuery } from './inbox.query';

/** Reads of the staff inbox, the case list and the discipline register; always within the caller's unit. */
export class ReadModelQueries {
  constructor(private readonly pool: Pool) {}

  inbox(query: InboxQuery) {
    return inbox(this.pool, query);
  }

  cases(query: CaseListQuery) {
    return caseList(this.pool, query);
  }

  disciplineRecords(query: RegisterQuery) {
    return disciplineRegister(this.pool, query);
  }
}
