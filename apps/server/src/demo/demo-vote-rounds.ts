import { DecisionRecordsService, VoteDecisionService } from '@grants/awards';
import {
  Ballot,
  BallotSchedulerService,
  BallotsService,
  ShortlistService,
  TallyService,
} from '@grants/ballots';
import { Actor, Clock } from '@grants/core';
import { GrantRound, RoundsService } from '@grants/funds';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEMO_APPRAISER } from './demo-application-seed';
import { DEMO_DECISION_MAKER } from './demo-assessment-plan';
import { demoStaff } from './demo-scoring';
import type { DemoCreated } from './demo-seed';
import { DemoBallot, DemoVote, PILOT_VOTE, secondRoundVote } from './demo-vote-data';
import { castDemoVotes } from './demo-voters';

/** The vote the demo plans for a Community Response Fund round, by its code. */
export function demoVoteFor(code: string, now: Date): DemoVote | undefined {
  return [PILOT_VOTE, secondRoundVote(now)].find((v) => v.roundCode === code);
}

/**
 * Puts a closed public-vote round to the vote as planned, through the services staff and
 * residents use: the grants officer shortlists three bids per area and schedules each area's
 * ballot (which tells the applicants), residents verified by the emailed code vote, and a past
 * ballot is closed, its result published and the winners signed off and published by the
 * Commissioner. Each step is skipped once done, so a second run adds nothing.
 *
 * Past steps happen with the Clock stopped at their time, as for the decided round. From a past
 * ballot's scheduling to its close the Clock never runs, so the ballots sweep (in this process)
 * cannot close it while its residents are voting. A ballot still to close has its timers queued
 * again afterwards at the real time, so its closing job runs when it should.
 */
export async function seedDemoVote(
  app: INestApplicationContext,
  roundId: string,
  created: DemoCreated[],
  now: Date,
): Promise<void> {
  const round = await app.get(RoundsService).get(roundId, { includeDrafts: true });
  const plan = demoVoteFor(round.code, now);
  // A demo database from before this round was historic holds it as a future round: left alone.
  if (!plan || round.status !== 'closed') return;
  const records = app.get(DecisionRecordsService);
  if ((await records.forRound(round.id))?.publishedAt) return;

  const dataSource = app.get(DataSource);
  const officer = await demoStaff(dataSource, DEMO_APPRAISER);
  const commissioner = await demoStaff(dataSource, DEMO_DECISION_MAKER);
  const clock = app.get(Clock);
  for (const ballot of plan.ballots)
    await seedBallot(app, round, ballot, officer.actor, created, now);
  if (!plan.decision) return;

  const { decision } = plan;
  const tally = app.get(TallyService);
  try {
    for (const ballot of await app.get(BallotsService).forRound(round.id)) {
      if (ballot.status !== 'closed') continue;
      clock.freeze(decision.resultsPublishedAt);
      await tally.publish(ballot.id, null, commissioner.actor);
      created.push({ kind: 'vote result', label: `${round.title}: ${ballot.area.name}` });
    }
    if (!(await records.forRound(round.id))) {
      clock.freeze(decision.signedOffAt);
      const record = await app
        .get(VoteDecisionService)
        .signOff(round.id, decision.record, commissioner.actor);
      created.push({ kind: 'decision record', label: `${record.number} ${record.title}` });
    }
    clock.freeze(decision.recordPublishedAt);
    const published = await records.publish(round.id, commissioner.actor);
    created.push({ kind: 'published record', label: published.number });
  } finally {
    clock.freeze(null);
  }
}

/** One area's shortlist and ballot, taken as far as the plan and the demo's "now" allow. */
async function seedBallot(
  app: INestApplicationContext,
  round: GrantRound,
  plan: DemoBallot,
  officer: Actor,
  created: DemoCreated[],
  now: Date,
): Promise<void> {
  const ballots = app.get(BallotsService);
  const clock = app.get(Clock);
  const area = round.areas.find((a) => a.name === plan.areaName);
  if (!area) throw new Error(`${round.title} has no area called ${plan.areaName}`);
  const label = `${round.title}: ${area.name}`;
  const past = plan.closesAt <= now;
  let ballot: Ballot | null = await ballots.forRound(round.id).then((all) => {
    return all.find((b) => b.areaId === area.id) ?? null;
  });
  try {
    if (!ballot || ballot.status === 'draft') {
      clock.freeze(plan.scheduledAt);
      ballot = await scheduleBallot(app, round, plan, ballot, officer);
      created.push({ kind: 'ballot', label: `${label} (scheduled)` });
    }
    if (ballot.status === 'scheduled' && plan.opensAt <= now) {
      clock.freeze(plan.opensAt);
      await app.get(BallotSchedulerService).openIfDue(ballot.id, plan.opensAt);
      ballot = await ballots.get(ballot.id);
    }
    if (ballot.status === 'open') {
      const cast = await castDemoVotes(app, ballot, round.code, plan, past ? plan.closesAt : now);
      if (cast > 0) created.push({ kind: 'votes', label: `${label}: ${cast}` });
    }
    if (past && ballot.status === 'open') {
      clock.freeze(plan.closesAt);
      await app.get(BallotSchedulerService).closeIfDue(ballot.id, plan.closesAt);
    }
  } finally {
    clock.freeze(null);
  }
  // Queued while the Clock stood in the past, the timers would fire late: queue them again now.
  const current = await ballots.get(ballot.id);
  if (current.status === 'scheduled' || current.status === 'open')
    await ballots.enqueueTimers(current);
}

/** The officer's shortlist for the area and the ballot's settings, then scheduling it. */
async function scheduleBallot(
  app: INestApplicationContext,
  round: GrantRound,
  plan: DemoBallot,
  draft: Ballot | null,
  officer: Actor,
): Promise<Ballot> {
  const shortlists = app.get(ShortlistService);
  const ballots = app.get(BallotsService);
  const area = round.areas.find((a) => a.name === plan.areaName)!;
  const current = (await shortlists.forRound(round.id)).areas.find((a) => a.area.id === area.id)!;
  if (current.entries.length === 0) {
    const entries = plan.shortlist.map((entry) => {
      const application = current.candidates.find((c) => c.projectTitle === entry.projectTitle);
      if (!application) throw new Error(`No eligible bid "${entry.projectTitle}" in ${area.name}`);
      const requested = application.amountRequestedPence ?? 0;
      return {
        applicationId: application.id,
        publicTitle: entry.publicTitle,
        publicSummary: entry.publicSummary,
        amountPence: Math.min(requested, area.budgetCapPence ?? requested),
      };
    });
    await shortlists.setShortlist(round.id, area.id, entries, officer);
  }
  const ballot =
    draft ??
    (await ballots.saveSettings(
      round.id,
      area.id,
      {
        opensAt: plan.opensAt,
        closesAt: plan.closesAt,
        postcodeAreas: plan.postcodeAreas,
        postcodeFlagThreshold: 10,
      },
      officer,
    ));
  return ballots.schedule(ballot.id, officer);
}
