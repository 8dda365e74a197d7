import { SYSTEM_ACTOR } from '@grants/core';
import {
  Fund,
  FundsService,
  GrantRound,
  RoundSchedulerService,
  RoundsService,
  RoundStatus,
} from '@grants/funds';
import { StaffUser, StaffUsersService } from '@grants/identity';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { seedDemoOrganisations } from './demo-applicants';
import { DEMO_APPRAISER, seedRoundApplications } from './demo-application-seed';
import { DIVERSION_SCORING } from './demo-assessment-plan';
import { demoApplications } from './demo-applications';
import { DEMO_FUNDS, DEMO_PASSWORD, DEMO_STAFF, DemoRound, demoRounds } from './demo-data';
import { seedDecidedRound } from './demo-decided-round';
import { seedDemoVote } from './demo-vote-rounds';
import { demoStaff, seedScoring } from './demo-scoring';
import { seedLiveGrants, sendDueGrantReminders } from './seed-live-grants';

/** A record the seed made this run, by kind ("round", "application"...). */
export interface DemoCreated {
  kind: string;
  label: string;
}

export interface DemoSeedResult {
  created: DemoCreated[];
  rounds: {
    id: string;
    fund: string;
    title: string;
    status: RoundStatus;
    closesAt: Date;
    opensAt: Date;
  }[];
}

const SEED_REASON = 'demo seed';

/**
 * Seeds the demo through the domain services, so every row has its audit trail and the open and
 * scheduled rounds have their jobs queued. Idempotent: what exists already is left as it is, so
 * a second run keeps the data (and anything people changed in it). Applications come from the
 * demo's organisations: in the open round as they are today, in the historic rounds as they
 * were while those rounds were open (see demo-application-seed.ts). Diversion is then being
 * scored (demo-scoring.ts), Children and Young People decided (demo-decided-round.ts) and the
 * Community Response Fund's rounds put to the public vote (demo-vote-rounds.ts); the awards of
 * the decided round and of the pilot's vote are then taken on as live grants at every stage
 * (seed-live-grants.ts).
 */
export async function seedDemo(
  app: INestApplicationContext,
  now = new Date(),
): Promise<DemoSeedResult> {
  const dataSource = app.get(DataSource);
  const created: DemoCreated[] = [];

  const staff = app.get(StaffUsersService);
  for (const user of DEMO_STAFF) {
    if (await dataSource.getRepository(StaffUser).existsBy({ email: user.email })) continue;
    await staff.create({ ...user, password: DEMO_PASSWORD }, SYSTEM_ACTOR);
    created.push({ kind: 'staff user', label: user.email });
  }

  const funds = app.get(FundsService);
  for (const fund of DEMO_FUNDS) {
    if (await dataSource.getRepository(Fund).existsBy({ slug: fund.slug })) continue;
    await funds.create(fund, SYSTEM_ACTOR);
    created.push({ kind: 'fund', label: fund.name });
  }

  const people = await seedDemoOrganisations(app, created);

  const rounds = app.get(RoundsService);
  const scheduler = app.get(RoundSchedulerService);
  const seeded: DemoSeedResult['rounds'] = [];
  const allApplications = demoApplications(now);
  for (const spec of demoRounds(now)) {
    const fund = await dataSource.getRepository(Fund).findOneByOrFail({ slug: spec.fundSlug });
    let round = await dataSource
      .getRepository(GrantRound)
      .findOneBy({ fundId: fund.id, code: spec.input.code });
    if (!round) {
      round = await rounds.create(spec.fundSlug, spec.input, SYSTEM_ACTOR);
      created.push({ kind: 'round', label: spec.input.title });
    }
    const applications = allApplications.filter((a) => a.roundCode === spec.input.code);
    if (spec.target === 'closed' && round.closesAt <= now) {
      // Also brings a round left in draft or open (a first run stopped half-way) to closed.
      // (A round an older demo made with future dates is not historic: it is left alone.)
      const loaded = await rounds.get(round.id, { includeDrafts: true });
      await seedRoundApplications(app, loaded, 'closed', applications, people, created, now);
      await seedAssessment(app, spec, round.id, created, now);
    } else if (round.status === 'draft' && spec.target !== 'draft' && round.closesAt > now) {
      // A round left in draft (a first run stopped half-way) goes on to the state the demo shows.
      await rounds.schedule(round.id, SYSTEM_ACTOR, SEED_REASON);
    }
    if (spec.target === 'open') {
      // Its open job is queued already; opening now as well (idempotent) means the home page
      // lists it as soon as the demo prints its address.
      await scheduler.openIfDue(round.id);
      const loaded = await rounds.get(round.id, { includeDrafts: true });
      await seedRoundApplications(app, loaded, 'open', applications, people, created, now);
    }
    const current = await rounds.get(round.id, { includeDrafts: true });
    seeded.push({
      id: current.id,
      fund: fund.name,
      title: current.title,
      status: current.status,
      opensAt: current.opensAt,
      closesAt: current.closesAt,
    });
  }
  // Last, once every round's grants are as planned: the reminders due today go out now.
  await sendDueGrantReminders(app, created, now);
  return { created, rounds: seeded };
}

/**
 * A closed round being scored now (Diversion), decided with its record published (CYP), or put
 * to the public vote (the Community Response Fund's rounds).
 */
async function seedAssessment(
  app: INestApplicationContext,
  spec: DemoRound,
  roundId: string,
  created: DemoCreated[],
  now: Date,
): Promise<void> {
  if (spec.assessment === 'scoring') {
    const officer = await demoStaff(app.get(DataSource), DEMO_APPRAISER);
    await seedScoring(app, roundId, DIVERSION_SCORING, officer.actor, created);
  } else if (spec.assessment === 'decided') {
    const round = await app.get(RoundsService).get(roundId, { includeDrafts: true });
    await seedDecidedRound(app, round, created);
    await seedLiveGrants(app, round, created, now);
  } else if (spec.assessment === 'vote') {
    await seedDemoVote(app, roundId, created, now);
    // Straight after the decision, so the offers are taken up before the reminders job could
    // lapse them (the pilot's offers were made in 2023).
    const round = await app.get(RoundsService).get(roundId, { includeDrafts: true });
    await seedLiveGrants(app, round, created, now);
  }
}
