import { Application } from '@grants/applications';
import { Award } from '@grants/awards';
import { Actor, AuditService, Clock, SYSTEM_ACTOR, ukToday } from '@grants/core';
import { GrantRound } from '@grants/funds';
import { Applicant } from '@grants/identity';
import {
  AwardAcceptanceService,
  AwardClosureService,
  AwardVariation,
  AwardVariationsService,
  GrantPayment,
  GrantPaymentsService,
  GrantRemindersService,
  MonitoringReturn,
  MonitoringReturnsService,
  offerHasLapsed,
} from '@grants/monitoring';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEMO_APPRAISER } from './demo-application-seed';
import {
  LIVE_OFFER_REASON,
  liveGrantStories,
  LiveGrantStep,
  LiveGrantStory,
  PROJECT_DATES_REASON,
} from './demo-live-grants';
import { demoStaff } from './demo-scoring';
import type { DemoCreated } from './demo-seed';

export const DEMO_FINANCE = 'finance@opcc.localhost';

/** An award the demo takes on, with the application and the member who acts for it. */
interface LiveGrant {
  story: LiveGrantStory;
  application: Application;
  grantee: Applicant;
  awardId: string;
}

interface Actors {
  officer: Actor;
  finance: Actor;
}

/**
 * Takes a decided round's offered awards on after the decision, as planned in
 * demo-live-grants.ts, through the services grantees, officers and finance use (so each step has
 * its audit event and its email): accepted, paid, returns sent and reviewed, a variation, a
 * closure. The steps of all the round's grants run in time order with the Clock stopped at each
 * step's time, and the Clock only moves forward meanwhile, so a reminders sweep in this process
 * (which reads the same Clock) never sees a grant out of its time. A worker in another process
 * sweeps on real time and could lapse an old offer between steps: that grant is then skipped.
 *
 * Each step checks the grant's state first and is skipped once done, so a second run adds
 * nothing and a run stopped half-way carries on. An offer that lapsed or was declined (an older
 * demo database left running) is left as it is.
 */
export async function seedLiveGrants(
  app: INestApplicationContext,
  round: GrantRound,
  created: DemoCreated[],
  now: Date,
): Promise<void> {
  const stories = liveGrantStories(now).filter((s) => s.roundCode === round.code);
  if (stories.length === 0) return;
  const dataSource = app.get(DataSource);
  const grants: LiveGrant[] = [];
  for (const story of stories) {
    const application = await dataSource
      .getRepository(Application)
      .findOneBy({ roundId: round.id, projectTitle: story.projectTitle });
    const award =
      application &&
      (await dataSource.getRepository(Award).findOneBy({ applicationId: application.id }));
    if (!application || !award || (award.status !== 'offered' && award.status !== 'accepted'))
      continue;
    if (story.liveOffer) {
      await keepOfferOpen(
        app,
        award,
        application.reference ?? story.projectTitle,
        story.liveOffer,
        created,
        now,
      );
      continue;
    }
    const grantee = await dataSource
      .getRepository(Applicant)
      .findOneByOrFail({ id: application.createdById });
    grants.push({ story, application, grantee, awardId: award.id });
  }
  if (grants.length === 0) return;

  const actors: Actors = {
    officer: (await demoStaff(dataSource, DEMO_APPRAISER)).actor,
    finance: (await demoStaff(dataSource, DEMO_FINANCE)).actor,
  };
  const timeline = grants
    .flatMap((grant) => grant.story.steps.map((step) => ({ grant, step })))
    .sort((a, b) => a.step.at.getTime() - b.step.at.getTime());
  const clock = app.get(Clock);
  try {
    for (const { grant, step } of timeline) {
      clock.freeze(step.at);
      const done = await runStep(app, grant, step, actors);
      if (done)
        created.push({
          kind: 'grant step',
          label: `${grant.application.reference ?? grant.story.projectTitle}: ${done}`,
        });
    }
  } finally {
    clock.freeze(null);
  }
}

/**
 * The offer made in 2022 lapsed long ago; the demo keeps it open until `until` so there is an
 * offer to accept, in one transaction with its audit event.
 */
async function keepOfferOpen(
  app: INestApplicationContext,
  award: Award,
  reference: string,
  until: string,
  created: DemoCreated[],
  now: Date,
): Promise<void> {
  if (
    award.status !== 'offered' ||
    !award.offerExpiresOn ||
    !offerHasLapsed(award.offerExpiresOn, now)
  )
    return;
  const audit = app.get(AuditService);
  await app.get(DataSource).transaction(async (manager) => {
    await manager.update(Award, { id: award.id }, { offerExpiresOn: until });
    await audit.record(manager, SYSTEM_ACTOR, {
      action: 'award.offer-extended',
      subjectType: 'award',
      subjectId: award.id,
      before: { offerExpiresOn: award.offerExpiresOn },
      after: { offerExpiresOn: until },
      reason: LIVE_OFFER_REASON,
    });
  });
  created.push({ kind: 'live offer', label: `${reference} open until ${until}` });
}

/** Runs one step unless the grant is past it; says what it did, or null when skipped. */
async function runStep(
  app: INestApplicationContext,
  grant: LiveGrant,
  step: LiveGrantStep,
  { officer, finance }: Actors,
): Promise<string | null> {
  const manager = app.get(DataSource).manager;
  const { application, grantee, awardId } = grant;
  const award = await manager.findOneByOrFail(Award, { id: awardId });
  if (step.kind === 'accept') {
    if (award.status !== 'offered' || !award.offerExpiresOn) return null;
    if (offerHasLapsed(award.offerExpiresOn, step.at)) return null;
    await setProjectDates(app, grant);
    await app
      .get(AwardAcceptanceService)
      .accept(grantee, application.id, { name: step.name, role: step.role, confirmed: true });
    return 'accepted';
  }
  if (award.status !== 'accepted') return null;
  const returnOf = (sequence: number) => manager.findOneBy(MonitoringReturn, { awardId, sequence });

  switch (step.kind) {
    case 'pay': {
      const payment = await manager.findOneBy(GrantPayment, { awardId, sequence: step.sequence });
      if (payment?.status !== 'due') return null;
      await app.get(GrantPaymentsService).markPaid(finance, payment.id, {
        paidOn: ukToday(step.at),
        amountPence: payment.amountPence,
        reference: step.reference,
      });
      return `payment ${step.sequence} paid`;
    }
    case 'submit': {
      const found = await returnOf(step.sequence);
      if (found?.status !== (step.answer ? 'more-information' : 'due')) return null;
      await app
        .get(MonitoringReturnsService)
        .submit(grantee, application.id, found.id, step.answers);
      return `return ${step.sequence} ${step.answer ? 'answered' : 'sent'}`;
    }
    case 'review': {
      const found = await returnOf(step.sequence);
      if (found?.status !== 'submitted') return null;
      // The question is kept on the return: asked once, it is not asked again.
      if (step.review.outcome === 'more-information' && found.question) return null;
      await app.get(MonitoringReturnsService).review(officer, found.id, step.review);
      return `return ${step.sequence} ${step.review.outcome === 'accept' ? 'accepted' : 'questioned'} (${step.review.rag})`;
    }
    case 'request-variation': {
      if (await manager.existsBy(AwardVariation, { awardId })) return null;
      await app.get(AwardVariationsService).request(grantee, application.id, step.request);
      return 'variation requested';
    }
    case 'approve-variation': {
      const open = await manager.findOneBy(AwardVariation, { awardId, status: 'requested' });
      if (!open) return null;
      await app.get(AwardVariationsService).decide(officer, open.id, true, step.reason);
      return 'variation approved';
    }
    case 'close': {
      await app.get(AwardClosureService).close(officer, awardId, step.closure);
      return 'closed';
    }
  }
}

/**
 * The project's start and length as the story needs them, set on the application before the
 * grant is accepted (the schedule is made from them then), with an audit event that says why.
 */
async function setProjectDates(app: INestApplicationContext, grant: LiveGrant): Promise<void> {
  const { project } = grant.story;
  const { application } = grant;
  if (!project) return;
  if (
    application.startDate === project.startOn &&
    application.durationMonths === project.durationMonths
  )
    return;
  const audit = app.get(AuditService);
  await app.get(DataSource).transaction(async (manager) => {
    await manager.update(
      Application,
      { id: application.id },
      { startDate: project.startOn, durationMonths: project.durationMonths },
    );
    await audit.record(manager, SYSTEM_ACTOR, {
      action: 'application.project-dates-set',
      subjectType: 'application',
      subjectId: application.id,
      before: { startDate: application.startDate, durationMonths: application.durationMonths },
      after: { startDate: project.startOn, durationMonths: project.durationMonths },
      reason: PROJECT_DATES_REASON,
    });
  });
}

/**
 * Sends the grant reminders due now (a return due within the week, one overdue) straight away,
 * rather than at the reminders job's next run; each goes once, so a second run sends nothing.
 */
export async function sendDueGrantReminders(
  app: INestApplicationContext,
  created: DemoCreated[],
  now: Date,
): Promise<void> {
  const { reminders } = await app.get(GrantRemindersService).sweep(now);
  for (let i = 0; i < reminders; i += 1)
    created.push({ kind: 'grant reminder', label: 'reminder sent' });
}
