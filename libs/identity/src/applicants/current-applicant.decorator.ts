import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { StaffRequest } from '../access.guard';
import type { ApplicantContext } from './applicant-auth.service';

/** The signed-in applicant (routes guarded by ApplicantOnly always have one). */
export const CurrentApplicant = createParamDecorator(
  (_: unknown, context: ExecutionContext): ApplicantContext | undefined =>
    context.switchToHttp().getRequest<StaffRequest>().applicant,
);
