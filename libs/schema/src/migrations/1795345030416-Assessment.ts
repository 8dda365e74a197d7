import { MigrationInterface, QueryRunner } from 'typeorm';

export class Assessment1795345030416 implements MigrationInterface {
  name = 'Assessment1795345030416';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "assessment_criteria" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "round_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "title" text NOT NULL,
                "guidance" text NOT NULL DEFAULT '',
                "max_score" integer NOT NULL,
                "weight" integer NOT NULL,
                CONSTRAINT "assessment_criteria_weight_check" CHECK (
                    weight BETWEEN 1 AND 100
                ),
                CONSTRAINT "assessment_criteria_max_check" CHECK (
                    max_score BETWEEN 1 AND 100
                ),
                CONSTRAINT "PK_61d6c22cc4e4b391a7f554cbd83" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "assessment_criteria_round_idx" ON "assessment_criteria" ("round_id", "position")
        `);
    await queryRunner.query(`
            CREATE TABLE "assessor_assignments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "application_id" uuid NOT NULL,
                "assessor_id" uuid NOT NULL,
                "status" text NOT NULL DEFAULT 'awaiting-declaration',
                "assigned_by_id" uuid,
                "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "declared_at" TIMESTAMP WITH TIME ZONE,
                "conflict_note" text,
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_a43efb824779eab2c1d353dc62b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "assessor_assignments_assessor_idx" ON "assessor_assignments" ("assessor_id", "status")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "assessor_assignments_key" ON "assessor_assignments" ("application_id", "assessor_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "criterion_scores" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "assignment_id" uuid NOT NULL,
                "criterion_id" uuid NOT NULL,
                "score" integer NOT NULL,
                "comment" text NOT NULL DEFAULT '',
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "criterion_scores_score_check" CHECK (score >= 0),
                CONSTRAINT "PK_c19ea124c8d83836d6a79df1b4e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "criterion_scores_key" ON "criterion_scores" ("assignment_id", "criterion_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "round_assessments" (
                "round_id" uuid NOT NULL,
                "moderation_spread_bp" integer NOT NULL DEFAULT '2000',
                "rubric_frozen_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "round_assessments_spread_check" CHECK (
                    moderation_spread_bp BETWEEN 0 AND 10000
                ),
                CONSTRAINT "PK_938116c394d537d7f0c72079cb5" PRIMARY KEY ("round_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "assessment_criteria"
            ADD CONSTRAINT "FK_081b0047d3a72c2faddb4278699" FOREIGN KEY ("round_id") REFERENCES "grant_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "assessor_assignments"
            ADD CONSTRAINT "FK_c0ff355d241f07afe2473b1cde8" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "assessor_assignments"
            ADD CONSTRAINT "FK_5e100ec352039625c5dee2f5710" FOREIGN KEY ("assessor_id") REFERENCES "staff_users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "criterion_scores"
            ADD CONSTRAINT "FK_8d3932fa4f8a11eef302f64a463" FOREIGN KEY ("assignment_id") REFERENCES "assessor_assignments"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "criterion_scores"
            ADD CONSTRAINT "FK_a6de1a386120d655ba36afd24ae" FOREIGN KEY ("criterion_id") REFERENCES "assessment_criteria"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "round_assessments"
            ADD CONSTRAINT "FK_938116c394d537d7f0c72079cb5" FOREIGN KEY ("round_id") REFERENCES "grant_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "round_assessments" DROP CONSTRAINT "FK_938116c394d537d7f0c72079cb5"
        `);
    await queryRunner.query(`
            ALTER TABLE "criterion_scores" DROP CONSTRAINT "FK_a6de1a386120d655ba36afd24ae"
        `);
    await queryRunner.query(`
            ALTER TABLE "criterion_scores" DROP CONSTRAINT "FK_8d3932fa4f8a11eef302f64a463"
        `);
    await queryRunner.query(`
            ALTER TABLE "assessor_assignments" DROP CONSTRAINT "FK_5e100ec352039625c5dee2f5710"
        `);
    await queryRunner.query(`
            ALTER TABLE "assessor_assignments" DROP CONSTRAINT "FK_c0ff355d241f07afe2473b1cde8"
        `);
    await queryRunner.query(`
            ALTER TABLE "assessment_criteria" DROP CONSTRAINT "FK_081b0047d3a72c2faddb4278699"
        `);
    await queryRunner.query(`
            DROP TABLE "round_assessments"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."criterion_scores_key"
        `);
    await queryRunner.query(`
            DROP TABLE "criterion_scores"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."assessor_assignments_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."assessor_assignments_assessor_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "assessor_assignments"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."assessment_criteria_round_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "assessment_criteria"
        `);
  }
}
