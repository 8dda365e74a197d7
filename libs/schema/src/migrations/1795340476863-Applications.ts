import { MigrationInterface, QueryRunner } from 'typeorm';

export class Applications1795340476863 implements MigrationInterface {
  name = 'Applications1795340476863';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "applicants" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_signed_in_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_c02ec3c46124479ce758ca50943" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "applicants_email_key" ON "applicants" ("email")
        `);
    await queryRunner.query(`
            CREATE TABLE "applicant_sessions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "token_hash" text NOT NULL,
                "applicant_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_267514df6d3b73c9ad8281ecf3c" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "applicant_sessions_token_hash_key" ON "applicant_sessions" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE TABLE "email_sign_in_requests" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" text NOT NULL,
                "code_hash" text NOT NULL,
                "link_token_hash" text NOT NULL,
                "failed_attempts" integer NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "email_sign_in_requests_attempts_check" CHECK (failed_attempts >= 0),
                CONSTRAINT "PK_698761ffad6abd386fd2e810e13" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "email_sign_in_requests_email_idx" ON "email_sign_in_requests" ("email", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "organisations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "type" text NOT NULL,
                "charity_number" text,
                "company_number" text,
                "address_line1" text NOT NULL DEFAULT '',
                "address_line2" text NOT NULL DEFAULT '',
                "town" text NOT NULL DEFAULT '',
                "postcode" text NOT NULL DEFAULT '',
                "contact_name" text NOT NULL DEFAULT '',
                "contact_email" text NOT NULL DEFAULT '',
                "contact_phone" text NOT NULL DEFAULT '',
                "safeguarding_lead_name" text NOT NULL DEFAULT '',
                "safeguarding_lead_email" text NOT NULL DEFAULT '',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_7bf54cba378d5b2f1d4c10ef4df" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "organisation_invites" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "email" text NOT NULL,
                "invited_by_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "accepted_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_2292520534fff2d17e6d76ed6dd" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "organisation_invites_email_idx" ON "organisation_invites" ("email")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "organisation_invites_key" ON "organisation_invites" ("organisation_id", "email")
        `);
    await queryRunner.query(`
            CREATE TABLE "organisation_members" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "applicant_id" uuid NOT NULL,
                "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_2eb071f7c93bf3156dbe9318f29" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "organisation_members_applicant_idx" ON "organisation_members" ("applicant_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "organisation_members_key" ON "organisation_members" ("organisation_id", "applicant_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "applications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "round_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "created_by_id" uuid NOT NULL,
                "status" text NOT NULL DEFAULT 'draft',
                "reference" text,
                "sequence" integer,
                "project_title" text NOT NULL DEFAULT '',
                "project_summary" text NOT NULL DEFAULT '',
                "area_id" uuid,
                "plan_themes" text array NOT NULL DEFAULT '{}',
                "themes_explanation" text NOT NULL DEFAULT '',
                "amount_requested_pence" bigint,
                "start_date" date,
                "duration_months" integer,
                "outcomes" text NOT NULL DEFAULT '',
                "outcome_measures" text NOT NULL DEFAULT '',
                "beneficiary_age_groups" text array NOT NULL DEFAULT '{}',
                "beneficiary_count" integer,
                "beneficiary_description" text NOT NULL DEFAULT '',
                "declaration_true" boolean NOT NULL DEFAULT false,
                "declaration_policies" boolean NOT NULL DEFAULT false,
                "eligibility_checks" jsonb NOT NULL DEFAULT '[]',
                "appraisal_checklist" jsonb NOT NULL DEFAULT '{}',
                "outcome_reason" text,
                "appraised_by_id" uuid,
                "appraised_at" TIMESTAMP WITH TIME ZONE,
                "first_submitted_at" TIMESTAMP WITH TIME ZONE,
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "withdrawn_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "applications_amount_check" CHECK (
                    amount_requested_pence IS NULL
                    OR amount_requested_pence > 0
                ),
                CONSTRAINT "PK_938c0a27255637bde919591888f" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "applications_round_sequence_key" ON "applications" ("round_id", "sequence")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "applications_reference_key" ON "applications" ("reference")
        `);
    await queryRunner.query(`
            CREATE INDEX "applications_organisation_idx" ON "applications" ("organisation_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "applications_round_status_idx" ON "applications" ("round_id", "status")
        `);
    await queryRunner.query(`
            CREATE TABLE "application_budget_lines" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "application_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "item" text NOT NULL,
                "amount_pence" bigint NOT NULL,
                CONSTRAINT "application_budget_lines_amount_check" CHECK (amount_pence > 0),
                CONSTRAINT "PK_881cbe6d9ea630e1a85d4d562cf" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "application_messages" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "application_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "sender" text NOT NULL,
                "subject" text NOT NULL,
                "body" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_ef4ec0c30a4af3ac30b8fde86d3" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "application_messages_application_idx" ON "application_messages" ("application_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "round_application_counters" (
                "round_id" uuid NOT NULL,
                "last_sequence" integer NOT NULL,
                CONSTRAINT "PK_2a708f8594b457563df296d0aae" PRIMARY KEY ("round_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "grant_rounds"
            ADD "appraisal_checklist" text array NOT NULL DEFAULT '{}'
        `);
    await queryRunner.query(`
            ALTER TABLE "grant_rounds"
            ADD "one_application_per_area" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            ALTER TABLE "applicant_sessions"
            ADD CONSTRAINT "FK_cf9ad17fe2436f482e3085e9c8b" FOREIGN KEY ("applicant_id") REFERENCES "applicants"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation_invites"
            ADD CONSTRAINT "FK_107797aa452bbdaba40d1fb9618" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation_members"
            ADD CONSTRAINT "FK_588fd3930af62ea399879e1d7ab" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation_members"
            ADD CONSTRAINT "FK_482289f96ede99379e8fd41a187" FOREIGN KEY ("applicant_id") REFERENCES "applicants"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "applications"
            ADD CONSTRAINT "FK_fb113ea20f0046ad3891abb0bcd" FOREIGN KEY ("round_id") REFERENCES "grant_rounds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "applications"
            ADD CONSTRAINT "FK_88452682304fec94e41708c7f0c" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "applications"
            ADD CONSTRAINT "FK_f778bbd92dff60f24b6f06de812" FOREIGN KEY ("area_id") REFERENCES "round_areas"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "application_budget_lines"
            ADD CONSTRAINT "FK_b8884e4fffde918fec7fc237e8e" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "application_messages"
            ADD CONSTRAINT "FK_43e440cd32483d05513ab936a5c" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "application_messages" DROP CONSTRAINT "FK_43e440cd32483d05513ab936a5c"
        `);
    await queryRunner.query(`
            ALTER TABLE "application_budget_lines" DROP CONSTRAINT "FK_b8884e4fffde918fec7fc237e8e"
        `);
    await queryRunner.query(`
            ALTER TABLE "applications" DROP CONSTRAINT "FK_f778bbd92dff60f24b6f06de812"
        `);
    await queryRunner.query(`
            ALTER TABLE "applications" DROP CONSTRAINT "FK_88452682304fec94e41708c7f0c"
        `);
    await queryRunner.query(`
            ALTER TABLE "applications" DROP CONSTRAINT "FK_fb113ea20f0046ad3891abb0bcd"
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation_members" DROP CONSTRAINT "FK_482289f96ede99379e8fd41a187"
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation_members" DROP CONSTRAINT "FK_588fd3930af62ea399879e1d7ab"
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation_invites" DROP CONSTRAINT "FK_107797aa452bbdaba40d1fb9618"
        `);
    await queryRunner.query(`
            ALTER TABLE "applicant_sessions" DROP CONSTRAINT "FK_cf9ad17fe2436f482e3085e9c8b"
        `);
    await queryRunner.query(`
            ALTER TABLE "grant_rounds" DROP COLUMN "one_application_per_area"
        `);
    await queryRunner.query(`
            ALTER TABLE "grant_rounds" DROP COLUMN "appraisal_checklist"
        `);
    await queryRunner.query(`
            DROP TABLE "round_application_counters"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."application_messages_application_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "application_messages"
        `);
    await queryRunner.query(`
            DROP TABLE "application_budget_lines"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."applications_round_status_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."applications_organisation_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."applications_reference_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."applications_round_sequence_key"
        `);
    await queryRunner.query(`
            DROP TABLE "applications"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."organisation_members_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."organisation_members_applicant_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "organisation_members"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."organisation_invites_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."organisation_invites_email_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "organisation_invites"
        `);
    await queryRunner.query(`
            DROP TABLE "organisations"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."email_sign_in_requests_email_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "email_sign_in_requests"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."applicant_sessions_token_hash_key"
        `);
    await queryRunner.query(`
            DROP TABLE "applicant_sessions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."applicants_email_key"
        `);
    await queryRunner.query(`
            DROP TABLE "applicants"
        `);
  }
}
