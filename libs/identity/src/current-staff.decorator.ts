import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ALLOW_DURING_MFA_SETUP, StaffRequest } from './access.guard';
import { StaffContext } from './staff-auth.service';

/** The signed-in staff member (routes guarded by StaffOnly always have one). */
export const CurrentStaff = createParamDecorator(
  (_: unknown, context: ExecutionContext): StaffContext | undefined => {
    return context.switchToHttp().getRequest<StaffRequest>().staff;
  },
);

export const AllowDuringMfaSetup = () => SetMetadata(ALLOW_DURING_MFA_SETUP, true);
