import { Ballot, BallotSchedulerService, BallotsService, ShortlistService } from '@grants/ballots';
import { Clock, formatUk, fromUkLocal, InvalidUkTimeError, SYSTEM_ACTOR } from '@grants/core';
import { GrantRound, RoundSchedulerService, RoundsService } from '@grants/funds';
import {
  ballotSettingsInput,
  postedBallotSettings,
} from '../../apps/server/src/web/staff/ballots/ballot-settings-form';
import { FormErrors } from '../../apps/server/src/web/forms';
import { parseRoundForm } from '../../apps/server/src/web/staff/rounds/round-form';
import { CSF, createFund } from '../factories/round.factory';
import { createVoteRound, VoteRound } from '../factories/vote-round.factory';
import { createTestContext, TestContext } from '../support/test-context';

const SECOND = 1000;
const justBefore = (instant: Date) => new Date(instant.getTime() - SECOND);
const justAfter = (instant: Date) => new Date(instant.getTime() + SECOND);

/** A UK date and time as the GOV.UK date input and time box post it ("25", "10", "2026", "9am"). */
type UkWhen = [day: string, month: string, year: string, time: string];

function dateTimeFields(name: string, [day, month, year, time]: UkWhen): Record<string, string> {
  return {
    [`${name}-day`]: day,
    [`${name}-month`]: month,
    [`${name}-year`]: year,
    [`${name}-time`]: time,
  };
}

/** The staff "set up a round" form as a browser posts it, with the times as typed in UK time. */
function roundForm(code: string, opensAt: UkWhen, closesAt: UkWhen): Record<string, unknown> {
  return {
    fundSlug: CSF.slug,
    code,
    title: 'Diversion from ASB and Crime',
    theme: 'Diversion',
    description: 'Activities for people aged 10 to 24.',
    ...dateTimeFields('opensAt', opensAt),
    ...dateTimeFields('closesAt', closesAt),
    'budgetContributions-0-sourceName': "Commissioner's Safety Fund",
    'budgetContributions-0-amount': '£100,000',
    maxGrant: '£20,000',
    minDurationMonths: '12',
    maxDurationMonths: '24',
    eligibleOrganisationTypes: ['charity', 'community-group'],
    planThemes: ['Curbing violent crime'],
    decisionMethod: 'scored',
    recommendThresholdPercent: '70',
    reserveThresholdPercent: '60',
  };
}

/**
 * Issue 7: the UK clocks go back at 02:00 BST on Sunday 25 October 2026 (01:00-01:59 happens
 * twice) and forward at 01:00 GMT on Sunday 28 March 2027 (01:00-01:59 never happens), then back
 * again on Sunday 31 October 2027. Times typed in UK time on those days must be stored as the
 * instant they name, and the timers must act on that instant to the second.
 */
describe('rounds and ballots across the clock changes (service level, real database)', () => {
  let ctx: TestContext;
  let clock: Clock;

  beforeAll(async () => {
    ctx = await createTestContext();
    clock = ctx.get(Clock);
    await createFund(ctx);
  });
  afterAll(async () => {
    clock?.freeze(null);
    await ctx?.close();
  });

  /** The stored times as PostgreSQL itself reads them, in UTC and in UK time (its own tz data). */
  async function storedTimes(table: 'grant_rounds' | 'ballots', id: string) {
    const [row] = (await ctx.dataSource.query(
      `SELECT to_char(opens_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS opens_utc,
              to_char(opens_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD HH24:MI') AS opens_uk,
              to_char(closes_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS closes_utc,
              to_char(closes_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD HH24:MI') AS closes_uk
         FROM ${table} WHERE id = $1`,
      [id],
    )) as Record<string, string>[];
    return row;
  }

  describe('a grant round', () => {
    let rounds: RoundsService;
    let scheduler: RoundSchedulerService;

    beforeAll(() => {
      rounds = ctx.get(RoundsService);
      scheduler = ctx.get(RoundSchedulerService);
    });

    const statusOf = async (id: string) =>
      (await ctx.dataSource.getRepository(GrantRound).findOneByOrFail({ id })).status;

    /** Through the staff form, then created and scheduled as the "Schedule" button does. */
    async function scheduledFromForm(code: string, opensAt: UkWhen, closesAt: UkWhen) {
      const parsed = parseRoundForm(roundForm(code, opensAt, closesAt), { fundSlugs: [CSF.slug] });
      expect(parsed.errors.summary()).toEqual([]);
      const created = await rounds.create(CSF.slug, parsed.input!, SYSTEM_ACTOR);
      await rounds.schedule(created.id, SYSTEM_ACTOR);
      return ctx.dataSource.getRepository(GrantRound).findOneByOrFail({ id: created.id });
    }

    it('opens at 09:00 GMT on the day the clocks go back and closes at 17:00 BST on the day they go forward', async () => {
      const round = await scheduledFromForm(
        'BACKFWD',
        ['25', '10', '2026', '9am'],
        ['28', '3', '2027', '5pm'],
      );
      // 09:00 after the change is GMT (UTC+0); 17:00 after the change is BST (UTC+1).
      expect(round.opensAt.toISOString()).toBe('2026-10-25T09:00:00.000Z');
      expect(round.closesAt.toISOString()).toBe('2027-03-28T16:00:00.000Z');
      expect(await storedTimes('grant_rounds', round.id)).toEqual({
        opens_utc: '2026-10-25 09:00:00',
        opens_uk: '2026-10-25 09:00',
        closes_utc: '2027-03-28 16:00:00',
        closes_uk: '2027-03-28 17:00',
      });
      expect(formatUk(round.opensAt)).toBe('25 October 2026 at 9am');
      expect(formatUk(round.closesAt)).toBe('28 March 2027 at 5pm');

      // Opening: the single job, and the catch-up sweep, both to the second.
      expect(await scheduler.openIfDue(round.id, justBefore(round.opensAt))).toBe('unchanged');
      await scheduler.sweep(justBefore(round.opensAt));
      expect(await statusOf(round.id)).toBe('scheduled');
      expect(await scheduler.openIfDue(round.id, justAfter(round.opensAt))).toBe('opened');
      expect(await statusOf(round.id)).toBe('open');

      // Closing: 16:59:59 BST is still open (an hour-off bug would close it at 16:00 BST or 18:00).
      expect(await scheduler.closeIfDue(round.id, justBefore(round.closesAt))).toBe('unchanged');
      await scheduler.sweep(justBefore(round.closesAt));
      expect(await statusOf(round.id)).toBe('open');
      await scheduler.sweep(justAfter(round.closesAt));
      expect(await statusOf(round.id)).toBe('closed');
    });

    it('takes 01:30 on the day the clocks go back as the first (BST) 01:30, and 02:00 on the day they go forward as the first minute of BST', async () => {
      const round = await scheduledFromForm(
        'REPEAT',
        ['25', '10', '2026', '01:30'],
        ['28', '3', '2027', '02:00'],
      );
      // The first 01:30 is 00:30 UTC; the second (GMT) one would be 01:30 UTC.
      expect(round.opensAt.toISOString()).toBe('2026-10-25T00:30:00.000Z');
      // 02:00 BST is the instant the clocks jump from 01:00 GMT: 01:00 UTC.
      expect(round.closesAt.toISOString()).toBe('2027-03-28T01:00:00.000Z');
      expect(await storedTimes('grant_rounds', round.id)).toEqual({
        opens_utc: '2026-10-25 00:30:00',
        opens_uk: '2026-10-25 01:30',
        closes_utc: '2027-03-28 01:00:00',
        closes_uk: '2027-03-28 02:00',
      });

      await scheduler.sweep(justBefore(round.opensAt));
      expect(await statusOf(round.id)).toBe('scheduled');
      expect(await scheduler.openIfDue(round.id, justBefore(round.opensAt))).toBe('unchanged');
      await scheduler.sweep(justAfter(round.opensAt));
      // Open at the first 01:30:01, an hour before the second 01:30 comes round.
      expect(await statusOf(round.id)).toBe('open');

      // One second before is 00:59:59 GMT; one second after is 02:00:01 BST.
      expect(await scheduler.closeIfDue(round.id, justBefore(round.closesAt))).toBe('unchanged');
      expect(await statusOf(round.id)).toBe('open');
      expect(await scheduler.closeIfDue(round.id, justAfter(round.closesAt))).toBe('closed');
    });

    it('refuses 01:30 on the day the clocks go forward, a time that never happens', async () => {
      expect(() => fromUkLocal('2027-03-28', '1:30')).toThrow(InvalidUkTimeError);
      expect(() => fromUkLocal('2027-03-28', '1:30')).toThrow(
        'That time does not exist in the UK (the clocks go forward)',
      );

      const parsed = parseRoundForm(
        roundForm('GAP', ['25', '10', '2026', '9am'], ['28', '3', '2027', '01:30']),
        { fundSlugs: [CSF.slug] },
      );
      expect(parsed.input).toBeNull();
      expect(parsed.errors.summary()).toEqual([
        {
          href: '#closesAt-time',
          text: 'There is no 01:30 on that day in the UK (the clocks go forward): enter another time',
        },
      ]);

      const opening = parseRoundForm(
        roundForm('GAP', ['28', '3', '2027', '1:59am'], ['30', '4', '2027', '5pm']),
        { fundSlugs: [CSF.slug] },
      );
      expect(opening.input).toBeNull();
      expect(opening.errors.get('opensAt-time')).toBe(
        'There is no 1:59am on that day in the UK (the clocks go forward): enter another time',
      );

      // The minutes either side of the gap are real times.
      expect(fromUkLocal('2027-03-28', '0:59').toISOString()).toBe('2027-03-28T00:59:00.000Z');
      expect(fromUkLocal('2027-03-28', '2:00').toISOString()).toBe('2027-03-28T01:00:00.000Z');
    });
  });

  describe('a public-vote ballot', () => {
    let vote: VoteRound;
    let ballots: BallotsService;
    let scheduler: BallotSchedulerService;

    beforeAll(async () => {
      ballots = ctx.get(BallotsService);
      scheduler = ctx.get(BallotSchedulerService);
      vote = await createVoteRound(ctx, 3);
    }, 120_000);

    const statusOf = async (id: string) =>
      (await ctx.dataSource.getRepository(Ballot).findOneByOrFail({ id })).status;

    /**
     * The area's shortlist, then its ballot settings through the staff form and scheduled. A
     * ballot opens after applications close (the round closes in real time a few weeks from
     * now), so these use the March 2027 and October 2027 changes.
     */
    async function scheduledBallot(areaName: string, opensAt: UkWhen, closesAt: UkWhen) {
      const area = vote.round.areas.find((a) => a.name === areaName)!;
      await ctx.get(ShortlistService).setShortlist(
        vote.round.id,
        area.id,
        vote.byArea[areaName].slice(0, 3).map((a) => ({
          applicationId: a.id,
          publicTitle: `${a.projectTitle} (public)`,
          publicSummary: 'Lighting and activities where young people gather in the evening.',
          amountPence: a.amountRequestedPence!,
        })),
        SYSTEM_ACTOR,
      );
      const errors = new FormErrors();
      const input = ballotSettingsInput(
        postedBallotSettings({
          ...dateTimeFields('opensAt', opensAt),
          ...dateTimeFields('closesAt', closesAt),
          postcodeAreas: 'DN15 9, YO15',
          postcodeFlagThreshold: '10',
        }),
        errors,
      );
      expect(errors.summary()).toEqual([]);
      const draft = await ballots.saveSettings(vote.round.id, area.id, input!, SYSTEM_ACTOR);
      return ballots.schedule(draft.id, SYSTEM_ACTOR);
    }

    it('opens at 09:00 BST on the day the clocks go forward and closes at the first 01:30 on the day they go back', async () => {
      const ballot = await scheduledBallot(
        'Winterton',
        ['28', '3', '2027', '9am'],
        ['31', '10', '2027', '01:30'],
      );
      expect(ballot.opensAt.toISOString()).toBe('2027-03-28T08:00:00.000Z');
      expect(ballot.closesAt.toISOString()).toBe('2027-10-31T00:30:00.000Z');
      expect(await storedTimes('ballots', ballot.id)).toEqual({
        opens_utc: '2027-03-28 08:00:00',
        opens_uk: '2027-03-28 09:00',
        closes_utc: '2027-10-31 00:30:00',
        closes_uk: '2027-10-31 01:30',
      });

      // The timer jobs call the scheduler without a time: it asks the Clock.
      clock.freeze(justBefore(ballot.opensAt));
      expect(await scheduler.openIfDue(ballot.id)).toBe('unchanged');
      expect(await statusOf(ballot.id)).toBe('scheduled');
      clock.freeze(justAfter(ballot.opensAt));
      expect(await scheduler.openIfDue(ballot.id)).toBe('opened');
      expect(await statusOf(ballot.id)).toBe('open');

      clock.freeze(justBefore(ballot.closesAt));
      expect(await scheduler.closeIfDue(ballot.id)).toBe('unchanged');
      expect(await statusOf(ballot.id)).toBe('open');
      // Closed at the first 01:30:01 (BST), not an hour later at the second one (GMT).
      clock.freeze(justAfter(ballot.closesAt));
      expect(await scheduler.closeIfDue(ballot.id)).toBe('closed');
      clock.freeze(null);
    });

    it('opens at 02:00 BST, the first minute after the clocks go forward, and closes at 17:00 GMT after they go back', async () => {
      const ballot = await scheduledBallot(
        'Bridlington South',
        ['28', '3', '2027', '02:00'],
        ['31', '10', '2027', '5pm'],
      );
      expect(ballot.opensAt.toISOString()).toBe('2027-03-28T01:00:00.000Z');
      expect(ballot.closesAt.toISOString()).toBe('2027-10-31T17:00:00.000Z');
      expect(await storedTimes('ballots', ballot.id)).toEqual({
        opens_utc: '2027-03-28 01:00:00',
        opens_uk: '2027-03-28 02:00',
        closes_utc: '2027-10-31 17:00:00',
        closes_uk: '2027-10-31 17:00',
      });

      // The catch-up sweep with an explicit time: 00:59:59 GMT, then 02:00:01 BST.
      await scheduler.sweep(justBefore(ballot.opensAt));
      expect(await statusOf(ballot.id)).toBe('scheduled');
      await scheduler.sweep(justAfter(ballot.opensAt));
      expect(await statusOf(ballot.id)).toBe('open');

      expect(await scheduler.closeIfDue(ballot.id, justBefore(ballot.closesAt))).toBe('unchanged');
      await scheduler.sweep(justBefore(ballot.closesAt));
      expect(await statusOf(ballot.id)).toBe('open');
      await scheduler.sweep(justAfter(ballot.closesAt));
      expect(await statusOf(ballot.id)).toBe('closed');
    });

    it('refuses a vote time in the hour the clocks skip', () => {
      const errors = new FormErrors();
      const input = ballotSettingsInput(
        postedBallotSettings({
          ...dateTimeFields('opensAt', ['28', '3', '2027', '01:30']),
          ...dateTimeFields('closesAt', ['11', '4', '2027', '5pm']),
          postcodeAreas: 'YO15',
          postcodeFlagThreshold: '10',
        }),
        errors,
      );
      expect(input).toBeNull();
      expect(errors.summary()).toEqual([
        {
          href: '#opensAt-time',
          text: 'There is no 01:30 on that day in the UK (the clocks go forward): enter another time',
        },
      ]);
    });
  });
});
