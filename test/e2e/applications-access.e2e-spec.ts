import { Application } from '@grants/applications';
import { AuditEvent } from '@grants/core';
import { GrantRound } from '@grants/funds';
import { Organisation, OrganisationInvite } from '@grants/organisations';
import {
  ApiApplicant,
  createCompleteDraftByApi,
  createOrganisationByApi,
  newApplicantEmail,
  organisationJson,
} from '../factories/applicant-api.factory';
import { createOpenRound, lastSignInCode } from '../factories/application.factory';
import { CSF, createFund } from '../factories/round.factory';
import { bearerFor, createStaff } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';
import type { StaffRole } from '@grants/core';

interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  json?: unknown;
}

/**
 * Who may use which route of the applications API. Applicants reach only their own
 * organisations' data (another organisation's ids answer 404, as if they did not exist), staff
 * by role, and nobody without a token except the two sign-in routes.
 */
describe('access to the applications API', () => {
  let server: ServerProcess;
  let ctx: TestContext;
  let round: GrantRound;
  let owner: ApiApplicant;
  let intruder: ApiApplicant;
  let ownerOrgId: string;
  let intruderOrgId: string;
  /** An open invitation from the owner's organisation to someone else. */
  let ownerInviteId: string;
  /** Submitted, so every staff action applies to it. */
  let submittedId: string;
  /** A draft, so every applicant action applies to it. */
  let draftId: string;
  const staffTokens = new Map<StaffRole, string>();

  /** Signs in through the API, reading the code from the outbox row the server wrote. */
  const signIn = async (email = newApplicantEmail()): Promise<ApiApplicant> => {
    const anonymous = new HttpClient(server.baseUrl);
    const asked = await anonymous.post('/api/v1/auth/email-code', { email });
    const code = await lastSignInCode(ctx.dataSource, email);
    const verified = await anonymous.post('/api/v1/auth/email-code/verify', {
      requestId: asked.json().requestId,
      code,
    });
    const { token, applicant } = verified.json();
    return { email, id: applicant.id, token, client: anonymous.withBearer(token) };
  };
  const as = (token?: string) =>
    token ? new HttpClient(server.baseUrl).withBearer(token) : new HttpClient(server.baseUrl);
  const call = (client: HttpClient, route: Route) =>
    client.request(route.method, route.path, {
      json: route.method === 'GET' || route.method === 'DELETE' ? undefined : (route.json ?? {}),
    });

  const applicantRoutes = (): Route[] => [
    { method: 'POST', path: '/api/v1/auth/applicant-logout' },
    { method: 'GET', path: '/api/v1/organisations' },
    { method: 'POST', path: '/api/v1/organisations', json: organisationJson() },
    { method: 'GET', path: `/api/v1/organisations/${ownerOrgId}` },
    { method: 'PUT', path: `/api/v1/organisations/${ownerOrgId}`, json: organisationJson() },
    { method: 'GET', path: `/api/v1/organisations/${ownerOrgId}/members` },
    {
      method: 'POST',
      path: `/api/v1/organisations/${ownerOrgId}/invites`,
      json: { email: newApplicantEmail('invited') },
    },
    { method: 'DELETE', path: `/api/v1/organisations/${ownerOrgId}/invites/${ownerInviteId}` },
    { method: 'GET', path: '/api/v1/organisations/invitations' },
    { method: 'POST', path: `/api/v1/organisations/invitations/${ownerInviteId}/accept` },
    { method: 'POST', path: `/api/v1/organisations/invitations/${ownerInviteId}/decline` },
    { method: 'GET', path: '/api/v1/applications' },
    {
      method: 'POST',
      path: '/api/v1/applications',
      json: { roundId: round.id, organisationId: ownerOrgId },
    },
    { method: 'GET', path: `/api/v1/applications/${draftId}` },
    { method: 'PATCH', path: `/api/v1/applications/${draftId}`, json: { projectTitle: 'Taken' } },
    { method: 'POST', path: `/api/v1/applications/${draftId}/submit` },
    { method: 'POST', path: `/api/v1/applications/${submittedId}/withdraw` },
    { method: 'GET', path: `/api/v1/applications/${submittedId}/messages` },
  ];
  const staffReads = (): Route[] => [
    { method: 'GET', path: `/api/v1/staff/applications?roundId=${round.id}` },
    { method: 'GET', path: `/api/v1/staff/applications/${submittedId}` },
    { method: 'GET', path: `/api/v1/staff/rounds/${round.id}/applications.csv` },
  ];
  const countsRoute = (): Route => ({
    method: 'GET',
    path: `/api/v1/staff/rounds/${round.id}/application-counts`,
  });
  const staffWrites = (): Route[] => [
    {
      method: 'POST',
      path: `/api/v1/staff/applications/${submittedId}/appraisal`,
      json: { confirmed: [], outcome: 'ineligible', reason: 'Not allowed to decide' },
    },
    {
      method: 'POST',
      path: `/api/v1/staff/applications/${submittedId}/reopen`,
      json: { reason: 'Not allowed to reopen' },
    },
  ];
  const staffRoutes = () => [...staffReads(), countsRoute(), ...staffWrites()];

  /** What must not change when a refused request is tried: rows and the audit log. */
  const snapshot = async () => ({
    applications: await ctx.dataSource
      .getRepository(Application)
      .find({ where: { organisationId: ownerOrgId }, order: { id: 'ASC' } }),
    organisation: await ctx.dataSource
      .getRepository(Organisation)
      .findOneByOrFail({ id: ownerOrgId }),
    invites: await ctx.dataSource
      .getRepository(OrganisationInvite)
      .find({ where: { organisationId: ownerOrgId }, order: { id: 'ASC' } }),
    audit: await ctx.dataSource.getRepository(AuditEvent).count(),
  });

  beforeAll(async () => {
    ctx = await createTestContext();
    server = await startServer({
      env: { EMAIL_SENDS_PER_HOUR: '1000', SIGN_IN_ATTEMPTS_PER_MINUTE: '1000' },
    });
    await createFund(ctx, CSF);
    round = await createOpenRound(ctx, CSF.slug, { code: 'DIV' });
    owner = await signIn(newApplicantEmail('owner'));
    intruder = await signIn(newApplicantEmail('intruder'));
    ownerOrgId = (await createOrganisationByApi(owner)).id;
    intruderOrgId = (
      await createOrganisationByApi(intruder, {
        name: 'Winterton Youth Club',
        type: 'community-group',
        charityNumber: '',
      })
    ).id;
    submittedId = (await createCompleteDraftByApi(owner, ownerOrgId, round)).id;
    expect((await owner.client.post(`/api/v1/applications/${submittedId}/submit`)).status).toBe(
      200,
    );
    draftId = (await createCompleteDraftByApi(owner, ownerOrgId, round)).id;
    const invitedEmail = newApplicantEmail('treasurer');
    expect(
      (
        await owner.client.post(`/api/v1/organisations/${ownerOrgId}/invites`, {
          email: invitedEmail,
        })
      ).status,
    ).toBe(202);
    ownerInviteId = (
      await ctx.dataSource
        .getRepository(OrganisationInvite)
        .findOneByOrFail({ organisationId: ownerOrgId, email: invitedEmail })
    ).id;
    for (const role of [
      'admin',
      'grants-officer',
      'assessor',
      'decision-maker',
      'finance',
    ] as StaffRole[]) {
      const user = await createStaff(ctx, role);
      staffTokens.set(role, await bearerFor(server.baseUrl, user.email));
    }
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it("answers another organisation's applicant 404 on every route, and changes nothing", async () => {
    const before = await snapshot();
    const ownersRoutes = applicantRoutes().filter(
      (r) =>
        r.path.includes(ownerOrgId) ||
        r.path.includes(draftId) ||
        r.path.includes(submittedId) ||
        r.path.includes(ownerInviteId) ||
        (r.method === 'POST' && r.path === '/api/v1/applications'),
    );
    expect(ownersRoutes).toHaveLength(13);
    for (const route of ownersRoutes) {
      const res = await call(intruder.client, route);
      expect({ route, status: res.status }).toEqual({ route, status: 404 });
      expect(['application_not_found', 'organisation_not_found', 'invitation_not_found']).toContain(
        res.json().code,
      );
    }
    // Nor can they withdraw the owner's invitation through their own organisation.
    const revoke = await intruder.client.request(
      'DELETE',
      `/api/v1/organisations/${intruderOrgId}/invites/${ownerInviteId}`,
    );
    expect({ status: revoke.status, code: revoke.json().code }).toEqual({
      status: 404,
      code: 'invitation_not_found',
    });
    // An invitation sent to someone else is not theirs to see.
    expect(
      (await intruder.client.get('/api/v1/organisations/invitations')).json().invitations,
    ).toEqual([]);
    // The same answer as for an id that does not exist, so ids cannot be probed.
    const missing = await intruder.client.get(
      '/api/v1/applications/6f1c2b8e-1d2c-4c1e-9d3a-5b7e8f9a0b1c',
    );
    const theirs = await intruder.client.get(`/api/v1/applications/${draftId}`);
    expect(theirs.json()).toEqual(missing.json());
    // Their lists hold only their own.
    expect((await intruder.client.get('/api/v1/applications')).json().applications).toEqual([]);
    expect(
      (await intruder.client.get('/api/v1/organisations'))
        .json()
        .organisations.map((o: { id: string }) => o.id),
    ).toEqual([intruderOrgId]);
    // Nothing the intruder tried was written, not even an audit line.
    expect(await snapshot()).toEqual(before);
    // The owner still has it all.
    expect(
      (await owner.client.get(`/api/v1/applications/${draftId}`)).json().answers.projectTitle,
    ).toBe('Friday night football in Braunstone');
  });

  it('refuses applicant tokens on every staff route', async () => {
    for (const route of staffRoutes()) {
      const res = await call(owner.client, route);
      expect({ route, status: res.status }).toEqual({ route, status: 401 });
    }
    const row = await ctx.dataSource
      .getRepository(Application)
      .findOneByOrFail({ id: submittedId });
    expect(row.status).toBe('submitted');
  });

  it('refuses staff tokens on every applicant route, whatever the role', async () => {
    for (const [role, token] of staffTokens) {
      for (const route of applicantRoutes()) {
        const res = await call(as(token), route);
        expect({ role, route, status: res.status, code: res.json().code }).toEqual({
          role,
          route,
          status: 401,
          code: 'unauthenticated',
        });
      }
    }
  });

  it('keeps appraisal to admins and grants officers, and the queue from assessors', async () => {
    const before = await snapshot();
    const expected: Record<StaffRole, { reads: number; counts: number; writes: number }> = {
      admin: { reads: 200, counts: 200, writes: 0 },
      'grants-officer': { reads: 200, counts: 200, writes: 0 },
      'decision-maker': { reads: 200, counts: 200, writes: 403 },
      finance: { reads: 200, counts: 200, writes: 403 },
      assessor: { reads: 403, counts: 403, writes: 403 },
    };
    for (const [role, token] of staffTokens) {
      for (const route of staffReads()) {
        const res = await call(as(token), route);
        expect({ role, route, status: res.status }).toEqual({
          role,
          route,
          status: expected[role].reads,
        });
      }
      const counts = await call(as(token), countsRoute());
      expect({ role, status: counts.status }).toEqual({ role, status: expected[role].counts });
      if (expected[role].writes === 0) continue;
      for (const route of staffWrites()) {
        const res = await call(as(token), route);
        expect({ role, route, status: res.status, code: res.json().code }).toEqual({
          role,
          route,
          status: 403,
          code: 'forbidden',
        });
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses anonymous requests everywhere but the two sign-in routes', async () => {
    const before = await snapshot();
    const anonymous = as();
    for (const route of [...applicantRoutes(), ...staffRoutes()]) {
      const res = await call(anonymous, route);
      expect({ route, status: res.status }).toEqual({ route, status: 401 });
    }
    expect(await snapshot()).toEqual(before);
    // A bearer token sent as a cookie does not count for the API.
    const cookie = await anonymous.request('GET', '/api/v1/applications', {
      headers: { cookie: `grants_applicant=${owner.token}` },
    });
    expect(cookie.status).toBe(401);
    const junk = await as('ap.not-a-real-token').get('/api/v1/applications');
    expect(junk.status).toBe(401);
    // The sign-in routes are open.
    expect(
      (await anonymous.post('/api/v1/auth/email-code', { email: newApplicantEmail() })).status,
    ).toBe(202);
    expect(
      (
        await anonymous.post('/api/v1/auth/email-code/verify', {
          requestId: '6f1c2b8e-1d2c-4c1e-9d3a-5b7e8f9a0b1c',
          code: '123456',
        })
      ).json().code,
    ).toBe('sign_in_code_unknown');
  });

  it('lets a signed-out applicant token do nothing more', async () => {
    const leaving = await signIn();
    expect((await leaving.client.post('/api/v1/auth/applicant-logout')).status).toBe(204);
    for (const route of applicantRoutes()) {
      const res = await call(leaving.client, route);
      expect({ route, status: res.status }).toEqual({ route, status: 401 });
    }
  });
});
