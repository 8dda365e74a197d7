import { SYSTEM_ACTOR, StaffRole } from '@grants/core';
import { StaffUsersService } from '@grants/identity';
import type { TestContext } from '../support/test-context';

export const TEST_PASSWORD = 'correct-horse-battery-staple';

let counter = 0;

/** A staff user with one role, made through the real service. */
export async function createStaff(ctx: TestContext, role: StaffRole, email?: string) {
  counter += 1;
  return ctx.get(StaffUsersService).create(
    {
      email: email ?? `${role}-${counter}-${Date.now()}@opcc.test`,
      displayName: `Test ${role}`,
      roles: [role],
      password: TEST_PASSWORD,
    },
    SYSTEM_ACTOR,
  );
}

/** Signs in through the API and returns the bearer token. */
export async function bearerFor(
  baseUrl: string,
  email: string,
  password = TEST_PASSWORD,
): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`Sign-in failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}
