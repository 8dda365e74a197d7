import {
  Actor,
  AuditService,
  DomainException,
  normaliseEmail,
  STAFF_ROLES,
  StaffRole,
} from '@grants/core';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hashPassword } from './password-hasher';
import { StaffUser } from './staff-user.entity';

export interface NewStaffUser {
  email: string;
  displayName: string;
  roles: string[];
  password: string;
}

export const MIN_PASSWORD_LENGTH = 12;

@Injectable()
export class StaffUsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(input: NewStaffUser, actor: Actor): Promise<StaffUser> {
    const email = normaliseEmail(input.email);
    if (!/^[^\s@]+@[^\s@]+$/.test(email))
      throw new DomainException(
        'invalid_email',
        'Enter an email address like name@example.org',
        422,
        'email',
      );
    const unknown = input.roles.filter((r) => !STAFF_ROLES.includes(r as StaffRole));
    if (input.roles.length === 0 || unknown.length > 0) {
      throw new DomainException(
        'invalid_role',
        `Choose roles from: ${STAFF_ROLES.join(', ')}`,
        422,
        'roles',
      );
    }
    if (input.password.length < MIN_PASSWORD_LENGTH) {
      throw new DomainException(
        'weak_password',
        `Passwords must be at least ${MIN_PASSWORD_LENGTH} characters`,
        422,
        'password',
      );
    }
    const passwordHash = await hashPassword(input.password);
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(StaffUser, { email })) {
        throw new DomainException(
          'email_taken',
          `There is already a staff user with the email ${email}`,
          409,
          'email',
        );
      }
      const user = await manager.save(
        manager.create(StaffUser, {
          email,
          displayName: input.displayName,
          roles: input.roles as StaffRole[],
          passwordHash,
        }),
      );
      await this.audit.record(manager, actor, {
        action: 'staff.created',
        subjectType: 'staff-user',
        subjectId: user.id,
        after: { email, roles: user.roles },
      });
      return user;
    });
  }
}
