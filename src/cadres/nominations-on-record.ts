import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { loadStream } from '../common/stream-command-runner';
import { PG_POOL } from '../common/tokens';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { Actor } from '../identity/actor';
import { OrgScope } from '../identity/org-scope';
import { readerSideOfCase } from '../procedures/case/case-view';
import { caseStream } from '../procedures/case/case-stream';
import { caseDecider } from '../procedures/case/decider/case.decider';
import { pinnedByCase } from '../procedures/case/pinned-by-case';
import { openCasesNominating } from '../read-models/open-cases-nominating';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../workflow/workflow-catalog';
import { openCasesInGrant } from './open-cases-in-grant';
import { OpenCaseOnRecord } from './person/person.state';

/**
 * The open cases a person's record lists as naming them a nominee (`nominatedIn`), as `actor` may
 * read them: within the grant, and only where the case view shows this reader who still stands.
 * Who stands is what the last nomination or ballot selected; where that step's `selected` is
 * withheld from the reader (a candidate, the subject; a role the unannounced ballot does not name),
 * listing the case on the winners' pages and not on the others' would tell them who was selected.
 * Left out, the winner's page reads as the runner-up's does. The judgement is the case view's own
 * (readerSideOfCase), so the two never differ.
 */
@Injectable()
export class NominationsOnRecord {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WORKFLOW_CATALOG) private readonly catalog: WorkflowCatalog,
    private readonly scope: OrgScope,
  ) {}

  async of(personId: string, actor: Actor): Promise<OpenCaseOnRecord[]> {
    const nominated = await openCasesNominating(this.pool, personId);
    const inGrant = await openCasesInGrant(nominated, this.scope, actor);
    const shown = await Promise.all(inGrant.map((open) => this.showsNominees(open, actor)));
    return inGrant.filter((_, i) => shown[i]);
  }

  /** Whether the case's view shows this reader its nominees (not `nomineesWithheld`). */
  private async showsNominees(open: OpenCaseOnRecord, actor: Actor): Promise<boolean> {
    const stream = caseStream(open.procedure, open.caseId);
    const { state } = await loadStream(this.store, stream, caseDecider);
    if (state.status === 'none') return false;
    const { definition } = pinnedByCase(this.catalog, state);
    return readerSideOfCase(state, definition, actor).standing.nomineesWithheld === undefined;
  }
}
