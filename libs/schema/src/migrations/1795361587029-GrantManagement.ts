import { MigrationInterface, QueryRunner } from 'typeorm';

export class GrantManagement1795361587029 implements MigrationInterface {
  name = 'GrantManagement1795361587029';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "award_variations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "award_id" uuid NOT NULL,
                "status" text NOT NULL DEFAULT 'requested',
                "previous_amount_pence" bigint NOT NULL,
                "previous_end_on" date,
                "new_amount_pence" bigint,
                "new_end_on" date,
                "budget_changes" text,
                "reason" text NOT NULL,
                "requested_by_applicant_id" uuid NOT NULL,
                "decided_by_id" uuid,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "decision_reason" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "award_variations_amount_check" CHECK (
                    new_amount_pence IS NULL
                    OR new_amount_pence > 0
                ),
                CONSTRAINT "PK_a320a619fe0d4ea078792bead75" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "award_variations_one_open_key" ON "award_variations" ("award_id")
            WHERE status = 'requested'
        `);
    await queryRunner.query(`
            CREATE TABLE "grant_payments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "award_id" uuid NOT NULL,
                "sequence" integer NOT NULL,
                "label" text NOT NULL,
                "amount_pence" bigint NOT NULL,
                "status" text NOT NULL,
                "after_return_sequence" integer,
                "due_since" TIMESTAMP WITH TIME ZONE,
                "paid_on" date,
                "reference" text,
                "recorded_by_id" uuid,
                "recorded_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "grant_payments_amount_check" CHECK (amount_pence > 0),
                CONSTRAINT "PK_d2ac6016e559a8df9b48ab8266e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "grant_payments_award_seq_key" ON "grant_payments" ("award_id", "sequence")
        `);
    await queryRunner.query(`
            CREATE TABLE "grant_reminders" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "subject_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_f2ab467170bc54ce55f7fb05262" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "grant_reminders_subject_kind_key" ON "grant_reminders" ("subject_id", "kind")
        `);
    await queryRunner.query(`
            CREATE TABLE "monitoring_returns" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "award_id" uuid NOT NULL,
                "sequence" integer NOT NULL,
                "kind" text NOT NULL,
                "period_start_on" date NOT NULL,
                "period_end_on" date NOT NULL,
                "due_on" date NOT NULL,
                "status" text NOT NULL DEFAULT 'due',
                "progress" text,
                "spend_to_date_pence" bigint,
                "people_reached" integer,
                "outcomes" text,
                "grantee_rag" text,
                "grantee_rag_reason" text,
                "changes_needed" text,
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "submitted_by_applicant_id" uuid,
                "officer_rag" text,
                "officer_comment" text,
                "question" text,
                "reviewed_at" TIMESTAMP WITH TIME ZONE,
                "reviewed_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "monitoring_returns_people_check" CHECK (
                    people_reached IS NULL
                    OR people_reached >= 0
                ),
                CONSTRAINT "monitoring_returns_spend_check" CHECK (
                    spend_to_date_pence IS NULL
                    OR spend_to_date_pence >= 0
                ),
                CONSTRAINT "PK_173d838766fe4c03441b47fa036" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "monitoring_returns_due_idx" ON "monitoring_returns" ("status", "due_on")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "monitoring_returns_award_seq_key" ON "monitoring_returns" ("award_id", "sequence")
        `);
    await queryRunner.query(`
            ALTER TABLE "awards"
            ADD "offer_expires_on" date
        `);
    await queryRunner.query(`
            ALTER TABLE "awards"
            ADD "planned_start_on" date
        `);
    await queryRunner.query(`
            ALTER TABLE "awards"
            ADD "planned_end_on" date
        `);
    await queryRunner.query(`
            ALTER TABLE "awards"
            ADD "closed_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "awards"
            ADD "closed_outcome" text
        `);
    await queryRunner.query(`
            ALTER TABLE "awards"
            ADD "closure_note" text
        `);
    await queryRunner.query(`
            ALTER TABLE "awards"
            ADD "returned_pence" bigint NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "awards"
            ADD CONSTRAINT "awards_returned_check" CHECK (returned_pence >= 0)
        `);
    await queryRunner.query(`
            ALTER TABLE "award_variations"
            ADD CONSTRAINT "FK_e4b23b1bcbf70a6f3154c32866b" FOREIGN KEY ("award_id") REFERENCES "awards"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "grant_payments"
            ADD CONSTRAINT "FK_28a03a14fea687b20e2f0636a5a" FOREIGN KEY ("award_id") REFERENCES "awards"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "monitoring_returns"
            ADD CONSTRAINT "FK_ee5b998312c7616e524d740f7d3" FOREIGN KEY ("award_id") REFERENCES "awards"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "monitoring_returns" DROP CONSTRAINT "FK_ee5b998312c7616e524d740f7d3"
        `);
    await queryRunner.query(`
            ALTER TABLE "grant_payments" DROP CONSTRAINT "FK_28a03a14fea687b20e2f0636a5a"
        `);
    await queryRunner.query(`
            ALTER TABLE "award_variations" DROP CONSTRAINT "FK_e4b23b1bcbf70a6f3154c32866b"
        `);
    await queryRunner.query(`
            ALTER TABLE "awards" DROP CONSTRAINT "awards_returned_check"
        `);
    await queryRunner.query(`
            ALTER TABLE "awards" DROP COLUMN "returned_pence"
        `);
    await queryRunner.query(`
            ALTER TABLE "awards" DROP COLUMN "closure_note"
        `);
    await queryRunner.query(`
            ALTER TABLE "awards" DROP COLUMN "closed_outcome"
        `);
    await queryRunner.query(`
            ALTER TABLE "awards" DROP COLUMN "closed_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "awards" DROP COLUMN "planned_end_on"
        `);
    await queryRunner.query(`
            ALTER TABLE "awards" DROP COLUMN "planned_start_on"
        `);
    await queryRunner.query(`
            ALTER TABLE "awards" DROP COLUMN "offer_expires_on"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."monitoring_returns_award_seq_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."monitoring_returns_due_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "monitoring_returns"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."grant_reminders_subject_kind_key"
        `);
    await queryRunner.query(`
            DROP TABLE "grant_reminders"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."grant_payments_award_seq_key"
        `);
    await queryRunner.query(`
            DROP TABLE "grant_payments"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."award_variations_one_open_key"
        `);
    await queryRunner.query(`
            DROP TABLE "award_variations"
        `);
  }
}
