import { AuditEvent } from '@grants/core';
import { GrantRound } from '@grants/funds';
import { CSF, createFund, createRound, diversionJson } from '../factories/round.factory';
import { bearerFor, createStaff } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';

describe('funds and rounds API', () => {
  let server: ServerProcess;
  let ctx: TestContext;
  let anonymous: HttpClient;
  let officer: HttpClient;
  let assessor: HttpClient;

  beforeAll(async () => {
    ctx = await createTestContext();
    server = await startServer();
    await createFund(ctx);
    const officerUser = await createStaff(ctx, 'grants-officer');
    const assessorUser = await createStaff(ctx, 'assessor');
    anonymous = new HttpClient(server.baseUrl);
    officer = anonymous.withBearer(await bearerFor(server.baseUrl, officerUser.email));
    assessor = anonymous.withBearer(await bearerFor(server.baseUrl, assessorUser.email));
  });
  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  const roundCount = () => ctx.dataSource.getRepository(GrantRound).count();

  it('lists funds and shows one by slug to anyone', async () => {
    const list = await anonymous.get('/api/v1/funds');
    expect(list.status).toBe(200);
    expect(list.json().funds.map((f: { slug: string }) => f.slug)).toContain(CSF.slug);
    const fund = await anonymous.get(`/api/v1/funds/${CSF.slug}`);
    expect(fund.json()).toMatchObject({ name: CSF.name, code: 'CSF', rounds: [] });
    expect((await anonymous.get('/api/v1/funds/no-such-fund')).json()).toMatchObject({
      statusCode: 404,
      code: 'not_found',
    });
  });

  it('lets a grants officer create a draft round with exact pence and the budget from two contributors', async () => {
    const res = await officer.post('/api/v1/rounds', diversionJson());
    expect(res.status).toBe(201);
    const round = res.json();
    expect(round).toMatchObject({
      status: 'draft',
      budgetPence: 20_403_033,
      budgetDisplay: '£204,030.33',
      maxGrantPence: 2_000_000,
      recommendThresholdPercent: 70,
      reserveThresholdPercent: 60,
    });
    const audit = await ctx.dataSource
      .getRepository(AuditEvent)
      .findBy({ subjectId: round.id, action: 'round.created' });
    expect(audit).toHaveLength(1);
    expect(audit[0].actorType).toBe('staff');
  });

  it('hides drafts from the public but shows them to staff', async () => {
    const draft = await createRound(ctx, CSF.slug, { code: 'HID', title: 'Hidden draft' });
    expect((await anonymous.get(`/api/v1/rounds/${draft.id}`)).status).toBe(404);
    expect((await assessor.get(`/api/v1/rounds/${draft.id}`)).status).toBe(200);
    expect((await anonymous.get('/api/v1/rounds?status=draft')).json()).toEqual({ rounds: [] });
    expect((await anonymous.get('/api/v1/rounds?status=opened')).json()).toMatchObject({
      statusCode: 422,
      errors: [{ field: 'status' }],
    });
    const publicList = (await anonymous.get('/api/v1/rounds')).json().rounds as { id: string }[];
    expect(publicList.map((r) => r.id)).not.toContain(draft.id);
  });

  it('schedules a round, after which ?status=scheduled lists it publicly with UK times', async () => {
    const created = (
      await officer.post(
        '/api/v1/rounds',
        diversionJson({
          code: 'SCH',
          opensAt: '2030-10-24T09:00:00+01:00',
          closesAt: '2030-11-24T17:00:00Z',
        }),
      )
    ).json();
    const scheduled = await officer.post(`/api/v1/rounds/${created.id}/schedule`);
    expect(scheduled.status).toBe(200);
    expect(scheduled.json()).toMatchObject({
      status: 'scheduled',
      opensAtUk: '24 October 2030 at 9am',
      closesAtUk: '24 November 2030 at 5pm',
    });
    const list = (await anonymous.get('/api/v1/rounds?status=scheduled')).json().rounds as {
      id: string;
    }[];
    expect(list.map((r) => r.id)).toContain(created.id);
    expect((await officer.post(`/api/v1/rounds/${created.id}/schedule`)).json()).toMatchObject({
      statusCode: 409,
      code: 'invalid_transition',
    });
  });

  it('lets an officer edit a draft and records before and after', async () => {
    const created = (await officer.post('/api/v1/rounds', diversionJson({ code: 'EDT' }))).json();
    const res = await officer.patch(`/api/v1/rounds/${created.id}`, {
      maxGrantPence: 1_500_000,
      title: 'Diversion (revised)',
    });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ maxGrantPence: 1_500_000, title: 'Diversion (revised)' });
    const [event] = await ctx.dataSource
      .getRepository(AuditEvent)
      .findBy({ subjectId: created.id, action: 'round.updated' });
    expect(event.before).toMatchObject({ maxGrantPence: 2_000_000 });
    expect(event.after).toMatchObject({ maxGrantPence: 1_500_000 });
  });

  describe('refuses bad input with the reason and writes nothing', () => {
    it.each([
      [
        'a closing time before the opening time',
        { opensAt: '2030-10-24T17:00:00+01:00', closesAt: '2030-10-01T17:00:00+01:00' },
        'closesAt',
        /closing time must be after the opening time/,
      ],
      [
        'a maximum grant above the budget',
        { maxGrantPence: 20_403_034 },
        'maxGrantPence',
        /cannot be more than the round's budget \(£204,030.33\)/,
      ],
      [
        'an unknown organisation type',
        { eligibleOrganisationTypes: ['charity', 'pirate-ship'] },
        'eligibleOrganisationTypes',
        /Unknown organisation type: pirate-ship/,
      ],
      ['a fractional amount of pence', { maxGrantPence: 2000.5 }, 'maxGrantPence', /integer/],
      ['an unknown field', { surprise: true }, 'surprise', /should not exist/],
      [
        'a time that is not a time',
        { opensAt: 'next tuesday' },
        'opensAt',
        /offset from UTC|ISO 8601/,
      ],
      [
        'a time without an offset',
        { opensAt: '2030-07-01T09:00:00' },
        'opensAt',
        /with its offset from UTC/,
      ],
      [
        'a null where a value belongs',
        { recommendThresholdPercent: null },
        'recommendThresholdPercent',
        /must not be null/,
      ],
      [
        'a reserve band above the threshold',
        { reserveThresholdPercent: 75 },
        'reserveThresholdPercent',
        /must not be above the funding threshold/,
      ],
      ['an unknown fund', { fundSlug: 'nope' }, 'fundSlug', /Fund was not found/],
    ])('%s', async (_label, change, field, message) => {
      const before = await roundCount();
      const res = await officer.post('/api/v1/rounds', diversionJson({ code: 'BAD', ...change }));
      expect(res.status).toBe(422);
      const body = res.json();
      expect(body.code).toBe('validation_failed');
      const error = body.errors.find((e: { field: string }) => e.field === field);
      expect(error?.message).toMatch(message);
      expect(await roundCount()).toBe(before);
    });

    it('refuses null in a change instead of storing it (a null opening time was 1970)', async () => {
      const created = (await officer.post('/api/v1/rounds', diversionJson({ code: 'NUL' }))).json();
      for (const change of [{ opensAt: null }, { areas: null }, { title: null }]) {
        const res = await officer.patch(`/api/v1/rounds/${created.id}`, change);
        expect(res.status).toBe(422);
      }
      expect((await officer.get(`/api/v1/rounds/${created.id}`)).json().opensAt).toBe(
        created.opensAt,
      );
    });

    it('refuses text with a NUL character with a 400, in the body or the address', async () => {
      const before = await roundCount();
      const res = await officer.post(
        '/api/v1/rounds',
        diversionJson({ code: 'ZER', title: 'Diversion\u0000' }),
      );
      expect(res.status).toBe(400);
      expect(res.json().message).toMatch(/NUL character/);
      expect((await anonymous.get('/api/v1/funds/a%00b')).status).toBe(400);
      expect((await anonymous.getPage('/funds/a%00b')).status).toBe(400);
      expect(await roundCount()).toBe(before);
    });

    it('answers 404, not 500, for a round address that only looks like an id', async () => {
      for (const id of ['0'.repeat(36), '-'.repeat(36)]) {
        expect((await anonymous.getPage(`/rounds/${id}`)).status).toBe(404);
      }
    });

    it('refuses malformed JSON with a 400, not a 500', async () => {
      const res = await fetch(`${server.baseUrl}/api/v1/rounds`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await bearerFor(server.baseUrl, (await createStaff(ctx, 'admin')).email)}`,
        },
        body: '{"title": ',
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ statusCode: 400 });
    });

    it('answers 404 for a round id that is not a uuid', async () => {
      expect((await anonymous.get('/api/v1/rounds/not-a-uuid')).status).toBe(400);
    });
  });

  describe('access', () => {
    it('needs a token to change anything', async () => {
      const res = await anonymous.post('/api/v1/rounds', diversionJson({ code: 'ANO' }));
      expect(res.status).toBe(401);
      expect(res.json().code).toBe('unauthenticated');
    });

    it('refuses staff whose role does not allow it', async () => {
      const res = await assessor.post('/api/v1/rounds', diversionJson({ code: 'ASS' }));
      expect(res.status).toBe(403);
      expect(await roundCount()).toBeGreaterThan(0);
    });

    it('refuses a made-up token', async () => {
      const res = await anonymous
        .withBearer('made-up')
        .post('/api/v1/rounds', diversionJson({ code: 'FAK' }));
      expect(res.status).toBe(401);
    });

    it('does not let the session cookie authorise the API', async () => {
      const res = await anonymous.request('POST', '/api/v1/rounds', {
        json: diversionJson({ code: 'CKE' }),
        headers: { cookie: 'grants_session=anything' },
      });
      expect(res.status).toBe(401);
    });
  });

  it('publishes OpenAPI', async () => {
    const res = await anonymous.get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(
      expect.arrayContaining(['/api/v1/rounds', '/api/v1/funds/{slug}', '/health']),
    );
  });
});
