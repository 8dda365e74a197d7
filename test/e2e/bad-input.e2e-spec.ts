import { ApplicationsService } from '@grants/applications';
import { Award, DecisionRecordsService } from '@grants/awards';
import { AwardAcceptanceService, AwardVariationsService } from '@grants/monitoring';
import { loadConfig, SYSTEM_ACTOR } from '@grants/core';
import { Applicant, ApplicantAuthService, StaffUsersService } from '@grants/identity';
import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  createOpenRound,
  lastSignInCode,
  organisationInput,
} from '../factories/application.factory';
import { createDecidedRound } from '../factories/decided-round.factory';
import { endReturnPeriods } from '../factories/live-grant.factory';
import { createOpenVote, lastVotingCode, OpenVote } from '../factories/open-ballots.factory';
import { bearerFor, TEST_PASSWORD } from '../factories/staff.factory';
import { createFund, CSF } from '../factories/round.factory';
import { Field, formProbes, jsonProbes, Probe, SCRIPT, UNICODE } from '../support/bad-input-corpus';
import { HttpClient } from '../support/http-client';
import { routeTable } from '../support/route-table';
import { ServerProcess, startServer } from '../support/server-process';
import { signedInStaff } from '../support/staff-pages';
import { createTestContext, TestContext } from '../support/test-context';
import type { DataSource } from 'typeorm';

jest.setTimeout(240_000);

type Who = 'staff' | 'applicant' | 'voter' | 'anonymous';

/** The little of the OpenAPI document read here: each operation's JSON body schema. */
interface OpenApi {
  paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } }>
  >;
  components: { schemas: Record<string, { properties?: Record<string, { type?: string }> }> };
}

/** The cookies a client holds, as a Cookie header (the jar is private to HttpClient). */
const cookieHeader = (client: HttpClient) =>
  [...(client as unknown as { cookies: Map<string, string> }).cookies]
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
const setCookie = (client: HttpClient, name: string, value: string) =>
  (client as unknown as { cookies: Map<string, string> }).cookies.set(name, value);

/** Each table's row count and a hash of its rows: any insert, update or delete changes it. */
async function dbSnapshot(dataSource: DataSource): Promise<Map<string, string>> {
  tables ??= (
    await dataSource.query(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )
  ).map((r: { table_name: string }) => r.table_name);
  const rows: { t: string; n: number; h: string }[] = await dataSource.query(
    tables!
      .map(
        (t) =>
          `SELECT '${t}' AS t, count(*)::int AS n,
                  md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${t}" x`,
      )
      .join(' UNION ALL '),
  );
  return new Map(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
}
let tables: string[] | undefined;

const changedTables = (before: Map<string, string>, after: Map<string, string>) =>
  [...after].filter(([t, v]) => before.get(t) !== v).map(([t]) => t);

/** Whether some text or JSON column of these tables holds exactly this text (or, within, holds it). */
async function storedVerbatim(
  dataSource: DataSource,
  inTables: string[],
  text: string,
  within = false,
) {
  const columns: { table_name: string; column_name: string; data_type: string }[] =
    await dataSource.query(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = ANY($1)
          AND data_type IN ('text', 'character varying', 'jsonb', 'ARRAY')`,
      [inTables],
    );
  for (const c of columns) {
    const col = `"${c.column_name}"`;
    const test = within
      ? `strpos(${col}::text, $1) > 0`
      : c.data_type === 'jsonb'
        ? `jsonb_path_exists(${col}, '$.** ? (@ == $v)', jsonb_build_object('v', $1::text))`
        : c.data_type === 'ARRAY'
          ? `$1 = ANY(${col}::text[])`
          : `${col} = $1`;
    const [row] = await dataSource.query(
      `SELECT count(*)::int AS n FROM "${c.table_name}" WHERE ${test}`,
      [text],
    );
    if (row.n > 0) return true;
  }
  return false;
}

/** Routes whose success ends a fixture's life go late, and those that end a session last. */
const order = (path: string) =>
  /logout|sign-out/.test(path) ? 2 : /withdraw|decline/.test(path) ? 1 : 0;

/**
 * Sends a probe. The server answers a body over the limit with 413 as soon as it has read the
 * Content-Length, and closes the connection: whether fetch has written the whole megabyte by
 * then is a race on a loaded machine, and losing it fails the write (EPIPE, ECONNRESET) with no
 * answer to read. That probe alone is sent again, up to three times in all.
 */
async function sendProbe(url: string, init: RequestInit, probe: Probe): Promise<Response> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fetch(url, init);
    } catch (error) {
      const code = ((error as { cause?: { code?: string } }).cause ?? {}).code;
      const cutOff = code === 'EPIPE' || code === 'ECONNRESET';
      if (probe.status !== 413 || !cutOff || attempt === 3)
        throw new Error(`${init.method} ${url} (${probe.label}): ${String(code ?? error)}`, {
          cause: error,
        });
    }
  }
}

/**
 * Every write route of the built server (from the route table) gets every category of the bad
 * input corpus, as a principal allowed to call it, with the ids of real fixtures in its path.
 * Each answer must be a 4xx (the body limit's 413 where it applies), and the database must be
 * untouched by each refused request; where a post is taken, the text it stored is what was sent.
 * All problems are collected, so one run lists them all.
 */
describe('bad input to every write route (issue 7)', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let vote: OpenVote;
  const ids: Record<string, string> = {};
  const bearer: Partial<Record<Who, string>> = {};
  const pages: Partial<Record<Who, HttpClient>> = {};

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CSF);
    const round = await createOpenRound(ctx, CSF.slug);
    vote = await createOpenVote(ctx);
    // The applicant holds a live grant (accepted, its return periods over, a variation asked
    // for) and a fresh draft in an open round, so the grant's routes reach their forms.
    const decided = await createDecidedRound(ctx, 'BAD');
    await ctx.get(DecisionRecordsService).publish(decided.round.id, SYSTEM_ACTOR);
    const email = decided.applicantEmail;
    const grantee = await ctx.dataSource.manager.findOneByOrFail(Applicant, { email });
    const grantApp = decided.apps[0];
    await ctx.get(AwardAcceptanceService).accept(grantee, grantApp.id, {
      name: 'Priya Shah',
      role: 'Chair of trustees',
      confirmed: true,
    });
    const award = await ctx.dataSource.manager.findOneByOrFail(Award, {
      applicationId: grantApp.id,
    });
    await endReturnPeriods(ctx, award.id);
    const variation = await ctx.get(AwardVariationsService).request(grantee, grantApp.id, {
      newAmountPence: null,
      newEndOn: null,
      budgetChanges: 'Move £500 from venue hire to coaching',
      reason: 'The council gave us the hall for free.',
    });
    const first = async (sql: string) =>
      ((await ctx.dataSource.query(sql, [award.id])) as { id: string }[])[0].id;
    const auth = ctx.get(ApplicantAuthService);
    const session = async (kind: 'bearer' | 'cookie') => {
      const { requestId } = await auth.requestCode(email);
      return auth.verifyCode(requestId, await lastSignInCode(ctx.dataSource, email), kind);
    };
    const applicant = await session('bearer');
    const draft = await ctx
      .get(ApplicationsService)
      .start(applicant.applicant, round.id, grantApp.organisationId);
    const staff = await ctx.get(StaffUsersService).create(
      {
        email: `every-role-${Date.now()}@opcc.test`,
        displayName: 'Every role',
        roles: ['admin', 'grants-officer', 'decision-maker', 'assessor', 'finance'],
        password: TEST_PASSWORD,
      },
      SYSTEM_ACTOR,
    );
    server = await startServer({
      env: {
        RATE_LIMIT_PER_MINUTE: '1000000',
        SIGN_IN_ATTEMPTS_PER_MINUTE: '1000000',
        EMAIL_SENDS_PER_HOUR: '1000000',
        VOTES_PER_MINUTE_PER_IP: '1000000',
      },
    });
    Object.assign(ids, {
      round: round.id,
      voteRound: vote.round.id,
      application: draft.id,
      eligible: vote.byArea['Winterton'][0].id,
      organisation: grantApp.organisationId,
      decidedRound: decided.round.id,
      decided: decided.apps[2].id,
      grantApp: grantApp.id,
      awardId: award.id,
      paymentId: await first('SELECT id FROM grant_payments WHERE award_id = $1 LIMIT 1'),
      returnId: await first(
        'SELECT id FROM monitoring_returns WHERE award_id = $1 ORDER BY sequence LIMIT 1',
      ),
      variationId: variation.id,
      ballot: vote.winterton.id,
      area: vote.round.areas.find((a) => a.name === 'Winterton')!.id,
    });
    bearer.applicant = applicant.token;
    bearer.staff = await bearerFor(server.baseUrl, staff.email);
    pages.staff = await signedInStaff(server.baseUrl, staff);
    pages.applicant = new HttpClient(server.baseUrl);
    setCookie(pages.applicant, 'grants_applicant', (await session('cookie')).token);
    await pages.applicant.getPage('/organisations/new');
    ({ voterBearer: bearer.voter, voterPages: pages.voter } = await voters());
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  /** A resident proven through the API and another through the pages, both for Winterton. */
  async function voters() {
    const api = new HttpClient(server.baseUrl);
    const base = `/api/v1/ballots/${ids.ballot}/voter-codes`;
    const asked = await api.post(base, { email: 'api-voter@example.org', postcode: 'DN15 9AB' });
    const code = await lastVotingCode(ctx.dataSource, 'api-voter@example.org');
    const verified = await api.post(`${base}/${asked.json().verificationId}/verify`, { code });
    const page = new HttpClient(server.baseUrl);
    await page.getPage(`/vote/${ids.ballot}/email`);
    await page.postForm(`/vote/${ids.ballot}/email`, {
      email: 'page-voter@example.org',
      postcode: 'DN15 9AB',
    });
    await page.getPage(`/vote/${ids.ballot}/code`);
    const checked = await page.postForm(`/vote/${ids.ballot}/code`, {
      code: await lastVotingCode(ctx.dataSource, 'page-voter@example.org'),
    });
    expect([verified.status, checked.headers.get('location')]).toEqual([
      200,
      `/vote/${ids.ballot}/choose`,
    ]);
    await page.getPage(`/vote/${ids.ballot}/choose`);
    return { voterBearer: verified.json().token as string, voterPages: page };
  }

  /** The server's log line for a 500's error id: what went wrong, for the report. */
  function serverError(body: string): string {
    const id = /"errorId":"([\w-]+)"/.exec(body)?.[1];
    const line =
      id &&
      server
        .output()
        .split('\n')
        .find((l) => l.includes(id));
    return (line ?? body).slice(0, 1500);
  }

  /** The fixture each path parameter names; anything else is an id that does not exist. */
  function fill(path: string): string {
    const voteRoute = /\/vote\b/.test(path);
    const decisionRoute = /\/(decision|recommendation)\b/.test(path) && !voteRoute;
    return path.replace(/:(\w+)/g, (_m, name: string) => {
      if (name === 'id') {
        if (/^\/(api\/v1\/)?applications\/:id\/(grant|award)/.test(path)) return ids.grantApp;
        if (/^\/(api\/v1\/)?applications/.test(path)) return ids.application;
        if (/organisations/.test(path)) return ids.organisation;
        if (/rounds/.test(path)) return ids.round;
        if (/staff\/applications/.test(path)) return ids.eligible;
        return randomUUID();
      }
      if (name === 'roundId')
        return voteRoute || /areas/.test(path)
          ? ids.voteRound
          : decisionRoute
            ? ids.decidedRound
            : ids.round;
      if (name === 'applicationId') return decisionRoute ? ids.decided : ids.eligible;
      if (name === 'ballotId') return ids.ballot;
      if (name === 'areaId') return ids.area;
      if (name === 'slug') return CSF.slug;
      return ids[name] ?? randomUUID();
    });
  }

  /** Each body field the OpenAPI document gives the route, with its type. */
  async function apiFields(): Promise<Map<string, Field[]>> {
    const doc = (await new HttpClient(server.baseUrl).get('/api/docs-json')).json() as OpenApi;
    const fields = new Map<string, Field[]>();
    for (const [path, methods] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(methods)) {
        const ref = op.requestBody?.content?.['application/json']?.schema?.$ref;
        const schema = ref ? doc.components.schemas[ref.split('/').pop()!] : undefined;
        fields.set(
          `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
          Object.entries(schema?.properties ?? {}).map(([name, p]) => ({ name, type: p.type })),
        );
      }
    return fields;
  }

  /** The field names of the form that posts to this path, from its page (or none). */
  function formFields(html: string, path: string): string[] {
    const forms = [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)].map((m) => m[0]);
    const own = forms.filter((f) => f.includes(`action="${path}"`) || !/action="/.test(f));
    const names = own.flatMap((f) => [...f.matchAll(/\bname="([^"]+)"/g)].map((m) => m[1]));
    return [...new Set(names.filter((n) => n !== '_csrf'))];
  }

  function whoFor(path: string, rule: { kind: string } | undefined): Who {
    if (rule?.kind === 'staff') return 'staff';
    if (rule?.kind === 'applicant') return 'applicant';
    return /^\/(vote|api\/v1\/ballots)\//.test(path) ? 'voter' : 'anonymous';
  }

  it('stores a harmless text exactly as sent and escapes its script tag on the page', async () => {
    const name = `${SCRIPT} ${UNICODE['zero-width joiner']} ${UNICODE['combining marks']}`;
    const api = new HttpClient(server.baseUrl).withBearer(bearer.applicant!);
    const res = await api.request('PUT', `/api/v1/organisations/${ids.organisation}`, {
      json: organisationInput({ name }),
    });
    expect(res.status).toBe(200);
    const [row] = await ctx.dataSource.query('SELECT name FROM organisations WHERE id = $1', [
      ids.organisation,
    ]);
    expect(row.name).toBe(name);
    const page = await pages.applicant!.getPage('/organisations');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x');
    expect(page.text).toContain(UNICODE['zero-width joiner']);
  });

  it('answers every probe with a 4xx (never a 5xx) and writes nothing it refused', async () => {
    const config = loadConfig(server.env);
    const routes = routeTable(config)
      .filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method))
      .flatMap((r) =>
        r.path === '/applications/:id/:section'
          ? ['project', 'funding', 'dates', 'outcomes', 'beneficiaries', 'declarations'].map(
              (s) => ({ ...r, path: `/applications/:id/${s}` }),
            )
          : [r],
      )
      .sort((a, b) => order(a.path) - order(b.path));
    expect(routes.length).toBeGreaterThan(100);
    const fieldsOf = await apiFields();
    // The JSON probes fill the fields the API documents: most write routes have some.
    expect([...fieldsOf.values()].filter((f) => f.length > 0).length).toBeGreaterThan(25);
    const failures: string[] = [];
    const seen = new Map<string, Set<string>>();
    let before = await dbSnapshot(ctx.dataSource);

    for (const [index, route] of routes.entries()) {
      const path = fill(route.path);
      const who = whoFor(route.path, route.rule);
      const isApi = path.startsWith('/api/');
      let probes: Probe[];
      let client: HttpClient | undefined;
      if (isApi) probes = jsonProbes(fieldsOf.get(`${route.method} ${route.path}`) ?? [], index);
      else {
        client = who === 'anonymous' ? new HttpClient(server.baseUrl) : pages[who]!;
        const page = await client.getPage(path);
        if (!client.csrfToken) await client.getPage(who === 'anonymous' ? '/sign-in' : '/');
        const names = page.status === 200 ? formFields(page.text, path) : [];
        probes = formProbes(names, client.csrfToken, index);
        before = await dbSnapshot(ctx.dataSource);
      }
      for (const probe of probes) {
        const headers: Record<string, string> = {
          'content-type': probe.contentType,
          accept: isApi ? 'application/json' : 'text/html',
        };
        if (isApi && bearer[who]) headers.authorization = `Bearer ${bearer[who]}`;
        if (client) headers.cookie = cookieHeader(client);
        const res = await sendProbe(
          server.baseUrl + path,
          {
            method: route.method,
            headers,
            body: probe.body,
            redirect: 'manual',
          },
          probe,
        );
        const text = await res.text();
        const after = await dbSnapshot(ctx.dataSource);
        const changed = changedTables(before, after);
        before = after;
        const where = `${route.method} ${route.path} as ${who}, ${probe.category} (${probe.label}) → ${res.status}`;
        seen.set(
          `${route.method} ${route.path}`,
          (seen.get(`${route.method} ${route.path}`) ?? new Set()).add(probe.category),
        );
        if (res.status >= 500) failures.push(`${where}: ${serverError(text)}`);
        else if (probe.status && res.status !== probe.status)
          failures.push(`${where}: expected ${probe.status}`);
        else if (res.status >= 400 && changed.length)
          failures.push(`${where}: refused but wrote to ${changed.join(', ')}`);
        // Taken (or sent on, 3xx): whatever text it wrote must be the text that was sent, and
        // no field takes 100,000 characters.
        else if (res.status < 400 && changed.length && probe.text) {
          // Answers are trimmed (spaces around an answer are not part of it), nothing else.
          const stored =
            (await storedVerbatim(ctx.dataSource, changed, probe.text)) ||
            (probe.text.trim() !== probe.text &&
              (await storedVerbatim(ctx.dataSource, changed, probe.text.trim())));
          if (probe.category === 'over-long' && stored)
            failures.push(`${where}: stored 100,000 characters in ${changed.join(', ')}`);
          if (probe.category !== 'over-long' && !stored)
            failures.push(`${where}: wrote ${changed.join(', ')} but not the text as sent`);
        } else if (res.status < 400 && changed.length && probe.neverStored)
          for (const raw of probe.neverStored)
            if (await storedVerbatim(ctx.dataSource, changed, raw, true))
              failures.push(`${where}: stored "${raw}" undecoded in ${changed.join(', ')}`);
      }
    }
    // Every route had every category.
    const categories = new Set(jsonProbes([], 0).map((p) => p.category));
    for (const [route, got] of seen)
      if (got.size !== categories.size) failures.push(`${route}: only ${[...got].join(', ')}`);
    expect(failures).toEqual([]);
  });
});
