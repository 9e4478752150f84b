import { settleInOrder } from '../settle-in-order';
import { applyDecorators, Controller, Type } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Actor } from '../../identity/actor';
import { CaseKind } from '../../identity/case-kind';
import { OrgScope } from '../../identity/org-scope';
import { personOutsideGrant } from '../../identity/scope-refusals';
import { ApiAuthenticatedProblems, ApiProblems } from '../openapi/api-problems.decorator';
import { CommandWriter } from './command-writer';
import { ApiAsOfQuery, ApiCaseWrite, ApiIfMatchHeader } from './route-docs';

/** A case engine's controller: its OpenAPI tag, bearer auth, the answers to an unauthenticated call, its path. */
export const CaseEngineController = (tag: string, path: string, ...models: Type<unknown>[]) =>
  applyDecorators(
    ApiTags(tag),
    ApiBearerAuth(),
    ...(models.length > 0 ? [ApiExtraModels(...models)] : []),
    ApiAuthenticatedProblems(),
    Controller(path),
  );

/** `GET <cases>/:id`: the case as it stands, or as of a moment (replayed from its events). */
export const ApiCaseRead = (summary: string, asOf: string, view: Type<unknown>) =>
  applyDecorators(
    ApiOperation({ summary }),
    ApiAsOfQuery(asOf),
    ApiOkResponse({ type: view }),
    ApiProblems(400, 404),
  );

const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  required: false,
  description: 'a retry with the same key returns the first answer and writes nothing',
};

const refs = (bodies: Type<unknown>[]) => bodies.map((dto) => ({ $ref: getSchemaPath(dto) }));

/** A step route's headers and body: one of the step kinds' bodies, chosen by the step's kind. */
export const ApiStepBody = (
  bodies: Type<unknown>[],
  docs: { description?: string; examples: Record<string, unknown> },
) =>
  applyDecorators(
    ApiIfMatchHeader(),
    ApiHeader(IDEMPOTENCY_KEY),
    ApiBody({ schema: { oneOf: refs(bodies) }, ...docs } as Parameters<typeof ApiBody>[0]),
  );

/** A correction of the last performed step: the reason with the corrected body; answers as a step. */
export const ApiStepCorrection = (
  summary: string,
  reason: Type<unknown>,
  bodies: Type<unknown>[],
  view: Type<unknown>,
) =>
  applyDecorators(
    ApiOperation({ summary }),
    ApiIfMatchHeader(),
    ApiHeader(IDEMPOTENCY_KEY),
    ApiBody({ schema: { allOf: [{ $ref: getSchemaPath(reason) }, { oneOf: refs(bodies) }] } }),
    ApiCaseWrite(view),
  );

/**
 * Where an opening names its unit, person and post, and perhaps its own id: as its raw body does
 * (`idsNamed`), an id the body's DTO would refuse left out.
 */
export interface OpeningInScope {
  id?: string;
  orgUnitId?: string;
  /** Absent for a case opened for a post (the nominations will name the people). */
  personId?: string;
  positionId?: string;
}

/** The fields an opening names its ids in. */
export const OPENING_IDS = ['id', 'orgUnitId', 'personId', 'positionId'] as const;

/**
 * What every case engine's routes check before they send a command: the case, and everything an
 * opening or a ballot names, lies in the caller's grant. A case id outside it answers 403 only.
 */
export abstract class CaseRoutes {
  protected constructor(
    protected readonly writer: CommandWriter,
    protected readonly scope: OrgScope,
    private readonly kind: CaseKind,
  ) {}

  protected assertCaseInScope(actor: Actor, caseId: string): Promise<void> {
    return this.scope.assertCaseInScope(actor, caseId, 'id', this.kind);
  }

  /**
   * The unit running the case, the person and the post must all lie in the caller's grant, so the
   * grant covers both the case's unit and the person's (no case about a sibling unit's person).
   * Asked of the raw body's ids, before it is checked against its DTO (`parseBody`): a caller
   * outside the grant is told so, not which field of the body is wrong.
   */
  protected async assertOpeningInScope(actor: Actor, opening: OpeningInScope): Promise<void> {
    const { orgUnitId, personId, positionId, id } = opening;
    // Each check reads on its own: side by side, answering the first refusal in this order.
    await settleInOrder([
      async () =>
        orgUnitId !== undefined && this.scope.assertUnitInScope(actor, orgUnitId, 'orgUnitId'),
      async () => personId && this.scope.assertPersonInScope(actor, personId, 'personId'),
      async () =>
        positionId !== undefined &&
        this.scope.assertPositionInScope(actor, positionId, 'positionId'),
      // A case id taken in another unit, by a case of any procedure, answers 403, not "already
      // exists" nor `case.id_taken` naming the other unit's procedure.
      async () =>
        id &&
        (await this.scope.anyCaseUnit(id)) !== null &&
        (await this.scope.assertAnyCaseInScope(actor, id, 'id')),
    ]);
  }

  /** Candidates are people too: a ballot may not name someone outside the grant. */
  protected async assertCandidatesInScope(
    actor: Actor,
    candidates: { personId: string }[],
    field = 'candidates',
  ): Promise<void> {
    const seen = await this.scope.seesPeople(
      actor,
      candidates.map(({ personId }) => personId),
    );
    const refused = seen.indexOf(false);
    if (refused >= 0)
      throw personOutsideGrant(
        `${field}[${refused}].personId`,
        candidates[refused].personId,
        actor,
      );
  }
}
