import {
  AnswersPatch,
  Application,
  ApplicationsService,
  AppraisalService,
} from '@grants/applications';
import { Actor, AuditService, Clock, fromUkLocal } from '@grants/core';
import { GrantRound } from '@grants/funds';
import { StaffUser, staffActor } from '@grants/identity';
import { INestApplicationContext } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import type { DemoPeople } from './demo-applicants';
import { DemoApplication, DemoAnswers } from './demo-applications';
import type { DemoCreated } from './demo-seed';
import { markHistoricRound, whileHistoricRoundOpen } from './historic-round';

/** The grants officer who appraises the demo's applications. */
export const DEMO_APPRAISER = 'officer@opcc.localhost';

interface Seeding {
  app: INestApplicationContext;
  people: DemoPeople;
  created: DemoCreated[];
  officer: Actor;
}

/**
 * Brings a round to the state the demo shows, with its applications. Only applications not there
 * yet are made (found by organisation and title); what is there is left as it is, so people's
 * changes survive a second run. A historic round is opened while they are filed, then closed.
 */
export async function seedRoundApplications(
  app: INestApplicationContext,
  round: GrantRound,
  target: 'open' | 'closed',
  specs: DemoApplication[],
  people: DemoPeople,
  created: DemoCreated[],
  now: Date,
): Promise<void> {
  const dataSource = app.get(DataSource);
  const missing: DemoApplication[] = [];
  for (const spec of specs) {
    const organisation = people.organisations.get(spec.organisation)!.organisation;
    const exists = await dataSource.getRepository(Application).existsBy({
      roundId: round.id,
      organisationId: organisation.id,
      projectTitle: spec.projectTitle,
    });
    if (!exists) missing.push(spec);
  }

  if (target === 'closed') {
    const audit = app.get(AuditService);
    if (missing.length === 0) {
      await markHistoricRound(dataSource, audit, round.id, now);
      return;
    }
    const officer = await appraiser(dataSource);
    // Submission order is reference order: CSF-2022-DIV-0001 is the first one in.
    const inOrder = [...missing].sort(
      (a, b) => submittedAt(a).getTime() - submittedAt(b).getTime(),
    );
    await whileHistoricRoundOpen(
      dataSource,
      audit,
      round.id,
      async () => {
        for (const spec of inOrder)
          await fileApplication({ app, people, created, officer }, round, spec);
      },
      now,
    );
    return;
  }

  // An open round takes applications only until it closes (a demo database kept for weeks).
  if (missing.length === 0 || round.status !== 'open' || round.closesAt <= now) return;
  const officer = await appraiser(dataSource);
  for (const spec of missing) await fileApplication({ app, people, created, officer }, round, spec);
}

/** Starts, fills in and submits an application, then the officer's outcome or the withdrawal. */
async function fileApplication(
  seeding: Seeding,
  round: GrantRound,
  spec: DemoApplication,
): Promise<void> {
  const { app, people, officer } = seeding;
  const applications = app.get(ApplicationsService);
  const appraisal = app.get(AppraisalService);
  const clock = app.get(Clock);
  const { organisation, members } = people.organisations.get(spec.organisation)!;
  const applicant = spec.by ? people.applicants.get(spec.by)! : members[0];

  // Historic applications are made and sent at the time they were, while the round was open.
  if (spec.submittedAtUk) clock.freeze(submittedAt(spec));
  let id: string;
  try {
    id = (await applications.start(applicant, round.id, organisation.id)).id;
    await applications.saveAnswers(
      applicant,
      id,
      { projectTitle: spec.projectTitle, ...answersFor(spec.answers, round) },
      { complete: true },
    );
    if (spec.outcome !== 'draft') await applications.submit(applicant, id);
  } finally {
    clock.freeze(null);
  }

  const checklist = round.appraisalChecklist;
  switch (spec.outcome) {
    case 'eligible':
      await appraisal.appraise(id, { confirmed: checklist, outcome: 'eligible' }, officer);
      break;
    case 'ineligible':
      await appraisal.appraise(
        id,
        { confirmed: checklist.slice(0, 1), outcome: 'ineligible', reason: spec.reason },
        officer,
      );
      break;
    case 'more-information':
      await appraisal.appraise(
        id,
        { confirmed: checklist.slice(0, -1), outcome: 'more-information', reason: spec.reason },
        officer,
      );
      break;
    case 'withdrawn':
      await applications.withdraw(applicant, id, spec.reason);
      break;
    default:
      break;
  }
  seeding.created.push({
    kind: 'application',
    label: `${spec.projectTitle} (${round.code}, ${spec.outcome})`,
  });
}

/** The answers for the round: the area by its name, the start date from the round's close. */
export function answersFor(answers: DemoAnswers, round: Pick<GrantRound, 'areas' | 'closesAt'>) {
  const { areaName, startMonthsAfterClose, ...rest } = answers;
  const patch: AnswersPatch = { ...rest };
  if (areaName !== undefined) {
    const area = round.areas.find((a) => a.name === areaName);
    if (!area) throw new Error(`The round has no area called ${areaName}`);
    patch.areaId = area.id;
  }
  if (startMonthsAfterClose !== undefined)
    patch.startDate = DateTime.fromJSDate(round.closesAt, { zone: 'Europe/London' })
      .plus({ months: startMonthsAfterClose })
      .startOf('month')
      .toISODate()!;
  return patch;
}

export function submittedAt(spec: DemoApplication): Date {
  if (!spec.submittedAtUk) throw new Error(`${spec.projectTitle} has no submission time`);
  return fromUkLocal(spec.submittedAtUk.date, spec.submittedAtUk.time);
}

async function appraiser(dataSource: DataSource): Promise<Actor> {
  const user = await dataSource.getRepository(StaffUser).findOneByOrFail({ email: DEMO_APPRAISER });
  return staffActor(user);
}
