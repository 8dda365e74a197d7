import { Module } from '@nestjs/common';
import { AccessGuard } from './access.guard';
import { StaffAuthService } from './staff-auth.service';
import { StaffUsersService } from './staff-users.service';

@Module({
  providers: [StaffAuthService, StaffUsersService, AccessGuard],
  exports: [StaffAuthService, StaffUsersService, AccessGuard],
})
export class IdentityModule {}
