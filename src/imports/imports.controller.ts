import {
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Post,
  Query,
  Req,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { Clock, CLOCK } from '../common/clock';
import { ApiAuthenticatedProblems, ApiProblems } from '../common/openapi/api-problems.decorator';
import { metadataFromRequest, RequestLike } from '../common/request-metadata';
import { Actor } from '../identity/actor';
import { ACCESS, Allow } from '../identity/allow.decorator';
import { CurrentActor } from '../identity/current-actor.decorator';
import { DomainRuleViolation } from '../procedures/case/decider/domain-rule-violation';
import { ImportReportDto } from './dto/import-report.dto';
import { ImportFileSizeRefusal } from './import-file-too-large';
import { ImportService } from './import.service';
import { templateWorkbook } from './template-workbook';

/** The part of multer's file the import reads (kept in memory: the size is capped). */
interface UploadedSpreadsheet {
  originalname: string;
  buffer: Buffer;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function parseDryRun(value: string | undefined): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true' || value === '') return true;
  throw new DomainRuleViolation('query.dry_run', 'dryRun: true or false', 'invalid', 'dryRun');
}

@ApiTags('imports')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('imports')
export class ImportsController {
  constructor(
    private readonly imports: ImportService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Allow(...ACCESS.registryWrite)
  @Get('template')
  @ApiOperation({
    summary:
      'The import template (xlsx): a sheet per kind of record with its Vietnamese headers, and the instructions',
  })
  @ApiProduces(XLSX)
  @Header('Content-Type', XLSX)
  @Header('Content-Disposition', 'attachment; filename="mau-nhap-du-lieu-can-bo.xlsx"')
  @ApiOkResponse({
    description: 'the xlsx template',
    content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } },
  })
  async template(): Promise<StreamableFile> {
    return new StreamableFile(await templateWorkbook());
  }

  @Allow(...ACCESS.registryWrite)
  @Post()
  @HttpCode(200)
  // The size refusal wraps the file interceptor, to word multer's 413 with the configured limit.
  @UseInterceptors(ImportFileSizeRefusal, FileInterceptor('file'))
  @ApiOperation({
    summary:
      'Import people, posts, planning-pool entries, discipline records and (records_clerk) cases under way on paper with the steps they took, from the template (xlsx, or one sheet as CSV); dryRun=true checks every row and writes nothing',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiQuery({ name: 'dryRun', required: false, type: Boolean })
  @ApiOkResponse({ type: ImportReportDto })
  @ApiProblems(400, 403, 413, 422)
  async import(
    @UploadedFile() file: UploadedSpreadsheet | undefined,
    @Query('dryRun') dryRun: string | undefined,
    @CurrentActor() actor: Actor,
    @Req() request: RequestLike,
  ) {
    const isDryRun = parseDryRun(dryRun);
    if (!file || file.buffer.length === 0)
      throw new DomainRuleViolation(
        'import.file_required',
        'file: send the spreadsheet as multipart/form-data in the field "file" (xlsx or CSV)',
        'invalid',
        'file',
      );
    return this.imports.run(
      { name: file.originalname.slice(0, 200), bytes: file.buffer },
      actor,
      metadataFromRequest(request, actor, this.clock.now()),
      isDryRun,
    );
  }
}
