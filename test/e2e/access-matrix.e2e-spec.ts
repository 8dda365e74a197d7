import { ApplicationsService, AppraisalService } from '@grants/applications';
import { AssignmentsService, RubricService } from '@grants/assessment';
import { Award, DecisionRecordsService } from '@grants/awards';
import { TallyService, VoterVerificationService } from '@grants/ballots';
import { loadConfig, MailboxMessage, StaffRole, SYSTEM_ACTOR } from '@grants/core';
import { Applicant, staffActor, StaffUser } from '@grants/identity';
import { AwardAcceptanceService, AwardVariationsService } from '@grants/monitoring';
import { OrganisationsService } from '@grants/organisations';
import { jest } from '@jest/globals';
import {
  createApplicant,
  createCompleteDraft,
  createOpenRound,
  createOrganisation,
  lastSignInCode,
} from '../factories/application.factory';
import { organisationJson } from '../factories/applicant-api.factory';
import { castVote } from '../factories/ballot-votes.factory';
import { createDecidedRound } from '../factories/decided-round.factory';
import { endReturnPeriods } from '../factories/live-grant.factory';
import {
  createPublishedAllocation,
  PublishedAllocation,
} from '../factories/published-allocation.factory';
import { closeBallotNow, createOpenBallot } from '../factories/open-ballot.factory';
import { CSF, createFund } from '../factories/round.factory';
import { bearerFor, createStaff, TEST_PASSWORD } from '../factories/staff.factory';
import { createVoteRound } from '../factories/vote-round.factory';
import { HttpClient } from '../support/http-client';
import { RouteEntry, routeTable } from '../support/route-table';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';

/**
 * Every route of the server (read from the controllers, as the access guard reads them) asked
 * by every kind of person, against the built server on one seeded world. The expected answer is
 * generated from the route's access rule, plus the object-level checks: applicant B never
 * reaches organisation A's objects, and only the assessor assigned (with no conflict) reaches
 * an assignment. A new route fails here until its path parameters have a fixture.
 * Real processes on a busy 2-core machine: generous limits, never timed assertions.
 */
jest.setTimeout(180_000);

const PRINCIPALS = [
  'anonymous',
  'applicant-a',
  'applicant-b',
  'assessor-assigned',
  'assessor-unassigned',
  'assessor-conflicted',
  'grants-officer',
  'decision-maker',
  'finance',
  'admin',
] as const;
type Principal = (typeof PRINCIPALS)[number];
type Outcome = 'allowed' | 'denied';

const ROLE_OF: Partial<Record<Principal, StaffRole>> = {
  'assessor-assigned': 'assessor',
  'assessor-unassigned': 'assessor',
  'assessor-conflicted': 'assessor',
  'grants-officer': 'grants-officer',
  'decision-maker': 'decision-maker',
  finance: 'finance',
  admin: 'admin',
};
const ASSESSORS: Principal[] = ['assessor-assigned', 'assessor-unassigned', 'assessor-conflicted'];
const STAFF = PRINCIPALS.filter((p) => ROLE_OF[p]);

/** The seeded objects a route's path parameters name. */
interface World {
  fundSlug: string;
  /** Decided, signed off and published; org A's bid in it is a live grant. */
  decidedRoundId: string;
  recordNumber: string;
  /** Org A's awarded application (accepted: a live grant with payments and returns). */
  grantAppId: string;
  awardId: string;
  paymentId: string;
  returnId: string;
  variationId: string;
  /** Org A's submitted, eligible bid in an open round, assigned to two assessors. */
  scoringRoundId: string;
  scoringAppId: string;
  assignedAssignmentId: string;
  conflictedAssignmentId: string;
  orgAId: string;
  inviteId: string;
  /** The public-vote round: Winterton's ballot open, Bridlington South's closed and published. */
  voteRoundId: string;
  areaId: string;
  openBallotId: string;
  publishedBallotId: string;
  voteId: string;
  verificationId: string;
  emailId: string;
  mailboxMessageId: string;
  /** An allocation round with its plan published and one partner's project waiting. */
  allocation: PublishedAllocation;
}

type Expectations = Partial<Record<Principal | 'everyone', Outcome>>;

/**
 * Routes whose answer the rule alone cannot give (checks in the handler or the service), with
 * the reason. Each lists only the principals whose expectation changes ('everyone': all).
 */
const EXCEPTIONS: Record<string, { reason: string; expect: Expectations }> = {
  'GET /sign-in/code': {
    reason: 'a code page with no code asked for restarts sign-in',
    expect: { everyone: 'denied' },
  },
  'POST /sign-in/code': {
    reason: 'a code with no code asked for restarts sign-in',
    expect: { everyone: 'denied' },
  },
  'GET /staff/sign-in/code': {
    reason: 'the second factor with no password step restarts sign-in (signed-in staff go on)',
    expect: { ...Object.fromEntries(STAFF.map((p) => [p, 'allowed'])), everyone: 'denied' },
  },
  'POST /staff/sign-in/code': {
    reason: 'the second factor with no password step restarts sign-in',
    expect: { everyone: 'denied' },
  },
  'GET /sign-in/link': {
    reason: 'an emailed sign-in link without its token is refused (401)',
    expect: { everyone: 'denied' },
  },
  'POST /sign-in/link': {
    reason: 'an emailed sign-in link without its token is refused (401)',
    expect: { everyone: 'denied' },
  },
  'GET /subscriptions/confirm': {
    reason: 'a confirmation link without its token finds nothing (404)',
    expect: { everyone: 'denied' },
  },
  'POST /subscriptions/confirm': {
    reason: 'a confirmation link without its token finds nothing (404)',
    expect: { everyone: 'denied' },
  },
  'GET /subscriptions/unsubscribe': {
    reason: 'an unsubscribe link without its token finds nothing (404)',
    expect: { everyone: 'denied' },
  },
  'POST /subscriptions/unsubscribe': {
    reason: 'an unsubscribe link without its token finds nothing (404)',
    expect: { everyone: 'denied' },
  },
  'GET /api/v1/ballots/:ballotId/shortlist': {
    reason: 'only a voter token (from a verified code) opens the voting shortlist',
    expect: { everyone: 'denied' },
  },
  'POST /organisations/invitations/:inviteId/accept': {
    reason: 'only the invited address may answer an invitation',
    expect: { 'applicant-a': 'denied' },
  },
  'POST /organisations/invitations/:inviteId/decline': {
    reason: 'only the invited address may answer an invitation',
    expect: { 'applicant-a': 'denied' },
  },
  'POST /api/v1/organisations/invitations/:inviteId/accept': {
    reason: 'only the invited address may answer an invitation',
    expect: { 'applicant-a': 'denied' },
  },
  'POST /api/v1/organisations/invitations/:inviteId/decline': {
    reason: 'only the invited address may answer an invitation',
    expect: { 'applicant-a': 'denied' },
  },
};

/**
 * Valid bodies for writes whose object-level check comes after validation: with an empty body
 * everyone would stop at 422 and the check would never be reached.
 */
const BODIES: Record<string, (world: World) => Record<string, unknown>> = {
  'PUT /api/v1/organisations/:id': () => ({ ...organisationJson() }),
  'POST /api/v1/organisations/:id/invites': () => ({ email: 'another.member@example.org.uk' }),
  'POST /api/v1/applications/:id/grant/returns/:returnId': () => ({
    progress: 'Twelve Saturday sessions ran.',
    spendToDatePence: 400_000,
    peopleReached: 38,
    outcomes: 'Two young people now volunteer as coaches.',
    rag: 'green',
    ragReason: '',
    changesNeeded: '',
  }),
  'POST /api/v1/applications/:id/grant/variations': () => ({
    budgetChanges: 'Move £100 from hall hire to coaching',
    reason: 'The hall is free now.',
  }),
  'POST /staff/rounds/:roundId/assessment/assignments/assign': (world) => ({
    applicationId: world.scoringAppId,
  }),
  'POST /api/v1/assessor/assignments/:id/declaration': () => ({ conflict: false }),
  'PUT /api/v1/assessor/assignments/:id/scores': () => ({ scores: [] }),
};

/** What the route's rule says each principal gets, before the object-level exceptions. */
function expectedOutcome(entry: RouteEntry, principal: Principal): Outcome {
  const rule = entry.rule!;
  const exception = EXCEPTIONS[entry.route]?.expect;
  const override = exception?.[principal] ?? exception?.everyone;
  if (override) return override;
  if (rule.kind === 'public' || rule.kind === 'development') return 'allowed';
  if (rule.kind === 'applicant') {
    if (principal === 'applicant-a') return 'allowed';
    if (principal === 'applicant-b') return ownsObject(entry.path) ? 'denied' : 'allowed';
    return 'denied';
  }
  const role = ROLE_OF[principal];
  if (!role || (rule.roles !== 'any' && !rule.roles.includes(role))) return 'denied';
  // An assessor reaches only assignments of their own that they have not declared a conflict on.
  if (ASSESSORS.includes(principal) && isAssignmentPath(entry.path))
    return principal === 'assessor-assigned' ? 'allowed' : 'denied';
  return 'allowed';
}

/** Applicant routes naming one of org A's objects (applicant B must not reach them). */
function ownsObject(path: string): boolean {
  return /\/(organisations|applications)\/:id\b|:inviteId|:returnId/.test(path);
}

function isAssignmentPath(path: string): boolean {
  return /^\/(assessments|api\/v1\/assessor\/assignments)\/:id\b/.test(path);
}

/**
 * Each path parameter's value. `:id` means different things under different prefixes, so it is
 * resolved by the segment before it. An unknown name throws: a new route needs its fixture here.
 */
function paramValue(
  world: World,
  entry: RouteEntry,
  name: string,
  before: string,
  principal: Principal,
): string {
  const voteRoute = /\/vote\b|\/areas\/|\/shortlists|\/turnout/.test(entry.path);
  const resultsRoute = /\/results|votes\.csv|\/count|\/publish$|\/result\b|\/review$/.test(
    entry.path,
  );
  const assignment =
    principal === 'assessor-conflicted' ? world.conflictedAssignmentId : world.assignedAssignmentId;
  switch (name) {
    case 'slug':
      return world.fundSlug;
    case 'number':
      return world.recordNumber;
    case 'roundId':
      if (voteRoute) return world.voteRoundId;
      if (/allocation/.test(entry.path)) return world.allocation.roundId;
      return /assessment|rubric|assignments|scores/.test(entry.path)
        ? world.scoringRoundId
        : world.decidedRoundId;
    case 'applicationId':
      if (/allocation/.test(entry.path)) return world.allocation.projectId;
      return /\/assessment\//.test(entry.path) ? world.scoringAppId : world.grantAppId;
    case 'planId':
      return world.allocation.planId;
    case 'assignmentId':
      return assignment;
    case 'areaId':
      return world.areaId;
    case 'ballotId':
      return resultsRoute ? world.publishedBallotId : world.openBallotId;
    case 'verificationId':
      return world.verificationId;
    case 'voteId':
      return world.voteId;
    case 'awardId':
      return world.awardId;
    case 'paymentId':
      return world.paymentId;
    case 'returnId':
      return world.returnId;
    case 'variationId':
      return world.variationId;
    case 'inviteId':
      return world.inviteId;
    case 'emailId':
      return world.emailId;
    case 'section':
      return 'project';
    case 'id':
      switch (before) {
        case 'rounds':
          return world.decidedRoundId;
        case 'applications':
          return world.grantAppId;
        case 'organisations':
          return world.orgAId;
        case 'assessments':
        case 'assignments':
          return assignment;
        case 'mail':
          return world.mailboxMessageId;
      }
  }
  throw new Error(`no fixture for :${name} after /${before}/ in ${entry.route}`);
}

function fillPath(world: World, entry: RouteEntry, principal: Principal): string {
  const segments = entry.path.split('/');
  return segments
    .map((segment, i) => {
      const param = /^:(\w+)(.*)$/.exec(segment);
      if (!param) return segment;
      return paramValue(world, entry, param[1], segments[i - 1], principal) + param[2];
    })
    .join('/');
}

/** Denied: 401/403, 404 (an object hidden from this person), or a page sending them to sign in. */
function classify(res: { status: number; headers: Headers }): Outcome | 'error' {
  if (res.status >= 500) return 'error';
  if ([401, 403, 404].includes(res.status)) return 'denied';
  const location = res.headers.get('location') ?? '';
  if (res.status >= 300 && res.status < 400 && /^\/(staff\/)?sign-in(\?next=|$)/.test(location))
    return 'denied';
  return 'allowed';
}

/** Signing out ends the session the later checks use, so those routes go last. */
const ENDS_SESSION = /\/(sign-out|logout|applicant-logout)$/;

describe('access matrix: every route as every principal', () => {
  let server: ServerProcess;
  let ctx: TestContext;
  let baseUrl: string;
  let world: World;
  const clients = new Map<Principal, HttpClient>();
  /** Seeded users who are principals; the other staff principals are made at sign-in. */
  const staff = new Map<Principal, StaffUser>();
  const applicantEmails = new Map<Principal, string>();
  const routes = routeTable(
    loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://x@127.0.0.1/x' }),
  );

  async function seed(): Promise<World> {
    await createFund(ctx, CSF);
    const decided = await createDecidedRound(ctx, 'ACM');
    await ctx.get(DecisionRecordsService).publish(decided.round.id, SYSTEM_ACTOR);
    const applicantA = await ctx.dataSource.manager.findOneByOrFail(Applicant, {
      email: decided.applicantEmail,
    });
    const grantApp = decided.apps[0];
    await ctx.get(AwardAcceptanceService).accept(applicantA, grantApp.id, {
      name: 'Priya Shah',
      role: 'Chair of trustees',
      confirmed: true,
    });
    const award = await ctx.dataSource.manager.findOneByOrFail(Award, {
      applicationId: grantApp.id,
    });
    await endReturnPeriods(ctx, award.id);
    const variation = await ctx.get(AwardVariationsService).request(applicantA, grantApp.id, {
      newAmountPence: null,
      newEndOn: null,
      budgetChanges: 'Move £500 from venue hire to coaching',
      reason: 'The council gave us the hall for free.',
    });
    const one = async (sql: string, params: unknown[]) =>
      ((await ctx.dataSource.query(sql, params)) as { id: string }[])[0].id;

    const scoring = await createOpenRound(ctx, CSF.slug, { code: 'ACS', title: 'Open scoring' });
    const draft = await createCompleteDraft(ctx, applicantA, grantApp.organisationId, scoring);
    await ctx.get(ApplicationsService).submit(applicantA, draft.id);
    await ctx
      .get(AppraisalService)
      .appraise(
        draft.id,
        { confirmed: scoring.appraisalChecklist, outcome: 'eligible' },
        SYSTEM_ACTOR,
      );
    await ctx.get(RubricService).ensure(scoring.id, SYSTEM_ACTOR);
    const assigned = await createStaff(ctx, 'assessor');
    const conflicted = await createStaff(ctx, 'assessor');
    staff.set('assessor-assigned', assigned);
    staff.set('assessor-conflicted', conflicted);
    staff.set('assessor-unassigned', await createStaff(ctx, 'assessor'));
    const assignments = await ctx
      .get(AssignmentsService)
      .assign(draft.id, [assigned.id, conflicted.id], SYSTEM_ACTOR);
    const conflictedAssignment = assignments.find((a) => a.assessorId === conflicted.id)!;
    await ctx
      .get(AssignmentsService)
      .declare(
        conflictedAssignment.id,
        conflicted,
        { conflict: true, note: 'My sister chairs this charity.' },
        staffActor(conflicted),
      );

    const orgA = grantApp.organisationId;
    await ctx.get(OrganisationsService).invite(applicantA, orgA, 'new.member@example.org.uk');
    const applicantB = await createApplicant(ctx);
    await createOrganisation(ctx, applicantB, { name: 'Bridlington South Residents' });
    applicantEmails.set('applicant-a', applicantA.email);
    applicantEmails.set('applicant-b', applicantB.email);

    const vote = await createVoteRound(ctx, 3);
    const w = vote.byArea['Winterton'];
    const b = vote.byArea['Bridlington South'];
    const open = await createOpenBallot(ctx, vote.round, 'Winterton', w, 'DN15 9');
    const published = await createOpenBallot(ctx, vote.round, 'Bridlington South', b, 'YO15');
    await castVote(
      ctx,
      published.id,
      { email: 'resident@example.org', postcode: 'YO15 2AB' },
      b[0].id,
    );
    await closeBallotNow(ctx, published.id);
    await ctx.get(TallyService).publish(published.id, null, SYSTEM_ACTOR);
    const { verificationId } = await ctx
      .get(VoterVerificationService)
      .requestCode(open.id, 'voter@example.org', 'DN15 9AA');

    return {
      fundSlug: CSF.slug,
      decidedRoundId: decided.round.id,
      recordNumber: decided.number,
      grantAppId: grantApp.id,
      awardId: award.id,
      paymentId: await one(`SELECT id FROM grant_payments WHERE award_id = $1 LIMIT 1`, [award.id]),
      returnId: await one(
        `SELECT id FROM monitoring_returns WHERE award_id = $1 ORDER BY sequence LIMIT 1`,
        [award.id],
      ),
      variationId: variation.id,
      scoringRoundId: scoring.id,
      scoringAppId: draft.id,
      assignedAssignmentId: assignments.find((a) => a.assessorId === assigned.id)!.id,
      conflictedAssignmentId: conflictedAssignment.id,
      orgAId: orgA,
      inviteId: await one(`SELECT id FROM organisation_invites WHERE organisation_id = $1`, [orgA]),
      voteRoundId: vote.round.id,
      areaId: open.areaId,
      openBallotId: open.id,
      publishedBallotId: published.id,
      voteId: await one(`SELECT id FROM votes WHERE ballot_id = $1`, [published.id]),
      verificationId,
      emailId: await one(`SELECT id FROM outbound_emails ORDER BY created_at LIMIT 1`, []),
      // After the vote round, which made the Community Response Fund.
      allocation: await createPublishedAllocation(ctx, baseUrl),
      mailboxMessageId: (
        await ctx.dataSource.getRepository(MailboxMessage).save({
          toAddress: applicantA.email,
          fromAddress: 'grants@opcc.localhost',
          subject: 'Your sign-in code',
          text: 'Your code is 123456',
          html: '<p>Your code is 123456</p>',
          messageId: '<access-matrix@opcc.localhost>',
        })
      ).id,
    };
  }

  /** One client per principal holding both its API bearer token and its page cookies. */
  async function signIn(principal: Principal): Promise<HttpClient> {
    const role = ROLE_OF[principal];
    if (role) {
      const user = staff.get(principal) ?? (await createStaff(ctx, role));
      const client = new HttpClient(baseUrl, await bearerFor(baseUrl, user.email));
      await client.getPage('/staff/sign-in');
      const res = await client.postForm('/staff/sign-in', {
        email: user.email,
        password: TEST_PASSWORD,
      });
      if (res.status !== 303) throw new Error(`staff sign-in: ${res.status}`);
      return client;
    }
    const email = applicantEmails.get(principal);
    if (!email) {
      const anonymous = new HttpClient(baseUrl);
      await anonymous.getPage('/sign-in');
      return anonymous;
    }
    const api = new HttpClient(baseUrl);
    const asked = await api.post('/api/v1/auth/email-code', { email });
    const verified = await api.post('/api/v1/auth/email-code/verify', {
      requestId: asked.json().requestId,
      code: await lastSignInCode(ctx.dataSource, email),
    });
    const client = new HttpClient(baseUrl, verified.json().token);
    await client.getPage('/sign-in');
    const sent = await client.postForm('/sign-in', { email });
    await client.getPage(sent.headers.get('location')!);
    const code = await lastSignInCode(ctx.dataSource, email);
    const res = await client.postForm('/sign-in/code', { code });
    if (res.status !== 303) throw new Error(`applicant sign-in: ${res.status}`);
    return client;
  }

  /** The request as the route's own kind of client sends it: JSON to the API, a form to pages. */
  function send(client: HttpClient, entry: RouteEntry, path: string) {
    if (entry.method === 'GET')
      return path.startsWith('/api/') ? client.get(path) : client.getPage(path);
    if (path.startsWith('/api/'))
      return client.request(entry.method, path, {
        json: entry.method === 'DELETE' ? undefined : (BODIES[entry.route]?.(world) ?? {}),
      });
    const fields = Object.entries(BODIES[entry.route]?.(world) ?? {});
    return client.request(entry.method, path, {
      form: {
        ...Object.fromEntries(fields.map(([k, v]) => [k, String(v)])),
        _csrf: client.csrfToken,
      },
    });
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    server = await startServer({
      env: {
        RATE_LIMIT_PER_MINUTE: '100000',
        SIGN_IN_ATTEMPTS_PER_MINUTE: '1000',
        EMAIL_SENDS_PER_HOUR: '1000',
        VOTES_PER_MINUTE_PER_IP: '1000',
      },
    });
    baseUrl = server.baseUrl;
    world = await seed();
    for (const principal of PRINCIPALS) clients.set(principal, await signIn(principal));
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it('answers every route for every principal as the route table says', async () => {
    const problems: string[] = [];
    const unruled = routes.filter((r) => !r.rule).map((r) => `${r.route}: no access rule`);
    problems.push(...unruled);
    const checked = routes.filter((r) => r.rule);
    const check = async (entry: RouteEntry, principal: Principal) => {
      let path: string;
      try {
        path = fillPath(world, entry, principal);
      } catch (err) {
        problems.push((err as Error).message);
        return;
      }
      const res = await send(clients.get(principal)!, entry, path);
      const got = classify(res);
      const expected = expectedOutcome(entry, principal);
      if (got !== expected)
        problems.push(
          `${entry.route} as ${principal}: expected ${expected}, got ${got} (${res.status}${
            res.headers.get('location') ? ` -> ${res.headers.get('location')}` : ''
          }) ${path}`,
        );
    };
    // Reads change nothing: a few routes at a time, every principal at once.
    const reads = checked.filter((r) => r.method === 'GET');
    for (let i = 0; i < reads.length; i += 4)
      await Promise.all(
        reads.slice(i, i + 4).flatMap((entry) => PRINCIPALS.map((p) => check(entry, p))),
      );
    // Writes go with an empty body (or BODIES), so an allowed one mostly stops at validation;
    // those expected to be refused go first, so a write that does change something comes after
    // the refusals were checked. Sign-outs end the sessions everything else uses: last.
    const writes = checked.filter((r) => r.method !== 'GET');
    const ordered = [
      ...writes.filter((r) => !ENDS_SESSION.test(r.path)),
      ...writes.filter((r) => ENDS_SESSION.test(r.path)),
    ];
    for (const entry of ordered) {
      const refused = PRINCIPALS.filter((p) => expectedOutcome(entry, p) === 'denied');
      await Promise.all(refused.map((p) => check(entry, p)));
      for (const principal of PRINCIPALS.filter((p) => !refused.includes(p)))
        await check(entry, principal);
    }
    expect([...new Set(problems)]).toEqual([]);
    expect(checked.length).toBeGreaterThan(200);
  });
});
