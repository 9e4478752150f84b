import { UnsupportedMediaTypeException } from '@nestjs/common';

interface BodyRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * A body the API would not read: JSON sent as `text/plain` (or a form) was left unparsed, and the
 * request was refused for the first required field it "lacked" ("procedure is required"). Such a
 * body is refused for what it is, 415 naming the type to send. An import's upload is multipart.
 */
export function refuseBodyNotJson(
  request: BodyRequest,
  _response: unknown,
  next: (error?: unknown) => void,
): void {
  const length = Number(request.headers['content-length'] ?? 0);
  const hasBody = length > 0 || request.headers['transfer-encoding'] !== undefined;
  const type = String(request.headers['content-type'] ?? '').toLowerCase();
  if (
    !hasBody ||
    !['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method) ||
    /^application\/([\w.+-]*\+)?json\b/.test(type) ||
    type.startsWith('multipart/form-data')
  )
    return next();
  next(
    new UnsupportedMediaTypeException({
      rule: 'body.unsupported_media_type',
      field: 'body',
      message: `Content-Type: ${type || 'none'} is not read here; send the body as application/json (an import's file as multipart/form-data)`,
    }),
  );
}
