import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { toFieldErrors } from './field-errors';
import { ValidationException } from './validation.exception';

/**
 * Whitelist and refuse unknown fields, so nothing unexpected reaches a service. A top-level
 * null is refused too: class-validator's @IsOptional lets null through, and "null" never means
 * "leave as it is" here (leave the field out for that).
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (
      metadata.type === 'body' &&
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value)
    ) {
      const nulls = Object.entries(value).filter(([, v]) => v === null);
      if (nulls.length > 0) {
        throw new ValidationException(
          nulls.map(([field]) => ({
            field,
            message: `${field} must not be null: give a value, or leave the field out where it is optional`,
          })),
        );
      }
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new ValidationException(toFieldErrors(errors)),
  });
}
