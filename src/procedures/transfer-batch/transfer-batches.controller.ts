import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Clock, CLOCK } from '../../common/clock';
import {
  ApiAuthenticatedProblems,
  ApiBodyProblems,
  ApiProblems,
} from '../../common/openapi/api-problems.decorator';
import { metadataFromRequest, RequestLike } from '../../common/request-metadata';
import { Actor } from '../../identity/actor';
import { ACCESS, Allow } from '../../identity/allow.decorator';
import { CurrentActor } from '../../identity/current-actor.decorator';
import { OpenTransferBatchDto } from './dto/open-transfer-batch.dto';
import { TransferBatchCheckDto, TransferBatchViewDto } from './dto/transfer-batch-view.dto';
import { TransferBatchCases } from './transfer-batch-cases';
import { TransferBatchService } from './transfer-batch.service';
import { refuseBodyPastEntries, SizedRequest } from './transfer-batch-body-size';

@ApiTags('transfer-batches')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('transfer-batches')
export class TransferBatchesController {
  constructor(
    private readonly batches: TransferBatchService,
    private readonly cases: TransferBatchCases,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Allow(...ACCESS.caseOpen)
  @Post('check')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Dry run of a transfer batch: every entry judged by the rules of POST /cases and the batch’s own (the person holds the post they leave, one entry per person); writes nothing',
  })
  @ApiOkResponse({ type: TransferBatchCheckDto })
  @ApiProblems(403, 409, 413, 422)
  @ApiBodyProblems()
  @ApiBody({ type: OpenTransferBatchDto })
  async check(
    @Body() raw: unknown,
    @CurrentActor() actor: Actor,
    @Req() request: RequestLike & SizedRequest,
  ) {
    const dto = await this.batches.checkedBody(raw, actor);
    refuseBodyPastEntries(request, dto.entries.length);
    return this.batches.open(
      dto,
      actor,
      metadataFromRequest(request, actor, this.clock.now()),
      true,
    );
  }

  @Allow(...ACCESS.caseOpen)
  @Post()
  @ApiOperation({
    summary:
      'Open a transfer (điều động) case for every entry: all entries checked first and nothing opened if one is bad (422 transfer_batch.invalid_entries lists each by index, field and rule; 403 if one is outside your grant); then the cases in chunks, each chunk one transaction with the batch’s progress. The same batch again opens nothing new; a batch cut short continues',
  })
  @ApiCreatedResponse({ type: TransferBatchViewDto })
  @ApiProblems(403, 409, 413, 422)
  @ApiBodyProblems()
  @ApiBody({ type: OpenTransferBatchDto })
  async open(
    @Body() raw: unknown,
    @CurrentActor() actor: Actor,
    @Req() request: RequestLike & SizedRequest,
  ) {
    const dto = await this.batches.checkedBody(raw, actor);
    refuseBodyPastEntries(request, dto.entries.length);
    return this.cases.withCases(
      await this.batches.open(dto, actor, metadataFromRequest(request, actor, this.clock.now())),
    );
  }

  @Allow(...ACCESS.anyRole)
  @Get(':id')
  @ApiOperation({
    summary: 'A transfer batch: who opened it, when, and its progress (opened / total)',
  })
  @ApiOkResponse({ type: TransferBatchViewDto })
  @ApiProblems(403, 404)
  async progress(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.cases.withCases(await this.batches.progress(id, actor));
  }
}
