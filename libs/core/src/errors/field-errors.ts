import { ValidationError } from 'class-validator';

export interface FieldError {
  field: string;
  message: string;
}

/** Flattens class-validator's tree into one message per field, in the order the fields came. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {});
    if (messages.length > 0) out.push({ field, message: messages[0] });
    if (error.children?.length) out.push(...toFieldErrors(error.children, field));
  }
  return out;
}
