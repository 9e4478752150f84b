import { applyDecorators, Body, Get, Param, Post, Query, Type } from '@nestjs/common';
import { HeadsReadOnce } from '../heads-read-once';
import { ICommand } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import { SensitiveRead } from '../../access-log/sensitive-read.decorator';
import { SensitiveReadKind } from '../../access-log/sensitive-read-kind';
import { Actor, Role } from '../../identity/actor';
import { Allow } from '../../identity/allow.decorator';
import { CorrectionReasonDto } from '../../procedures/case/dto/correct-step.dto';
import { parseCorrection } from '../../procedures/case/step-body-validation';
import { parseAsOf } from '../as-of';
import { ApiCaseRead, ApiStepBody, ApiStepCorrection, CaseRoutes } from './case-routes';
import { withEtag } from './etag';
import { ApiCaseWrite } from './route-docs';
import { Read, ReadRequest, Write, WriteRequest } from './route-request.decorator';
import { WriteOptions } from './write-options';

/** What one case engine's three shared routes say about themselves: who may call them and their documents. */
export interface CaseEngineRouteOptions {
  view: Type<unknown>;
  read: { roles: Role[]; summary: string; asOf: string; sensitive?: SensitiveReadKind };
  step: {
    roles: Role[];
    summary: string;
    bodies: Type<unknown>[];
    docs: { description?: string; examples: Record<string, unknown> };
  };
  correction: { roles: Role[]; summary: string; bodies: Type<unknown>[] };
}

/** What only each engine knows: its view, and the typed command a step or a correction becomes. */
export abstract class CaseEngine extends CaseRoutes {
  /** The case as the screens show it (null: no such case), as of `at` when given. */
  protected abstract viewOf(id: string, actor: Actor, at?: Date): Promise<unknown>;

  /** The command performing the step with this body (the body checked against the step's kind). */
  protected abstract stepCommand(
    id: string,
    stepId: string,
    body: unknown,
    write: WriteRequest,
    writeOptions: WriteOptions,
  ): Promise<ICommand>;

  /** The command correcting the step with this corrected body and reason. */
  protected abstract correctionCommand(
    id: string,
    stepId: string,
    correction: { reason: string; stepBody: Record<string, unknown> },
    write: WriteRequest,
    writeOptions: WriteOptions,
  ): Promise<ICommand>;
}

/**
 * The routes every case engine has, written once: read a case (as of a moment), perform its
 * current step, correct its last performed step. Each route checks the case lies in the caller's
 * grant, then asks the engine's controller for what only it knows: its view, and the typed
 * command a step or correction body becomes.
 */
export function CaseEngineRoutes(options: CaseEngineRouteOptions) {
  const { view, read, step, correction } = options;
  abstract class EngineRoutes extends CaseEngine {
    @Allow(...read.roles)
    @Get(':id')
    @applyDecorators(...(read.sensitive ? [SensitiveRead(read.sensitive)] : []))
    @ApiCaseRead(read.summary, read.asOf, view)
    async get(
      @Param('id') id: string,
      @Query('asOf') asOf: string | undefined,
      @Read() request: ReadRequest,
    ) {
      await this.assertCaseInScope(request.actor, id);
      const found = await this.viewOf(id, request.actor, parseAsOf(asOf)?.lastMillisecond);
      return withEtag(request.response, found);
    }

    @Allow(...step.roles)
    @Post(':id/steps/:stepId')
    @ApiOperation({ summary: step.summary })
    @ApiStepBody(step.bodies, step.docs)
    @ApiCaseWrite(view)
    async perform(
      @Param('id') id: string,
      @Param('stepId') stepId: string,
      @Body() body: unknown,
      @Write() write: WriteRequest,
    ) {
      await this.assertCaseInScope(write.actor, id);
      const writeOptions = this.writer.options(write);
      // The candidates' heads the scope check asks serve the candidate checks too.
      return HeadsReadOnce.within(async () =>
        this.writer.send(write, await this.stepCommand(id, stepId, body, write, writeOptions)),
      );
    }

    @Allow(...correction.roles)
    @Post(':id/steps/:stepId/corrections')
    @ApiStepCorrection(correction.summary, CorrectionReasonDto, correction.bodies, view)
    async correct(
      @Param('id') id: string,
      @Param('stepId') stepId: string,
      @Body() raw: unknown,
      @Write() write: WriteRequest,
    ) {
      await this.assertCaseInScope(write.actor, id);
      const parsed = parseCorrection(raw);
      const writeOptions = this.writer.options(write);
      return HeadsReadOnce.within(async () =>
        this.writer.send(
          write,
          await this.correctionCommand(id, stepId, parsed, write, writeOptions),
        ),
      );
    }
  }
  return EngineRoutes;
}
