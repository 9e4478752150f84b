import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock, CLOCK } from '../common/clock';
import { generatedId } from '../common/generated-id';
import { withEtag } from '../common/http/etag';
import { idsNamed } from '../common/http/ids-named-in-body';
import { parseIfMatch } from '../common/http/if-match';
import { Write, WriteRequest } from '../common/http/route-request.decorator';
import {
  ApiAuthenticatedProblems,
  ApiBodyProblems,
  ApiProblems,
} from '../common/openapi/api-problems.decorator';
import { metadataFromRequest } from '../common/request-metadata';
import { vietnamDay } from '../common/vietnam-day';
import { ACCESS, Allow } from '../identity/allow.decorator';
import { OrgScope } from '../identity/org-scope';
import { refuseOwnRecord } from '../identity/own-record';
import { parseBody } from '../procedures/case/step-body-validation';
import { RegisterPersonDto } from './dto/register-person.dto';
import { PersonRecordDto } from './dto/registry-views.dto';
import { personViewFor } from './open-cases-in-grant';
import { personDaysAfterToday } from './person/registration-violations';
import { RegistryService } from './registry.service';

/**
 * Registering a person: opens their record (the stream cadre-<id>). Its operation id is the one
 * the route had in CadresController, so generated clients keep its name.
 */
@ApiTags('registry')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller()
export class PersonRegistrationController {
  constructor(
    private readonly registry: RegistryService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly scope: OrgScope,
  ) {}

  @Allow(...ACCESS.registryWrite)
  @Post('cadres')
  @ApiOperation({
    operationId: 'CadresController_register',
    summary: 'Register a person (opens the stream cadre-<id>)',
  })
  @ApiCreatedResponse({ type: PersonRecordDto })
  @ApiBodyProblems()
  @ApiProblems(409, 422)
  @ApiBody({ type: RegisterPersonDto })
  async register(@Body() raw: unknown, @Write() write: WriteRequest) {
    const { actor } = write;
    // The ids the body names are asked of the grant before anything else about it (`parseBody`):
    // a caller outside the grant is told so, not which field of the body is wrong.
    const { id, orgUnitId } = idsNamed(RegisterPersonDto, raw, ['id', 'orgUnitId']);
    refuseOwnRecord(actor, id);
    if (orgUnitId !== undefined) await this.scope.assertUnitInScope(actor, orgUnitId, 'orgUnitId');
    // An id taken by a person of another unit is refused as out of scope, not "already exists":
    // the answer must not tell whether someone outside the grant is registered.
    if (id && (await this.scope.personUnit(id)) !== null)
      await this.scope.assertManagesPersonRecord(actor, id, 'id');
    const dto = parseBody(RegisterPersonDto, raw);
    const today = vietnamDay(this.clock.now());
    const [afterToday] = personDaysAfterToday(dto, today);
    if (afterToday) throw afterToday;
    const personId = dto.id ?? generatedId('p', write.request.idempotencySeed);
    const { id: _ignored, ...profile } = dto;
    const written = await this.registry.runPersonCommand(
      personId,
      { type: 'RegisterPerson', data: { personId, ...profile } },
      metadataFromRequest(write.request, actor, this.clock.now()),
      // If-Match: the record's revision the writer last read (409 with the current one if moved).
      { idSeed: write.request.idempotencySeed, ifMatch: parseIfMatch(write.ifMatch) },
    );
    return withEtag(
      write.response,
      await personViewFor(this.scope, actor, personId, written, today),
    );
  }
}
