import { SYSTEM_ACTOR, StaffRole } from '@grants/core';
import { StaffUser, StaffUsersService } from '@grants/identity';
import { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';

/** 24 characters from 144 random bits. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

export async function createUser(
  app: INestApplicationContext,
  input: { email: string; roles: StaffRole[]; displayName: string; password: string | null },
  print: (line: string) => void,
): Promise<void> {
  const password = input.password ?? generatePassword();
  const user = await app
    .get(StaffUsersService)
    .create({ ...input, password }, { ...SYSTEM_ACTOR, label: 'command line' });
  print(
    `Created staff user ${user.email} (${user.displayName}) with roles: ${user.roles.join(', ')}`,
  );
  if (!input.password) print(`Password (shown only now, pass it on securely): ${password}`);
}

export async function listUsers(
  app: INestApplicationContext,
  print: (line: string) => void,
): Promise<void> {
  const users = await app
    .get(DataSource)
    .getRepository(StaffUser)
    .find({ order: { email: 'ASC' } });
  if (users.length === 0) {
    print('No staff users yet: add one with npm run cli -- user:create --email ... --role admin');
    return;
  }
  const rows = users.map((u) => [
    u.email,
    u.displayName,
    u.roles.join(','),
    u.active ? 'active' : 'inactive',
    u.totpSecret ? 'yes' : 'no',
    u.createdAt.toISOString().slice(0, 10),
  ]);
  const header = ['EMAIL', 'NAME', 'ROLES', 'STATUS', '2FA', 'CREATED'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const row of [header, ...rows])
    print(
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    );
}
