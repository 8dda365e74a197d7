import { ValidationPipe } from '@nestjs/common';
import { toFieldErrors } from './field-errors';
import { ValidationException } from './validation.exception';

/** Whitelist and refuse unknown fields, so nothing unexpected reaches a service. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new ValidationException(toFieldErrors(errors)),
  });
}
