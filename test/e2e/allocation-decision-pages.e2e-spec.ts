import { GrantRound } from '@grants/funds';
import { jest } from '@jest/globals';
import { lastSignInCode } from '../factories/application.factory';
import {
  AllocationPartner,
  createOpenAllocationRound,
  createPartner,
  DECISION_COUNCILS,
  publishPlan,
  seedProject,
} from '../factories/allocation-decisions.factory';
import { CRF, createFund } from '../factories/round.factory';
import { createStaff } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { errorLinks, pageText, signedInStaff } from '../support/staff-pages';
import { createTestContext, TestContext } from '../support/test-context';

/** Real processes on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(60_000);

/** The rows of a table on the page, each as its text. */
function tableRows(html: string, tableId: string): string[] {
  const table = new RegExp(`<table[^>]*id="${tableId}"[\\s\\S]*?</table>`).exec(html);
  if (!table) return [];
  const body = /<tbody[\s\S]*?<\/tbody>/.exec(table[0])?.[0] ?? '';
  return [...body.matchAll(/<tr[\s\S]*?<\/tr>/g)].map((m) => pageText(m[0]).trim());
}

/** A summary list's rows as "key value" text. */
function summaryRows(html: string): string[] {
  return [...html.matchAll(/<dt[^>]*>([\s\S]*?)<\/dt>\s*<dd[^>]*>([\s\S]*?)<\/dd>/g)].map((m) =>
    pageText(`${m[1]} ${m[2]}`).trim(),
  );
}

describe('the allocation decision pages over HTTP', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let round: GrantRound;
  let hull: AllocationPartner;
  let eastRiding: AllocationPartner;
  let northLincs: AllocationPartner;
  let northEastLincs: AllocationPartner;
  let outsider: AllocationPartner;
  let officer: HttpClient;
  let decider: HttpClient;
  let finance: HttpClient;
  let assessor: HttpClient;
  let anpr: string;
  let bystander: string;
  let sosPoints: string;
  let conference: string;
  const base = () => `/staff/rounds/${round.id}/allocation`;
  const decide = (id: string) => `${base()}/projects/${id}`;

  /** Everything a decision or release writes, to show that a refusal wrote nothing. */
  async function written(): Promise<unknown> {
    const q = (sql: string) => ctx.dataSource.query(sql);
    return {
      applications: await q(`SELECT id, status FROM applications ORDER BY id`),
      awards: await q(`SELECT * FROM awards ORDER BY id`),
      commitments: await q(`SELECT * FROM budget_commitments ORDER BY application_id`),
      releases: await q(`SELECT * FROM allocation_releases ORDER BY id`),
      lines: await q(`SELECT * FROM allocation_release_lines ORDER BY id`),
      emails: await q(`SELECT count(*)::int AS n FROM outbound_emails`),
      audit: await q(`SELECT count(*)::int AS n FROM audit_events`),
    };
  }

  async function signInApplicant(email: string): Promise<HttpClient> {
    const client = new HttpClient(server.baseUrl);
    await client.getPage('/sign-in');
    const asked = await client.postForm('/sign-in', { email });
    expect(asked.status).toBe(303);
    await client.getPage(asked.headers.get('location')!);
    const code = await lastSignInCode(ctx.dataSource, email);
    expect((await client.postForm('/sign-in/code', { code })).status).toBe(303);
    return client;
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CRF);
    round = await createOpenAllocationRound(ctx);
    const councils: AllocationPartner[] = [];
    for (const c of DECISION_COUNCILS) councils.push(await createPartner(ctx, c.name));
    [hull, eastRiding, northLincs, northEastLincs] = councils;
    outsider = await createPartner(ctx, 'Goodwin Development Trust', 'charity');
    server = await startServer({
      env: { EMAIL_SENDS_PER_HOUR: '1000', SIGN_IN_ATTEMPTS_PER_MINUTE: '1000' },
    });
    await publishPlan(ctx, server.baseUrl, round, councils);
    anpr = await seedProject(ctx, round, hull, 2_500_000, 'ANPR camera for Princes Quay car park');
    bystander = await seedProject(ctx, round, hull, 1_500_000, 'Peer-led bystander programme', {
      eligible: false,
    });
    sosPoints = await seedProject(ctx, round, northEastLincs, 600_000, 'SOS help points');
    conference = await seedProject(
      ctx,
      round,
      northEastLincs,
      600_000,
      'Domestic abuse conference',
    );
    officer = await signedInStaff(server.baseUrl, await createStaff(ctx, 'grants-officer'));
    decider = await signedInStaff(server.baseUrl, await createStaff(ctx, 'decision-maker'));
    finance = await signedInStaff(server.baseUrl, await createStaff(ctx, 'finance'));
    assessor = await signedInStaff(server.baseUrl, await createStaff(ctx, 'assessor'));
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it('shows each partner’s money and projects to the office, and the decisions only to the decision maker', async () => {
    const plan = await decider.getPage(base());
    expect(plan.text).toContain(`href="${base()}/projects"`);

    for (const client of [officer, finance, decider]) {
      const page = await client.getPage(`${base()}/projects`);
      expect(page.status).toBe(200);
      expect(tableRows(page.text, 'partners')).toEqual([
        'Hull City Council £40,000.00 £40,000.00 £40,000.00 £0.00 £0.00 £0.00 £40,000.00',
        'East Riding of Yorkshire Council £30,000.00 £0.00 £0.00 £0.00 £0.00 £0.00 £30,000.00',
        'North Lincolnshire Council £20,000.00 £0.00 £0.00 £0.00 £0.00 £0.00 £20,000.00',
        'North East Lincolnshire Council £10,000.00 £12,000.00 £12,000.00 £0.00 £0.00 £0.00 £10,000.00',
        'Total £100,000.00 £52,000.00 £52,000.00 £0.00 £0.00 £0.00 £100,000.00',
      ]);
      const hullProjects = tableRows(page.text, 'partner-1-table');
      expect(hullProjects[0]).toMatch(
        /^CRF-\S+ ANPR camera for Princes Quay car park £25,000\.00 None Eligible/,
      );
      expect(hullProjects[1]).toMatch(
        /^CRF-\S+ Peer-led bystander programme £15,000\.00 None Submitted/,
      );
      expect(hullProjects[2]).toMatch(/^Projects still standing £40,000\.00 £0\.00/);
      expect(pageText(page.text)).toContain('East Riding of Yorkshire Council £30,000.00 of the');
    }
    // Only the decision maker is offered the decision, and only for a project appraised eligible.
    const own = await decider.getPage(`${base()}/projects`);
    expect(own.text).toContain(`href="${decide(anpr)}"`);
    expect(own.text).not.toContain(`href="${decide(bystander)}"`);
    expect(pageText(own.text)).toContain(
      '3 projects are appraised as eligible and waiting for your decision',
    );
    expect((await officer.getPage(`${base()}/projects`)).text).not.toContain(
      `href="${decide(anpr)}"`,
    );

    expect((await assessor.getPage(`${base()}/projects`)).status).toBe(403);
    const member = await signInApplicant(hull.applicant.email);
    const bounced = await member.getPage(`${base()}/projects`);
    expect([bounced.status, bounced.headers.get('location')]).toEqual([
      303,
      expect.stringMatching(/^\/staff\/sign-in/),
    ]);

    const page = await decider.getPage(decide(anpr));
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/id="amount"[^>]*value="25,000.00"/);
    expect(pageText(page.text)).toContain('Left to approve £40,000.00');
    for (const client of [officer, finance, assessor])
      expect((await client.getPage(decide(anpr))).status).toBe(403);
    // Not eligible yet: no forms; another round's or no application: not here.
    const notYet = await decider.getPage(decide(bystander));
    expect(notYet.status).toBe(200);
    expect(notYet.text).not.toContain('name="amount"');
    expect(pageText(notYet.text)).toContain('This one is: Submitted');
    expect((await decider.getPage(decide('00000000-0000-4000-8000-000000000000'))).status).toBe(
      404,
    );
    expect((await decider.getPage(decide('not-an-id'))).status).toBe(404);
  });

  it('refuses a bad approval or decline on its field, and a refused form writes nothing', async () => {
    const member = await signInApplicant(hull.applicant.email);
    await decider.getPage(decide(anpr));
    const before = await written();
    const cases: [string, Record<string, string>, [string, string][]][] = [
      [
        `${decide(anpr)}/approve`,
        { amount: '', note: '' },
        [['#amount', 'Enter the amount to approve']],
      ],
      [
        `${decide(anpr)}/approve`,
        { amount: 'lots', note: '' },
        [['#amount', 'The amount to approve must be in pounds, like £1,250 or £1,250.50']],
      ],
      [
        `${decide(anpr)}/approve`,
        { amount: '25,000.01', note: '' },
        [['#amount', 'Enter an amount from 1 penny to the £25,000.00 asked for']],
      ],
      [
        `${decide(anpr)}/approve`,
        { amount: '100', note: 'x'.repeat(5001) },
        [['#note', 'The note must be 5000 characters or fewer']],
      ],
      [
        `${decide(anpr)}/decline`,
        { reason: '  ' },
        [['#reason', 'Enter the reason the partner will read for declining the project']],
      ],
    ];
    for (const [path, form, expected] of cases) {
      const res = await decider.postForm(path, form);
      expect([path, res.status, errorLinks(res.text)]).toEqual([path, 422, expected]);
    }
    const typed = await decider.postForm(`${decide(anpr)}/approve`, {
      amount: 'lots',
      note: 'Camera only',
    });
    expect(typed.text).toMatch(/id="amount"[^>]*value="lots"/);
    expect(typed.text).toContain('Camera only</textarea>');

    // Not appraised eligible: refused with the reason, in the summary.
    const notYet = await decider.postForm(`${decide(bystander)}/approve`, { amount: '15000' });
    expect(notYet.status).toBe(409);
    expect(errorLinks(notYet.text)).toEqual([]);
    expect(pageText(notYet.text)).toContain(
      'Only a project appraised as eligible can be approved or declined (this one is submitted)',
    );

    // The office reads but does not decide; an applicant is sent to the staff sign-in.
    for (const client of [officer, finance, assessor]) {
      await client.getPage('/staff/rounds');
      expect((await client.postForm(`${decide(anpr)}/approve`, { amount: '100' })).status).toBe(
        403,
      );
      expect((await client.postForm(`${decide(anpr)}/decline`, { reason: 'No' })).status).toBe(403);
    }
    await member.getPage('/organisations');
    const bounced = await member.postForm(`${decide(anpr)}/approve`, { amount: '100' });
    expect([bounced.status, bounced.headers.get('location')]).toEqual([303, '/staff/sign-in']);
    expect(await written()).toEqual(before);
  });

  it('lets one of two approvals that together exceed the allocation through, and shows the other what is left', async () => {
    // North East Lincolnshire has £10,000.00; each project asks for £6,000.00.
    await decider.getPage(decide(sosPoints));
    const answers = await Promise.all(
      [sosPoints, conference].map((id) =>
        decider.postForm(`${decide(id)}/approve`, { amount: '6,000', note: '' }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([303, 409]);
    const won = answers.findIndex((a) => a.status === 303);
    const [winner, loser] = won === 0 ? [sosPoints, conference] : [conference, sosPoints];
    const refused = answers[1 - won];
    expect(errorLinks(refused.text)).toEqual([
      [
        '#amount',
        '£6,000.00 approved is more than the £4,000.00 left of North East Lincolnshire Council’s £10,000.00 allocation (£6,000.00 approved already)',
      ],
    ]);
    expect(refused.text).toMatch(/id="amount"[^>]*value="6,000"/);
    // The page shows the figures as they are now, beside the error.
    expect(pageText(refused.text)).toContain('Left to approve £4,000.00');
    const [ledger] = await ctx.dataSource.query(
      `SELECT coalesce(sum(c.amount_pence), 0)::int AS approved FROM budget_commitments c
         JOIN applications a ON a.id = c.application_id WHERE a.organisation_id = $1`,
      [northEastLincs.organisation.id],
    );
    expect(ledger.approved).toBe(600_000);

    const location = answers[won].headers.get('location')!;
    expect(location).toBe(`${base()}/projects?done=approved&project=${winner}`);
    const after = await decider.getPage(location);
    expect(pageText(after.text)).toMatch(
      /CRF-\S+ approved: £6,000\.00 offered to North East Lincolnshire Council, who has been emailed the offer\./,
    );
    expect(tableRows(after.text, 'partners')[3]).toBe(
      'North East Lincolnshire Council £10,000.00 £12,000.00 £6,000.00 £6,000.00 £0.00 £0.00 £4,000.00',
    );

    // The one refused is declined instead, with the reason the council is sent.
    const declined = await decider.postForm(`${decide(loser)}/decline`, {
      reason: 'The conference is already funded by the Violence Reduction Network.',
    });
    expect([declined.status, declined.headers.get('location')]).toEqual([
      303,
      `${base()}/projects?done=declined&project=${loser}`,
    ]);
    const [status] = await ctx.dataSource.query(`SELECT status FROM applications WHERE id = $1`, [
      loser,
    ]);
    expect(status.status).toBe('unsuccessful');
    const banner = await decider.getPage(declined.headers.get('location')!);
    expect(pageText(banner.text)).toMatch(
      /CRF-\S+ declined\. North East Lincolnshire Council has been emailed the reason\./,
    );

    // Less than asked for, with a note for the record.
    const approved = await decider.postForm(`${decide(anpr)}/approve`, {
      amount: '£20,000',
      note: 'Camera only; the signage comes from the council’s own budget.',
    });
    expect(approved.status).toBe(303);
    const [event] = await ctx.dataSource.query(
      `SELECT after, reason FROM audit_events WHERE action = 'allocation-project.approved' ORDER BY occurred_at DESC LIMIT 1`,
    );
    expect([event.after.amountPence, event.reason]).toEqual([
      2_000_000,
      'Camera only; the signage comes from the council’s own budget.',
    ]);
    const again = await decider.postForm(`${decide(anpr)}/approve`, { amount: '1' });
    expect(again.status).toBe(409);
  });

  it('releases the unspent allocation of the partners chosen, by a recorded decision', async () => {
    const page = await decider.getPage(`${base()}/releases`);
    expect(page.status).toBe(200);
    // Every partner with money left, ticked; Hull's waiting project is warned about.
    for (const p of [hull, eastRiding, northLincs, northEastLincs])
      expect(page.text).toMatch(
        new RegExp(`name="organisationIds" type="checkbox" value="${p.organisation.id}" checked`),
      );
    expect(pageText(page.text)).toContain(
      'These partners have £15,000.00 in projects still waiting',
    );
    expect(pageText(page.text)).toContain('No unspent allocation has been released yet');
    const read = await finance.getPage(`${base()}/releases`);
    expect(read.status).toBe(200);
    expect(read.text).not.toContain('name="organisationIds"');
    expect((await assessor.getPage(`${base()}/releases`)).status).toBe(403);

    await decider.getPage(`${base()}/releases`);
    const before = await written();
    const bad = await decider.postForm(`${base()}/releases`, {
      title: '',
      summary: '',
      declarations: 'None',
    });
    expect(bad.status).toBe(422);
    expect(errorLinks(bad.text)).toEqual([
      ['#organisationIds', 'Choose the partners whose unspent allocation goes back to the pot'],
      ['#title', 'Enter a title for the decision record'],
      ['#summary', 'Enter a summary of the decision for the public record'],
    ]);
    // What was typed (and not ticked) stays as it was.
    expect(bad.text).not.toMatch(/name="organisationIds" type="checkbox" value="[^"]+" checked/);
    const stranger = await decider.postForm(`${base()}/releases`, {
      organisationIds: [outsider.organisation.id],
      title: 'Year-end release',
      summary: 'S',
      declarations: 'None',
    });
    expect(stranger.status).toBe(422);
    expect(errorLinks(stranger.text)).toEqual([
      ['#organisationIds', `Not a partner in this plan: ${outsider.organisation.id}`],
    ]);
    const input = {
      organisationIds: [hull.organisation.id, eastRiding.organisation.id],
      title: 'Year-end release of unspent CSP allocations 2023-24',
      summary: 'Hull and East Riding have no further projects this year.',
      declarations: 'None',
    };
    await officer.getPage(`${base()}/releases`);
    expect((await officer.postForm(`${base()}/releases`, input)).status).toBe(403);
    expect(await written()).toEqual(before);

    const released = await decider.postForm(`${base()}/releases`, input);
    expect([released.status, released.headers.get('location')]).toEqual([
      303,
      `${base()}/releases?done=released`,
    ]);
    const shown = await finance.getPage(released.headers.get('location')!);
    expect(pageText(shown.text)).toContain('Unspent allocation released back to the pot');
    expect(pageText(shown.text)).toMatch(
      /Year-end release of unspent CSP allocations 2023-24: £50,000\.00 released by Test decision-maker on \d{1,2} \w+ \d{4} at /,
    );
    expect(tableRows(shown.text, 'release-1')).toEqual([
      'Hull City Council £20,000.00',
      'East Riding of Yorkshire Council £30,000.00',
      'Total £50,000.00',
    ]);
    const projects = await officer.getPage(`${base()}/projects`);
    expect(tableRows(projects.text, 'partners').slice(0, 2)).toEqual([
      'Hull City Council £40,000.00 £40,000.00 £15,000.00 £20,000.00 £0.00 £20,000.00 £0.00',
      'East Riding of Yorkshire Council £30,000.00 £0.00 £0.00 £0.00 £0.00 £30,000.00 £0.00',
    ]);
    expect(tableRows(projects.text, 'release-1')).toHaveLength(3);
    // Only North Lincolnshire and North East Lincolnshire have money left to release now.
    const now = await decider.getPage(`${base()}/releases`);
    expect(
      [...now.text.matchAll(/name="organisationIds" type="checkbox" value="([^"]+)"/g)].map(
        (m) => m[1],
      ),
    ).toEqual([northLincs.organisation.id, northEastLincs.organisation.id]);
  });

  it('shows a partner’s members its allocations and what is left, and no one else', async () => {
    const member = await signInApplicant(northLincs.applicant.email);
    const list = await member.getPage('/organisations');
    expect(list.text).toContain(`href="/organisations/${northLincs.organisation.id}/allocations"`);
    const page = await member.getPage(`/organisations/${northLincs.organisation.id}/allocations`);
    expect(page.status).toBe(200);
    expect(summaryRows(page.text)).toEqual([
      'Allocation £20,000.00',
      'Asked for in projects sent in £0.00',
      'Waiting for a decision £0.00',
      'Approved £0.00',
      'Paid £0.00',
      'Released back to the pot £0.00',
      'You can still ask for £20,000.00',
    ]);
    expect(pageText(page.text)).toContain(round.title);
    expect(page.text).toContain(`href="/apply/${round.id}"`);

    // Hull: £20,000.00 approved, £20,000.00 released, £15,000.00 still waiting: nothing left to ask for.
    const hullMember = await signInApplicant(hull.applicant.email);
    const hullPage = await hullMember.getPage(`/organisations/${hull.organisation.id}/allocations`);
    expect(summaryRows(hullPage.text)).toEqual([
      'Allocation £40,000.00',
      'Asked for in projects sent in £40,000.00',
      'Waiting for a decision £15,000.00',
      'Approved £20,000.00',
      'Paid £0.00',
      'Released back to the pot £20,000.00',
      'You can still ask for £0.00',
    ]);
    expect(hullPage.text).not.toContain(`href="/apply/${round.id}"`);

    // Another organisation's member, and a stranger to every allocation.
    expect(
      (await hullMember.getPage(`/organisations/${northLincs.organisation.id}/allocations`)).status,
    ).toBe(404);
    expect((await hullMember.getPage('/organisations/not-an-id/allocations')).status).toBe(404);
    const other = await signInApplicant(outsider.applicant.email);
    const none = await other.getPage(`/organisations/${outsider.organisation.id}/allocations`);
    expect(none.status).toBe(200);
    expect(pageText(none.text)).toContain(
      'Goodwin Development Trust has no published allocation in any round',
    );
    const anonymous = await new HttpClient(server.baseUrl).getPage(
      `/organisations/${hull.organisation.id}/allocations`,
    );
    expect(anonymous.status).toBe(303);
  });
});
