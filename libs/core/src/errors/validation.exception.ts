import { DomainException } from './domain.exception';
import { FieldError } from './field-errors';

/** Input that breaks one or more field rules; nothing has been written. */
export class ValidationException extends DomainException {
  constructor(readonly errors: FieldError[]) {
    super(
      'validation_failed',
      errors[0]?.message ?? 'Check the details you entered',
      422,
      errors[0]?.field,
    );
  }
}
