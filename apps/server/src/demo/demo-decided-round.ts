import { RecommendationService } from '@grants/assessment';
import {
  DecisionPackageService,
  DecisionRecordsService,
  DecisionSignOffService,
} from '@grants/awards';
import { Clock } from '@grants/core';
import { GrantRound } from '@grants/funds';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEMO_APPRAISER } from './demo-application-seed';
import {
  CYP_DECISIONS,
  CYP_RECORD,
  CYP_TIMELINE,
  DEMO_DECISION_MAKER,
} from './demo-assessment-plan';
import { demoStaff, seedScoring } from './demo-scoring';
import type { DemoCreated } from './demo-seed';

/**
 * Takes the Children and Young People round from its eligible applications to a published
 * decision record, through the services staff use: scored by the assessor and the panel member,
 * recommended by the grants officer, each recommended bid approved (one at a reduced amount) or
 * declined with the officer's feedback by the Commissioner, signed off (the record, the awards
 * offered and one notice per applicant) and published.
 *
 * The round happened in 2022, so while the services that take "now" from the Clock record a step
 * (the recommendation sent, the sign-off and its record number, the publication) the Clock is
 * set to when that step happened, as the applications are filed (demo-application-seed.ts).
 * Each step is skipped once done; once the record is published the round is left alone.
 */
export async function seedDecidedRound(
  app: INestApplicationContext,
  round: GrantRound,
  created: DemoCreated[],
): Promise<void> {
  const dataSource = app.get(DataSource);
  const records = app.get(DecisionRecordsService);
  // A demo database from before this round was historic holds it as a future round: left as it is.
  if (round.status !== 'closed') return;
  const signedOff = await records.forRound(round.id);
  if (signedOff?.publishedAt) return;

  const officer = await demoStaff(dataSource, DEMO_APPRAISER);
  const commissioner = await demoStaff(dataSource, DEMO_DECISION_MAKER);
  const at = clockAt(app.get(Clock));

  if (!signedOff) {
    await seedScoring(app, round.id, CYP_DECISIONS, officer.actor, created);
    const recommendation = app.get(RecommendationService);
    if ((await recommendation.package(round.id)).items.length === 0) {
      await at(CYP_TIMELINE.recommendationSentAt, () =>
        recommendation.submit(round.id, officer.actor),
      );
      created.push({ kind: 'recommendation', label: round.title });
    }

    const packages = app.get(DecisionPackageService);
    const { rows } = await packages.view(round.id);
    for (const { projectTitle, decision } of CYP_DECISIONS) {
      const row = rows.find((r) => r.projectTitle === projectTitle);
      if (!row?.recommended || row.decision) continue;
      if (decision.outcome === 'approved') {
        const { amountPence, amountReason } = decision;
        await packages.approve(
          round.id,
          row.applicationId,
          { amountPence, amountReason },
          commissioner.actor,
        );
      } else {
        if (!row.feedback)
          await recommendation.setFeedback(
            round.id,
            row.applicationId,
            decision.feedback,
            officer.actor,
          );
        await packages.decline(round.id, row.applicationId, decision.reason, commissioner.actor);
      }
      created.push({ kind: 'decision', label: `${projectTitle}: ${decision.outcome}` });
    }

    const record = await at(CYP_TIMELINE.decidedAt, () =>
      app.get(DecisionSignOffService).signOff(round.id, CYP_RECORD, commissioner.actor),
    );
    created.push({ kind: 'decision record', label: `${record.number} ${record.title}` });
  }

  const published = await at(CYP_TIMELINE.publishedAt, () =>
    records.publish(round.id, commissioner.actor),
  );
  created.push({ kind: 'published record', label: published.number });
}

/** Runs `work` with the Clock stopped at `when`, then starts it again. */
function clockAt(clock: Clock) {
  return async <T>(when: Date, work: () => Promise<T>): Promise<T> => {
    clock.freeze(when);
    try {
      return await work();
    } finally {
      clock.freeze(null);
    }
  };
}
