import { applyDecorators, HttpCode, Type } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiQuery,
  ApiResponseOptions,
} from '@nestjs/swagger';
import { ApiBodyProblems, ApiProblems } from '../openapi/api-problems.decorator';

/**
 * A write on an existing case: 200 with the case view, or a bad body, no such case, a stale
 * revision or a step out of order, or a refusal by a rule. (Applied in the order the decorators
 * stood on each route, so the OpenAPI document lists the answers as before.)
 */
export const ApiCaseWrite = (view: Type<unknown>) =>
  applyDecorators(
    ApiProblems(404, 409, 422),
    ApiBodyProblems(),
    ApiOkResponse({ type: view }),
    HttpCode(200),
  );

/** A write that opens a case: 201 with its view, or a bad body, an id taken, or a refusal by a rule. */
export const ApiCaseOpen = (created: ApiResponseOptions) =>
  applyDecorators(ApiProblems(409, 422), ApiBodyProblems(), ApiCreatedResponse(created));

/** The `If-Match` header a step route documents. */
export const ApiIfMatchHeader = () =>
  ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      'the ETag you last read (or its revision alone, "3"); 409 with the current one if it moved',
  });

/** The optional `asOf` query of a read that replays a stream up to a moment. */
export const ApiAsOfQuery = (description: string) =>
  ApiQuery({ name: 'asOf', required: false, description });
