export * from './staff-user.entity';
export * from './staff-session.entity';
export * from './password-hasher';
export * from './totp';
export * from './staff-auth.exceptions';
export * from './staff-auth.service';
export * from './staff-users.service';
export * from './access.guard';
export * from './current-staff.decorator';
export * from './identity.module';
export * from './applicants/applicant.entity';
export * from './applicants/applicant-session.entity';
export * from './applicants/email-sign-in-request.entity';
export * from './applicants/applicant-auth.exceptions';
export * from './applicants/applicant-auth.service';
export * from './applicants/current-applicant.decorator';
import { Applicant } from './applicants/applicant.entity';
import { ApplicantSession } from './applicants/applicant-session.entity';
import { EmailSignInRequest } from './applicants/email-sign-in-request.entity';
import { StaffSession } from './staff-session.entity';
import { StaffUser } from './staff-user.entity';
export const IDENTITY_ENTITIES = [
  StaffUser,
  StaffSession,
  Applicant,
  ApplicantSession,
  EmailSignInRequest,
];
export * from './applicants/dto/request-sign-in-code.dto';
export * from './applicants/dto/verify-sign-in-code.dto';
export * from './staff-users.module';
