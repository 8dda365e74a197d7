import { Application } from '@grants/applications';
import { AssignmentsService, RubricService, ScoringService } from '@grants/assessment';
import { Actor } from '@grants/core';
import { StaffUser, staffActor } from '@grants/identity';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DemoScoredApplication, scoreComment } from './demo-assessment-plan';
import type { DemoCreated } from './demo-seed';

/** A demo staff user, with the actor their changes are recorded under. */
export async function demoStaff(
  dataSource: DataSource,
  email: string,
): Promise<{ user: StaffUser; actor: Actor }> {
  const user = await dataSource.getRepository(StaffUser).findOneByOrFail({ email });
  return { user, actor: staffActor(user) };
}

/**
 * Scores a round's eligible applications as planned, through the services an assessor uses: the
 * officer assigns each planned assessor, who declares no conflict, saves a score and comment for
 * each criterion and (when planned) submits. The round gets the default rubric if it has none.
 * An assignment that exists already is left as it is (whatever became of it), so a second run
 * changes nothing.
 */
export async function seedScoring(
  app: INestApplicationContext,
  roundId: string,
  plan: DemoScoredApplication[],
  officer: Actor,
  created: DemoCreated[],
): Promise<void> {
  const dataSource = app.get(DataSource);
  const rubric = app.get(RubricService);
  const assignments = app.get(AssignmentsService);
  const scoring = app.get(ScoringService);
  let criteria = await rubric.criteria(roundId);

  for (const { projectTitle, scorers } of plan) {
    const application = await dataSource
      .getRepository(Application)
      .findOneBy({ roundId, projectTitle, status: 'eligible' });
    if (!application) continue;
    const existing = await assignments.forApplication(application.id);
    for (const { assessor: email, scores, submit } of scorers) {
      const assessor = await demoStaff(dataSource, email);
      if (existing.some((a) => a.assessorId === assessor.user.id)) continue;
      if (criteria.length === 0) criteria = await rubric.ensure(roundId, officer);
      const [assignment] = await assignments.assign(application.id, [assessor.user.id], officer);
      await assignments.declare(assignment.id, assessor.user, { conflict: false }, assessor.actor);
      await scoring.save(
        assignment.id,
        assessor.user,
        scores.map((score, i) => ({
          criterionId: criteria[i].id,
          score,
          comment: scoreComment(i, score),
        })),
        assessor.actor,
      );
      if (submit) await scoring.submit(assignment.id, assessor.user, assessor.actor);
      created.push({
        kind: 'assessment',
        label: `${projectTitle} by ${email}${submit ? '' : ' (in progress)'}`,
      });
    }
  }
}
