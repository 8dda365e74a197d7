import { jest } from '@jest/globals';
import {
  ClosedVote,
  createClosedVote,
  publishBridlington,
  publishWinterton,
  VOTE_SIGN_OFF,
} from '../factories/closed-vote.factory';
import { bearerFor, createStaff } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';

/** Real processes on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(90_000);

const NO_SUCH_ROUND = '6f1c2b8e-1d2c-4c1e-9d3a-5b7e8f9a0b1c';

/** The decision maker signing off a public vote's winners through the JSON API. */
describe('the public-vote sign-off in the API', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let vote: ClosedVote;

  beforeAll(async () => {
    ctx = await createTestContext();
    vote = await createClosedVote(ctx);
    server = await startServer();
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it('is for the decision maker, once every result is published', async () => {
    const as = async (role: Parameters<typeof createStaff>[1]) =>
      new HttpClient(server.baseUrl).withBearer(
        await bearerFor(server.baseUrl, (await createStaff(ctx, role)).email),
      );
    const officer = await as('grants-officer');
    const decider = await as('decision-maker');
    const signOff = (roundId = vote.round.id) =>
      `/api/v1/staff/rounds/${roundId}/vote/decision/sign-off`;

    expect((await officer.post(signOff(), VOTE_SIGN_OFF)).status).toBe(403);
    expect((await new HttpClient(server.baseUrl).post(signOff(), VOTE_SIGN_OFF)).status).toBe(401);
    expect((await decider.post(signOff(NO_SUCH_ROUND), VOTE_SIGN_OFF)).status).toBe(404);
    expect((await decider.post(signOff('not-a-round'), VOTE_SIGN_OFF)).status).toBe(404);

    const blank = await decider.post(signOff(), { ...VOTE_SIGN_OFF, declarations: '' });
    expect(blank.status).toBe(422);
    expect(blank.json().errors).toEqual([expect.objectContaining({ field: 'declarations' })]);
    const early = await decider.post(signOff(), VOTE_SIGN_OFF);
    expect(early.status).toBe(422);
    expect(early.json().errors).toEqual([
      expect.objectContaining({
        field: 'ballots',
        message: expect.stringContaining('not yet: Winterton, Bridlington South'),
      }),
    ]);

    await publishWinterton(ctx, vote);
    await publishBridlington(ctx, vote);
    const done = await decider.post(signOff(), VOTE_SIGN_OFF);
    expect(done.status).toBe(200);
    expect(done.json()).toMatchObject({
      number: expect.stringMatching(/^DR-\d{4}-\d{3}$/),
      roundId: vote.round.id,
      title: VOTE_SIGN_OFF.title,
      totalAwardedPence: 1_800_000,
      awardsCount: 2,
      declinedCount: 4,
      publishedAt: null,
    });
    expect(done.json().awards.map((a: { amountPence: number }) => a.amountPence)).toEqual([
      900_000, 900_000,
    ]);

    const twice = await decider.post(signOff(), VOTE_SIGN_OFF);
    expect(twice.status).toBe(409);
    expect(twice.json().code).toBe('decision_signed_off');
    // The record publishes as any other.
    const published = await officer.post(`/api/v1/staff/rounds/${vote.round.id}/decision/publish`);
    expect(published.status).toBe(200);
    expect(published.json().publishedAt).toEqual(expect.any(String));
  });
});
