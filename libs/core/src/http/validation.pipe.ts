import { ValidationError, ValidationPipe } from '@nestjs/common';
import { invalidPayload } from '../errors/atrium.exception';

function messages(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {});
    return [...own, ...messages(error.children ?? [], path)];
  });
}

/** DTO validation for static routes; failures become 400 INVALID_PAYLOAD with the reasons. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const [first, ...rest] = messages(errors);
      return invalidPayload(
        `${first ?? 'Invalid payload.'}${rest.length > 0 ? ` (and ${rest.length} more)` : ''}`,
      );
    },
  });
}
