import { Injectable } from '@nestjs/common';
import { CaseCommand } from './decider/case.commands';
import { CaseContext } from './decider/case.context';
import { DomainRuleViolation } from './decider/domain-rule-violation';
import { CaseContextFactory } from './case-context.factory';
import { CaseWriteOptions } from './case.service';
import { OpenCaseInput } from './commands/case-commands';
import { ProcedureRegistry } from './procedure-registry';

/** An opening judged by every check of `POST /cases` except the id and the slot: ready to decide. */
export interface CheckedOpening {
  procedure: string;
  pinned: ReturnType<CaseContextFactory['forOpening']>;
  context: CaseContext;
  command: Extract<CaseCommand, { type: 'OpenCase' }>;
}

/**
 * The checks of a case's opening that read but never write: the procedure and the definition it
 * names, the rule set in force, the procedure's own opening rules and other procedures' gates.
 * `POST /cases` and a transfer batch open through this one path.
 */
@Injectable()
export class CaseOpenings {
  constructor(
    private readonly contexts: CaseContextFactory,
    private readonly procedures: ProcedureRegistry,
  ) {}

  async check(input: OpenCaseInput, options: CaseWriteOptions): Promise<CheckedOpening> {
    const { module, pinned, openedOn } = this.openingFor(input);
    const context = await this.contexts.build(
      options.actor,
      pinned,
      input.orgUnitId,
      undefined,
      openedOn,
    );
    const opening = {
      personId: input.personId,
      positionId: input.positionId,
      orgUnitId: input.orgUnitId,
      definition: pinned.definition,
      context,
      ...(input.grounds ? { grounds: input.grounds } : {}),
      ...(input.approvalInPrincipleCaseId
        ? { approvalInPrincipleCaseId: input.approvalInPrincipleCaseId }
        : {}),
      ...(input.consultationCaseId ? { consultationCaseId: input.consultationCaseId } : {}),
    };
    let facts = (await module.onOpen?.(opening)) ?? undefined;
    for (const gate of this.procedures.gatesOf(module.procedure)) {
      const added = await gate.onOpen?.(opening);
      if (added && Object.keys(added).length) facts = { ...facts, ...added };
    }
    const command: CheckedOpening['command'] = {
      type: 'OpenCase',
      data: {
        caseId: input.caseId,
        procedure: module.procedure,
        personId: input.personId,
        positionId: input.positionId,
        orgUnitId: input.orgUnitId,
        summary: input.summary,
        ...(facts ? { facts } : {}),
        ...(input.fromPaper
          ? {
              recordedFromPaper: {
                paperRecordRef: input.fromPaper.paperRecordRef,
                recordedOn: this.contexts.today(),
              },
            }
          : {}),
      },
    };
    return { procedure: module.procedure, pinned, context, command };
  }

  /** The procedure module and the pinned definition an opening names; refuses a mismatch. */
  private openingFor(input: OpenCaseInput) {
    const opening = this.procedures.forOpening(input.procedure);
    if (!opening) {
      throw new DomainRuleViolation(
        'procedure.unknown',
        `procedure: "${input.procedure}" is not one of ${this.procedures.names().join(', ')}`,
        'invalid',
        'procedure',
      );
    }
    const { module, definitionIds } = opening;
    // A case kept on paper opens under the definition and rule set in force on its paper day.
    const openedOn = input.fromPaper?.openedOn ?? this.contexts.today();
    const pinned = this.contexts.forOpening(input.definition, openedOn);
    if (!definitionIds.includes(pinned.definition.id)) {
      throw new DomainRuleViolation(
        'definition.wrong_procedure',
        `definition: ${pinned.definition.id} is not a ${input.procedure} procedure (use ${definitionIds.join(' or ')})`,
        'invalid',
        'definition',
      );
    }
    if (!input.personId && !pinned.definition.fillsPost)
      throw new DomainRuleViolation(
        'field.required',
        `personId: ${pinned.definition.id}@${pinned.definition.version} opens for a person (only a definition that fills a post opens without one)`,
        'invalid',
        'personId',
      );
    return { module, pinned, openedOn };
  }
}
