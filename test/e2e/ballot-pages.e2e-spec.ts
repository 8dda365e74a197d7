import { Application } from '@grants/applications';
import { Ballot, BallotsService } from '@grants/ballots';
import { GrantRound } from '@grants/funds';
import { StaffUser } from '@grants/identity';
import { jest } from '@jest/globals';
import { DateTime } from 'luxon';
import { castVote } from '../factories/ballot-votes.factory';
import { closeBallotNow, createOpenBallot, openBallotNow } from '../factories/open-ballot.factory';
import { createStaff } from '../factories/staff.factory';
import { createVoteRound } from '../factories/vote-round.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { errorLinks, pageText, signedInStaff } from '../support/staff-pages';
import { createTestContext, TestContext } from '../support/test-context';

/** Real processes on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(90_000);

/** A moment as the ballot form's UK date and time boxes. */
function ukFields(name: string, at: Date): Record<string, string> {
  const uk = DateTime.fromJSDate(at).setZone('Europe/London');
  return {
    [`${name}-day`]: String(uk.day),
    [`${name}-month`]: String(uk.month),
    [`${name}-year`]: String(uk.year),
    [`${name}-time`]: uk.toFormat('HH:mm'),
  };
}

describe('the staff pages of a public vote, over HTTP', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let round: GrantRound;
  let byArea: Record<string, Application[]>;
  let officer: HttpClient;
  let decider: HttpClient;
  let finance: HttpClient;
  let assessor: HttpClient;
  let bridlington: Ballot;
  const winterton = () => round.areas.find((a) => a.name === 'Winterton')!;
  const hub = () => `/staff/rounds/${round.id}/vote`;
  const shortlistPath = () => `${hub()}/areas/${winterton().id}/shortlist`;
  const ballotPath = () => `${hub()}/areas/${winterton().id}/ballot`;
  const signedIn = (user: StaffUser) => signedInStaff(server.baseUrl, user);

  beforeAll(async () => {
    ctx = await createTestContext();
    ({ round, byArea } = await createVoteRound(ctx, 4));
    // Bridlington South is arranged in-process, open for votes, with a low flag threshold set
    // before any vote is cast (a vote is flagged when it is cast).
    bridlington = await createOpenBallot(
      ctx,
      round,
      'Bridlington South',
      byArea['Bridlington South'],
      'YO15, YO16',
    );
    await ctx.dataSource.query(`UPDATE ballots SET postcode_flag_threshold = 2 WHERE id = $1`, [
      bridlington.id,
    ]);
    server = await startServer();
    officer = await signedIn(await createStaff(ctx, 'grants-officer'));
    decider = await signedIn(await createStaff(ctx, 'decision-maker'));
    finance = await signedIn(await createStaff(ctx, 'finance'));
    assessor = await signedIn(await createStaff(ctx, 'assessor'));
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it('is for the office only; the round summary links to it; assessors are refused', async () => {
    const summary = await officer.getPage(`/staff/rounds/${round.id}`);
    expect(summary.text).toContain(`href="${hub()}"`);
    const page = await officer.getPage(hub());
    expect(page.status).toBe(200);
    expect(pageText(page.text)).toContain('No projects shortlisted yet (4 eligible applications');
    expect(page.text).toContain(`href="${shortlistPath()}"`);
    const financeHub = await finance.getPage(hub());
    expect(financeHub.status).toBe(200);
    expect(financeHub.text).not.toContain(`href="${shortlistPath()}"`);
    for (const path of [
      hub(),
      shortlistPath(),
      ballotPath(),
      `${hub()}/turnout`,
      `/staff/ballots/${bridlington.id}/review`,
      `/staff/ballots/${bridlington.id}/result`,
      `/staff/ballots/${bridlington.id}/votes.csv`,
    ])
      expect([path, (await assessor.getPage(path)).status]).toEqual([path, 403]);
    // A scored round, or no round: not found, never a 500.
    expect((await officer.getPage('/staff/rounds/nope/vote')).status).toBe(404);
    expect((await officer.getPage(`${hub()}/areas/nope/shortlist`)).status).toBe(404);
  });

  it('refuses a shortlist without the form token, or from finance', async () => {
    await officer.getPage(shortlistPath());
    const w = byArea['Winterton'];
    const form = { chosen: w[0].id, [`publicTitle-${w[0].id}`]: 'Park lighting' };
    expect((await officer.request('POST', shortlistPath(), { form })).status).toBe(403);
    expect(
      (await officer.request('POST', shortlistPath(), { form: { ...form, _csrf: 'forged' } }))
        .status,
    ).toBe(403);
    finance.csrfToken = officer.csrfToken;
    expect((await finance.postForm(shortlistPath(), form)).status).toBe(403);
  });

  it('explains every shortlist problem on its field, then saves three', async () => {
    const w = byArea['Winterton'];
    const page = await officer.getPage(shortlistPath());
    expect(page.status).toBe(200);
    expect(page.text).toContain(w[0].reference!);
    expect(page.text).toContain('Winterton community group 1');
    expect(page.text).toContain('Asked for £9,500.00.');

    const none = await officer.postForm(shortlistPath(), {});
    expect(none.status).toBe(422);
    expect(errorLinks(none.text)).toEqual([
      [`#chosen-${w[0].id}`, 'Shortlist at least one project for Winterton'],
    ]);

    const fields = (a: Application, title: string, summary: string, amount: string) => ({
      [`publicTitle-${a.id}`]: title,
      [`publicSummary-${a.id}`]: summary,
      [`amount-${a.id}`]: amount,
    });
    const tooMany = await officer.postForm(shortlistPath(), {
      chosen: w.map((a) => a.id),
      ...fields(w[0], 'Park lighting', 'Lights in the park.', '9500'),
      ...fields(w[1], '', 'Youth club nights.', 'lots'),
      ...fields(w[2], 'Detached youth work', '', '£10,000'),
      ...fields(w[3], 'Skate park', 'A skate park.', '100'),
    });
    expect(tooMany.status).toBe(422);
    expect(errorLinks(tooMany.text)).toEqual([
      [`#amount-${w[1].id}`, 'The amount must be in pounds, like £1,250 or £1,250.50'],
      [`#chosen-${w[0].id}`, 'Winterton can have at most 3 projects on its shortlist'],
      [`#publicTitle-${w[1].id}`, 'Enter the public title'],
      [`#publicSummary-${w[2].id}`, 'Enter the public summary'],
      [
        `#amount-${w[2].id}`,
        "Enter an amount more than £0 and at most £8,500.00 (what was asked for, within the area's cap)",
      ],
    ]);
    // What was typed stays.
    expect(tooMany.text).toContain('value="lots"');
    expect(tooMany.text).toContain('Youth club nights.');

    const ok = await officer.postForm(shortlistPath(), {
      chosen: [w[0].id, w[1].id, w[2].id],
      ...fields(w[0], 'Park lighting', 'Lights in the park where young people gather.', '9500'),
      ...fields(w[1], 'Youth club nights', 'Friday youth club with sport.', '£9,000.00'),
      ...fields(w[2], 'Detached youth work', 'Youth workers on the streets.', '8,000'),
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`${hub()}?done=shortlist`);
    const after = pageText((await officer.getPage(`${hub()}?done=shortlist`)).text);
    expect(after).toContain('Shortlist saved.');
    expect(after).toContain(`${w[1].reference} Youth club nights £9,000.00`);
    expect(after).toContain(`${w[2].reference} Detached youth work £8,000.00`);
  });

  it('checks the ballot settings, then saves them', async () => {
    const page = await officer.getPage(ballotPath());
    expect(page.status).toBe(200);
    const blank = await officer.postForm(ballotPath(), {});
    expect(blank.status).toBe(422);
    expect(errorLinks(blank.text)).toEqual([
      ['#opensAt-day', 'Enter the date the vote opens'],
      ['#opensAt-time', 'Enter the time the vote opens, like 9am or 17:00'],
      ['#closesAt-day', 'Enter the date the vote closes'],
      ['#closesAt-time', 'Enter the time the vote closes, like 9am or 17:00'],
      ['#postcodeAreas', 'Enter the postcode districts or sectors whose residents may vote'],
      ['#postcodeFlagThreshold', 'Enter how many votes from one postcode are flagged for review'],
    ]);

    const opensAt = new Date(round.closesAt.getTime() + 24 * 3600_000);
    const closesAt = new Date(opensAt.getTime() + 14 * 24 * 3600_000);
    const wrong = await officer.postForm(ballotPath(), {
      ...ukFields('opensAt', closesAt),
      ...ukFields('closesAt', opensAt),
      postcodeAreas: 'Winterton',
      postcodeFlagThreshold: '0',
    });
    expect(wrong.status).toBe(422);
    expect(errorLinks(wrong.text)).toEqual([
      ['#closesAt-day', 'The vote must close after it opens'],
      [
        '#postcodeAreas',
        'Enter postcode districts (YO15) or sectors (DN15 9), separated by commas; not recognised: WINTERTON',
      ],
      ['#postcodeFlagThreshold', 'Enter a whole number of votes from 1 to 1000'],
    ]);
    const early = await officer.postForm(ballotPath(), {
      ...ukFields('opensAt', new Date(round.closesAt.getTime() - 3600_000)),
      ...ukFields('closesAt', closesAt),
      postcodeAreas: 'DN15 9',
      postcodeFlagThreshold: '10',
    });
    expect(early.status).toBe(422);
    expect(errorLinks(early.text)[0]).toEqual([
      '#opensAt-day',
      expect.stringContaining('The vote must open after applications close'),
    ]);

    const saved = await officer.postForm(ballotPath(), {
      ...ukFields('opensAt', opensAt),
      ...ukFields('closesAt', closesAt),
      postcodeAreas: 'dn15 9',
      postcodeFlagThreshold: '10',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${ballotPath()}?done=saved`);
    const after = await officer.getPage(`${ballotPath()}?done=saved`);
    expect(after.text).toContain('Ballot settings saved.');
    expect(after.text).toContain('value="DN15 9"');
    expect(after.text).toContain('Schedule the vote');
    expect(pageText(after.text)).toContain('Scheduling fixes the shortlist');
  });

  it('schedules the vote: applicants are told and the shortlist is fixed', async () => {
    await officer.getPage(ballotPath());
    finance.csrfToken = officer.csrfToken;
    expect((await finance.postForm(`${ballotPath()}/schedule`, {})).status).toBe(403);
    const scheduled = await officer.postForm(`${ballotPath()}/schedule`, {});
    expect(scheduled.status).toBe(303);
    expect(scheduled.headers.get('location')).toBe(`${hub()}?done=scheduled`);
    const statuses: { status: string; n: number }[] = await ctx.dataSource.query(
      `SELECT status, count(*)::int AS n FROM applications WHERE area_id = $1 GROUP BY status ORDER BY status`,
      [winterton().id],
    );
    expect(statuses).toEqual([
      { status: 'not-shortlisted', n: 1 },
      { status: 'shortlisted', n: 3 },
    ]);
    const hubPage = pageText((await officer.getPage(`${hub()}?done=scheduled`)).text);
    expect(hubPage).toContain('Vote scheduled. The applicants in the area have been told.');
    expect(hubPage).toContain('Status Scheduled');

    // Scheduling twice, or changing the fixed shortlist, is refused with a message.
    const again = await officer.postForm(`${ballotPath()}/schedule`, {});
    expect(again.status).toBe(409);
    const locked = await officer.getPage(shortlistPath());
    expect(locked.text).toContain('its shortlist is fixed');
    expect(locked.text).not.toContain('Save the shortlist');
    const w = byArea['Winterton'];
    const refused = await officer.postForm(shortlistPath(), {
      chosen: w[3].id,
      [`publicTitle-${w[3].id}`]: 'Skate park',
      [`publicSummary-${w[3].id}`]: 'A skate park.',
      [`amount-${w[3].id}`]: '100',
    });
    expect(refused.status).toBe(409);
    expect(pageText(refused.text)).toContain(
      "This area's ballot is scheduled, so its shortlist can no longer change",
    );
  });

  it('shows turnout by hour and the flagged postcode; voids a vote only with a reason', async () => {
    const [a, b] = byArea['Bridlington South'];
    for (let i = 1; i <= 3; i += 1)
      await castVote(
        ctx,
        bridlington.id,
        { email: `same${i}@example.org`, postcode: 'YO15 2AB' },
        a.id,
      );
    await castVote(ctx, bridlington.id, { email: 'b1@example.org', postcode: 'YO16 4XY' }, b.id);
    await castVote(ctx, bridlington.id, { email: 'b2@example.org', postcode: 'YO15 3CD' }, b.id);

    const turnout = await finance.getPage(`${hub()}/turnout`);
    expect(turnout.status).toBe(200);
    const table = /<dl[^>]*id="turnout-[^"]+"[\s\S]*?<\/dl>/g;
    const lists = [...turnout.text.matchAll(table)].map((m) => pageText(m[0]));
    expect(lists).toEqual([
      expect.stringContaining('Votes counted 0'),
      expect.stringContaining('Votes counted 5 Votes voided 0 Verified voters 5'),
    ]);
    expect(turnout.text).toContain(`id="hours-${bridlington.id}"`);
    expect(turnout.text).toContain('<svg role="img"');

    const review = `/staff/ballots/${bridlington.id}/review`;
    const list = await officer.getPage(review);
    expect(list.status).toBe(200);
    const flagged = pageText(
      /<table[^>]*id="flagged-postcodes"[\s\S]*?<\/table>/.exec(list.text)![0],
    );
    expect(flagged).toMatch(/YO15 2AB : review its votes 3 0 /);
    const one = await officer.getPage(`${review}?postcode=yo15 2ab`);
    const votes = [...one.text.matchAll(/<tr class="govuk-table__row" id="vote-([^"]+)">/g)].map(
      (m) => m[1],
    );
    expect(votes).toHaveLength(3);
    expect(one.text).toContain('Mozilla/5.0 (test)');

    const path = `/staff/votes/${votes[2]}/void`;
    finance.csrfToken = officer.csrfToken;
    expect((await finance.postForm(path, { reason: 'Not mine' })).status).toBe(403);
    const noReason = await officer.postForm(path, { reason: ' ', postcode: 'YO15 2AB' });
    expect(noReason.status).toBe(422);
    expect(errorLinks(noReason.text)).toEqual([
      [`#reason-${votes[2]}`, 'Enter why this vote is voided'],
    ]);
    const voided = await officer.postForm(path, {
      reason: 'Third vote from one house in two minutes, same browser',
      postcode: 'YO15 2AB',
    });
    expect(voided.status).toBe(303);
    expect(voided.headers.get('location')).toBe(`${review}?postcode=YO15%202AB&done=voided`);
    const after = pageText((await officer.getPage(voided.headers.get('location')!)).text);
    expect(after).toContain('Vote voided. It no longer counts.');
    expect(after).toContain('Third vote from one house in two minutes, same browser');
    const audit: { n: number }[] = await ctx.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'vote.voided' AND subject_id = $1`,
      [votes[2]],
    );
    expect(audit).toEqual([{ n: 1 }]);
    expect((await officer.getPage('/staff/votes/nope/void')).status).toBe(404);
  });

  it('counts live, then on a tie only the decision maker chooses the winner and publishes', async () => {
    const result = `/staff/ballots/${bridlington.id}/result`;
    const live = await officer.getPage(result);
    expect(pageText(live.text)).toContain('this is the live count for staff only');
    expect(live.text).not.toContain(`action="${result}"`);

    await closeBallotNow(ctx, bridlington.id);
    const [a, b] = byArea['Bridlington South'];
    const tied = await officer.getPage(result);
    expect(pageText(tied.text)).toContain('2 projects tied with 2 votes each');
    expect(tied.text).toContain('Only the decision maker can choose the winner');
    const officerPublish = await officer.postForm(result, {});
    expect(officerPublish.status).toBe(422);
    expect(pageText(officerPublish.text)).toContain('the decision maker chooses the winner');
    expect(
      (await officer.postForm(`${result}/tie-break`, { winnerApplicationId: a.id, note: 'x' }))
        .status,
    ).toBe(403);

    const page = await decider.getPage(result);
    expect(page.text).toContain('Which project wins?');
    const noNote = await decider.postForm(`${result}/tie-break`, { winnerApplicationId: b.id });
    expect(noNote.status).toBe(422);
    expect(errorLinks(noNote.text)).toEqual([
      ['#note', 'Enter why this project was chosen between the tied projects'],
    ]);
    const noChoice = await decider.postForm(`${result}/tie-break`, { note: 'Because' });
    expect(noChoice.status).toBe(422);
    expect(errorLinks(noChoice.text)[0][0]).toBe('#winnerApplicationId');
    const chosen = await decider.postForm(`${result}/tie-break`, {
      winnerApplicationId: b.id,
      note: 'More young people reached for the money, as the panel advised.',
    });
    expect(chosen.status).toBe(303);
    const published = await decider.getPage(`${result}?done=published`);
    const text = pageText(published.text);
    expect(text).toContain('Result published.');
    expect(text).toContain(`The winner is ${b.projectTitle} (public) with 2 votes.`);
    expect(text).toContain('More young people reached for the money');
    expect(published.text).toContain(`href="/vote/${bridlington.id}/results"`);
    expect(published.text).toContain(`href="/staff/ballots/${bridlington.id}/votes.csv"`);

    const csv = await finance.get(`/staff/ballots/${bridlington.id}/votes.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="Bridlington-South-votes.csv"',
    );
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('receipt_hash,area,choice_reference,choice,cast_at_utc,voided');
    expect(lines).toHaveLength(6);
    expect(lines.filter((l) => l.endsWith(',yes'))).toHaveLength(1);

    // Published: no more voiding.
    const review = await officer.getPage(`/staff/ballots/${bridlington.id}/review`);
    expect(review.text).not.toContain('Void this vote');
  });

  it('publishes a result with a clear winner for an officer', async () => {
    const ballot = (await ctx.get(BallotsService).forRound(round.id)).find(
      (b) => b.areaId === winterton().id,
    )!;
    await openBallotNow(ctx, ballot.id);
    const w = byArea['Winterton'];
    await castVote(ctx, ballot.id, { email: 'w1@example.org', postcode: 'DN15 9AB' }, w[1].id);
    await closeBallotNow(ctx, ballot.id);
    const result = `/staff/ballots/${ballot.id}/result`;
    const page = await officer.getPage(result);
    expect(page.text).toContain('Publish the result');
    const published = await officer.postForm(result, {});
    expect(published.status).toBe(303);
    expect(published.headers.get('location')).toBe(`${result}?done=published`);
    const text = pageText((await officer.getPage(`${result}?done=published`)).text);
    expect(text).toContain('The winner is Youth club nights with 1 vote.');
    // Publishing twice is refused with a message, not a 500.
    expect((await officer.postForm(result, {})).status).toBe(409);
  });
});
