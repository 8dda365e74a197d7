import { AuditService, SYSTEM_ACTOR } from '@grants/core';
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
import { DEMO_FUNDS, DEMO_PASSWORD, DEMO_STAFF, demoRounds } from './demo-data';
import { markHistoricRound } from './historic-round';

export interface DemoSeedResult {
  created: string[];
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
 * a second run keeps the data (and anything people changed in it).
 */
export async function seedDemo(
  app: INestApplicationContext,
  now = new Date(),
): Promise<DemoSeedResult> {
  const dataSource = app.get(DataSource);
  const created: string[] = [];

  const staff = app.get(StaffUsersService);
  for (const user of DEMO_STAFF) {
    if (await dataSource.getRepository(StaffUser).existsBy({ email: user.email })) continue;
    await staff.create({ ...user, password: DEMO_PASSWORD }, SYSTEM_ACTOR);
    created.push(`staff user ${user.email}`);
  }

  const funds = app.get(FundsService);
  for (const fund of DEMO_FUNDS) {
    if (await dataSource.getRepository(Fund).existsBy({ slug: fund.slug })) continue;
    await funds.create(fund, SYSTEM_ACTOR);
    created.push(`fund ${fund.name}`);
  }

  const rounds = app.get(RoundsService);
  const scheduler = app.get(RoundSchedulerService);
  const audit = app.get(AuditService);
  const seeded: DemoSeedResult['rounds'] = [];
  for (const spec of demoRounds(now)) {
    const fund = await dataSource.getRepository(Fund).findOneByOrFail({ slug: spec.fundSlug });
    let round = await dataSource
      .getRepository(GrantRound)
      .findOneBy({ fundId: fund.id, code: spec.input.code });
    if (!round) {
      round = await rounds.create(spec.fundSlug, spec.input, SYSTEM_ACTOR);
      created.push(`round ${spec.input.title}`);
    }
    // Brings a round left in draft (a first run stopped half-way) to the state the demo shows.
    if (round.status === 'draft') {
      if (spec.target === 'closed') {
        await markHistoricRound(dataSource, audit, round.id, now);
      } else if (spec.target !== 'draft' && round.closesAt > now) {
        await rounds.schedule(round.id, SYSTEM_ACTOR, SEED_REASON);
      }
    }
    // Its open job is queued already; opening now as well (idempotent) means the home page
    // lists it as soon as the demo prints its address.
    if (spec.target === 'open') await scheduler.openIfDue(round.id);
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
  return { created, rounds: seeded };
}
