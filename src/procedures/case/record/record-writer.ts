import { Inject, Injectable } from '@nestjs/common';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../../../workflow/workflow-catalog';
import { CommandBus } from '@nestjs/cqrs';
import { PersonState } from '../../../cadres/person/person.state';
import { RegistryService } from '../../../cadres/registry.service';
import { deterministicId } from '../../../common/deterministic-id';
import { WorkflowDispatch } from '../../../sagas/workflow-command';
import { DomainRuleViolation } from '../decider/domain-rule-violation';
import { CaseService } from '../case.service';
import { ActOnCase } from '../commands/case-commands';
import { OpenCaseSeen, RecordWrite } from './record-writes';
import { CaseState } from '../decider/case.state';

/**
 * Carries out a workflow's writes in order, under the saga's metadata. Each write's id derives
 * from the triggering event's seed and the write's key, so a redelivery after a crash skips the
 * writes already appended. No business rule lives here: the workflows decide what to write.
 */
@Injectable()
export class RecordWriter {
  constructor(
    private readonly registry: RegistryService,
    private readonly cases: CaseService,
    private readonly commands: CommandBus,
    @Inject(WORKFLOW_CATALOG) private readonly catalog: WorkflowCatalog,
  ) {}

  async run(
    writes: RecordWrite[],
    context: Pick<WorkflowDispatch, 'idSeed' | 'metadata'>,
  ): Promise<void> {
    for (let index = 0; index < writes.length;) {
      const write = writes[index];
      if (write.to === 'person') {
        // The writes onto this person's record that follow one another: one write where it can be.
        const run = personWritesFrom(writes, index, write.personId);
        await this.registry.runPersonCommands(
          write.personId,
          run.map(({ command, key }) => ({
            command,
            idSeed: key === null ? context.idSeed : deterministicId(context.idSeed, key),
          })),
          { ...context.metadata },
        );
        index += run.length;
        continue;
      }
      const actor = {
        userId: context.metadata.actorId,
        roles: ['organization_staff'],
        orgUnit: write.orgUnitId,
      };
      await ignoreClosed(() =>
        this.commands.execute(
          new ActOnCase(write.caseId, write.command, {
            actor,
            metadata: { ...context.metadata },
            idSeed: deterministicId(context.idSeed, write.key, write.caseId),
          }),
        ),
      );
      index += 1;
    }
  }

  /**
   * The person's open cases other than discipline, as they stand now (a workflow's input).
   * `alreadyRead`: a case the caller has just read whole (the deciding case itself, usually still
   * open on the record), taken as it is instead of reading its stream a second time.
   */
  async openCasesOf(person: PersonState, alreadyRead?: CaseState): Promise<OpenCaseSeen[]> {
    if (person.status !== 'registered') return [];
    const seen: OpenCaseSeen[] = [];
    for (const open of person.openCases.filter((c) => c.procedure !== 'discipline')) {
      const view =
        alreadyRead?.status !== 'none' && alreadyRead?.caseId === open.caseId
          ? alreadyRead
          : await this.cases.stateOf(open.caseId);
      if (view.status === 'none') continue;
      const definition = this.catalog.definition(`${view.definitionId}@${view.definitionVersion}`);
      seen.push({
        caseId: open.caseId,
        procedure: open.procedure,
        status: view.status,
        orgUnitId: view.orgUnitId,
        positionId: view.positionId,
        withdrawnWhenPostEnds: definition?.withdrawnWhenPostEnds === true,
      });
    }
    return seen;
  }
}

type PersonWrite = Extract<RecordWrite, { to: 'person' }>;

/** The writes from `start` on that go onto `personId`'s record, one after another. */
function personWritesFrom(writes: RecordWrite[], start: number, personId: string): PersonWrite[] {
  const run: PersonWrite[] = [];
  for (let index = start; index < writes.length; index += 1) {
    const write = writes[index];
    if (write.to !== 'person' || write.personId !== personId) break;
    run.push(write);
  }
  return run;
}

/** The case may have closed since it was read; then there is nothing to carry into it. */
async function ignoreClosed(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (error instanceof DomainRuleViolation && error.rule === 'case.closed') return;
    throw error;
  }
}
