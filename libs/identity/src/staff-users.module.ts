import { Module } from '@nestjs/common';
import { StaffUsersService } from './staff-users.service';

/**
 * Staff accounts alone, with no sessions, email or queues: what the command line needs to create
 * the first admin before Redis or a mail server is there.
 */
@Module({ providers: [StaffUsersService], exports: [StaffUsersService] })
export class StaffUsersModule {}
