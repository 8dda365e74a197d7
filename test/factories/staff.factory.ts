import { SYSTEM_ACTOR, StaffRole } from '@grants/core';
import { StaffUsersService } from '@grants/identity';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

export const TEST_PASSWORD = 'correct-horse-battery-staple';

let counter = 0;

export async function createStaff(app: NestFastifyApplication, role: StaffRole, email?: string) {
  counter += 1;
  return app
    .get(StaffUsersService)
    .create(
      {
        email: email ?? `${role}-${counter}@opcc.test`,
        displayName: `Test ${role}`,
        roles: [role],
        password: TEST_PASSWORD,
      },
      SYSTEM_ACTOR,
    );
}

/** Signs in through the API and returns the Authorization header value. */
export async function bearerFor(app: NestFastifyApplication, email: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: TEST_PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`Sign-in failed: ${res.statusCode} ${res.body}`);
  return `Bearer ${res.json().token}`;
}
