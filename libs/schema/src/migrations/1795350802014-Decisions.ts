import { MigrationInterface, QueryRunner } from 'typeorm';

export class Decisions1795350802014 implements MigrationInterface {
  name = 'Decisions1795350802014';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "budget_commitments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "round_id" uuid NOT NULL,
                "application_id" uuid NOT NULL,
                "amount_pence" bigint NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "budget_commitments_amount_check" CHECK (amount_pence > 0),
                CONSTRAINT "PK_4ce3cbe1227c4d0e6bcf7571e55" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "budget_commitments_round_idx" ON "budget_commitments" ("round_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "budget_commitments_application_key" ON "budget_commitments" ("application_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "applicant_feedback" (
                "application_id" uuid NOT NULL,
                "round_id" uuid NOT NULL,
                "feedback" text NOT NULL,
                "written_by_id" uuid,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_5b7af48e69972e3b9a37c0fcc3f" PRIMARY KEY ("application_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "applicant_feedback_round_idx" ON "applicant_feedback" ("round_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "recommendation_items" (
                "application_id" uuid NOT NULL,
                "round_id" uuid NOT NULL,
                "rank" integer NOT NULL,
                "percentage" text NOT NULL,
                "band" text NOT NULL,
                "amount_requested_pence" bigint NOT NULL,
                "recommended" boolean NOT NULL,
                "override_reason" text,
                CONSTRAINT "PK_c1955f6e33c58c4ef4952788d56" PRIMARY KEY ("application_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "recommendation_items_round_idx" ON "recommendation_items" ("round_id", "rank")
        `);
    await queryRunner.query(`
            CREATE TABLE "application_decisions" (
                "application_id" uuid NOT NULL,
                "round_id" uuid NOT NULL,
                "outcome" text NOT NULL,
                "amount_pence" bigint,
                "amount_reason" text,
                "reason" text,
                "decided_by_id" uuid,
                "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "application_decisions_amount_check" CHECK (
                    (
                        outcome = 'approved'
                        AND amount_pence > 0
                    )
                    OR (
                        outcome = 'declined'
                        AND amount_pence IS NULL
                    )
                ),
                CONSTRAINT "PK_f45230a500a1882fd913ae6c75f" PRIMARY KEY ("application_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "application_decisions_round_idx" ON "application_decisions" ("round_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "decision_records" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "round_id" uuid NOT NULL,
                "number" text NOT NULL,
                "title" text NOT NULL,
                "summary" text NOT NULL,
                "declarations" text NOT NULL,
                "total_awarded_pence" bigint NOT NULL,
                "awards_count" integer NOT NULL,
                "declined_count" integer NOT NULL,
                "signed_off_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "signed_off_by_id" uuid,
                "signed_off_by_name" text NOT NULL,
                "published_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "decision_records_total_check" CHECK (total_awarded_pence >= 0),
                CONSTRAINT "PK_5c4228e4d0688e350f0b43858e9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "decision_records_number_key" ON "decision_records" ("number")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "decision_records_round_key" ON "decision_records" ("round_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "awards" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "application_id" uuid NOT NULL,
                "round_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "decision_record_id" uuid NOT NULL,
                "amount_pence" bigint NOT NULL,
                "status" text NOT NULL DEFAULT 'offered',
                "offered_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "awards_amount_check" CHECK (amount_pence > 0),
                CONSTRAINT "PK_bc3f6adc548ff46c76c03e06377" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "awards_organisation_idx" ON "awards" ("organisation_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "awards_round_idx" ON "awards" ("round_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "awards_application_key" ON "awards" ("application_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "decision_record_counters" (
                "year" integer NOT NULL,
                "last_sequence" integer NOT NULL,
                CONSTRAINT "PK_61b7a6e6d9b423481608ab203c4" PRIMARY KEY ("year")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "round_assessments"
            ADD "publish_scores" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            ALTER TABLE "budget_commitments"
            ADD CONSTRAINT "FK_9038db4b1610e97fa6ea6cebea2" FOREIGN KEY ("round_id") REFERENCES "grant_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "recommendation_items"
            ADD CONSTRAINT "FK_e6fa754a15a7e5b647af4a46ab5" FOREIGN KEY ("round_id") REFERENCES "grant_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "application_decisions"
            ADD CONSTRAINT "FK_f7d0d05ce8ed5374626625a6408" FOREIGN KEY ("round_id") REFERENCES "grant_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "decision_records"
            ADD CONSTRAINT "FK_630c7cbdb5dd0c28b9407308ccb" FOREIGN KEY ("round_id") REFERENCES "grant_rounds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "awards"
            ADD CONSTRAINT "FK_44502edb1f699ffd61a2f6385cd" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "awards"
            ADD CONSTRAINT "FK_0c076a31ac59396628bb0dded25" FOREIGN KEY ("decision_record_id") REFERENCES "decision_records"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "awards" DROP CONSTRAINT "FK_0c076a31ac59396628bb0dded25"
        `);
    await queryRunner.query(`
            ALTER TABLE "awards" DROP CONSTRAINT "FK_44502edb1f699ffd61a2f6385cd"
        `);
    await queryRunner.query(`
            ALTER TABLE "decision_records" DROP CONSTRAINT "FK_630c7cbdb5dd0c28b9407308ccb"
        `);
    await queryRunner.query(`
            ALTER TABLE "application_decisions" DROP CONSTRAINT "FK_f7d0d05ce8ed5374626625a6408"
        `);
    await queryRunner.query(`
            ALTER TABLE "recommendation_items" DROP CONSTRAINT "FK_e6fa754a15a7e5b647af4a46ab5"
        `);
    await queryRunner.query(`
            ALTER TABLE "budget_commitments" DROP CONSTRAINT "FK_9038db4b1610e97fa6ea6cebea2"
        `);
    await queryRunner.query(`
            ALTER TABLE "round_assessments" DROP COLUMN "publish_scores"
        `);
    await queryRunner.query(`
            DROP TABLE "decision_record_counters"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."awards_application_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."awards_round_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."awards_organisation_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "awards"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."decision_records_round_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."decision_records_number_key"
        `);
    await queryRunner.query(`
            DROP TABLE "decision_records"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."application_decisions_round_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "application_decisions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."recommendation_items_round_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "recommendation_items"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."applicant_feedback_round_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "applicant_feedback"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."budget_commitments_application_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."budget_commitments_round_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "budget_commitments"
        `);
  }
}
