import { ValidationPipe } from '@nestjs/common';

/** Bodies are checked against their DTO: unknown fields are refused, messages name the field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
  });
}
