import { Module } from '@nestjs/common';
import { AccessGuard } from './access.guard';
import { ApplicantAuthService } from './applicants/applicant-auth.service';
import { StaffAuthService } from './staff-auth.service';
import { StaffUsersService } from './staff-users.service';

@Module({
  providers: [StaffAuthService, StaffUsersService, ApplicantAuthService, AccessGuard],
  exports: [StaffAuthService, StaffUsersService, ApplicantAuthService, AccessGuard],
})
export class IdentityModule {}
