import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795332824032 implements MigrationInterface {
  name = 'Foundation1795332824032';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "outbound_emails" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "to_address" text NOT NULL,
                "template" text NOT NULL,
                "data" jsonb NOT NULL,
                "dedupe_key" text,
                "status" text NOT NULL DEFAULT 'pending',
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" text,
                "subject" text,
                "message_id" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "claimed_at" TIMESTAMP WITH TIME ZONE,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_6c4ddb58be5ee80ef37bc98d5a9" UNIQUE ("dedupe_key"),
                CONSTRAINT "PK_d07cd54ab4e5dd921ff509203ae" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "outbound_emails_pending_idx" ON "outbound_emails" ("created_at")
            WHERE status = 'pending'
        `);
    await queryRunner.query(`
            CREATE TABLE "dev_mailbox_messages" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "to_address" text NOT NULL,
                "from_address" text NOT NULL,
                "subject" text NOT NULL,
                "text" text NOT NULL,
                "html" text NOT NULL,
                "message_id" text NOT NULL,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_79f3c0b3aa0324050c3578450b7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_events" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "actor_type" text NOT NULL,
                "actor_id" uuid,
                "actor_label" text NOT NULL,
                "action" text NOT NULL,
                "subject_type" text NOT NULL,
                "subject_id" text NOT NULL,
                "before" jsonb,
                "after" jsonb,
                "reason" text,
                CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_events_subject_idx" ON "audit_events" ("subject_type", "subject_id", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "funds" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "slug" text NOT NULL,
                "code" text NOT NULL,
                "description" text NOT NULL,
                "owning_office" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_613da6e8b02cc21a711d1c2e5ab" UNIQUE ("slug"),
                CONSTRAINT "UQ_75c7a55653e339f03de7cea0e0e" UNIQUE ("code"),
                CONSTRAINT "PK_d785f4bb8f680f3febd40718f68" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "round_areas" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "round_id" uuid NOT NULL,
                "name" text NOT NULL,
                "focus_issue" text NOT NULL,
                "budget_cap_pence" bigint,
                "shortlist_size" integer,
                "position" integer NOT NULL,
                CONSTRAINT "round_areas_cap_check" CHECK (
                    budget_cap_pence IS NULL
                    OR budget_cap_pence > 0
                ),
                CONSTRAINT "PK_0d3a9deeed29b81e7d1dff4a68c" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "round_budget_contributions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "round_id" uuid NOT NULL,
                "source_name" text NOT NULL,
                "amount_pence" bigint NOT NULL,
                "position" integer NOT NULL,
                CONSTRAINT "round_budget_contributions_amount_check" CHECK (amount_pence > 0),
                CONSTRAINT "PK_fd1fa36aba71c051ef2883726a5" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "grant_rounds" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "fund_id" uuid NOT NULL,
                "code" text NOT NULL,
                "title" text NOT NULL,
                "theme" text NOT NULL,
                "description" text NOT NULL,
                "status" text NOT NULL DEFAULT 'draft',
                "opens_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "closes_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "min_grant_pence" bigint NOT NULL,
                "max_grant_pence" bigint NOT NULL,
                "min_duration_months" integer NOT NULL,
                "max_duration_months" integer NOT NULL,
                "eligible_organisation_types" text array NOT NULL,
                "plan_themes" text array NOT NULL DEFAULT '{}',
                "decision_method" text NOT NULL,
                "recommend_threshold_bp" integer,
                "reserve_threshold_bp" integer,
                "shortlist_size" integer,
                "winners_per_area" integer,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "grant_rounds_duration_check" CHECK (
                    min_duration_months >= 1
                    AND max_duration_months >= min_duration_months
                ),
                CONSTRAINT "grant_rounds_grant_range_check" CHECK (
                    min_grant_pence >= 0
                    AND max_grant_pence >= min_grant_pence
                ),
                CONSTRAINT "grant_rounds_dates_check" CHECK (closes_at > opens_at),
                CONSTRAINT "PK_c2e0d8fdd99cb90b61c8dc660be" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "grant_rounds_status_idx" ON "grant_rounds" ("status", "opens_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "grant_rounds_fund_code_key" ON "grant_rounds" ("fund_id", "code")
        `);
    await queryRunner.query(`
            CREATE TABLE "staff_users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" text NOT NULL,
                "display_name" text NOT NULL,
                "roles" text array NOT NULL,
                "password_hash" text NOT NULL,
                "totp_secret" text,
                "totp_pending_secret" text,
                "totp_last_step" bigint,
                "failed_sign_ins" integer NOT NULL DEFAULT '0',
                "locked_until" TIMESTAMP WITH TIME ZONE,
                "active" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_4f32dd66546226ea64f5573b770" UNIQUE ("email"),
                CONSTRAINT "PK_c6b167335377df69f7910c2c75e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "staff_sessions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "token_hash" text NOT NULL,
                "staff_user_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "mfa_pending" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_b9be2467392ab95efaa3661cce2" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "staff_sessions_token_hash_key" ON "staff_sessions" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE TABLE "fund_subscriptions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "fund_id" uuid NOT NULL,
                "email" text NOT NULL,
                "status" text NOT NULL DEFAULT 'pending',
                "confirm_token_hash" text,
                "confirm_sent_at" TIMESTAMP WITH TIME ZONE,
                "unsubscribe_token" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "confirmed_at" TIMESTAMP WITH TIME ZONE,
                "unsubscribed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_a4e4d7fad4121384caccdac3044" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "fund_subscriptions_unsubscribe_key" ON "fund_subscriptions" ("unsubscribe_token")
        `);
    await queryRunner.query(`
            CREATE INDEX "fund_subscriptions_confirmed_idx" ON "fund_subscriptions" ("fund_id")
            WHERE status = 'confirmed'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "fund_subscriptions_fund_email_key" ON "fund_subscriptions" ("fund_id", "email")
        `);
    await queryRunner.query(`
            ALTER TABLE "round_areas"
            ADD CONSTRAINT "FK_d80d79430615a7116badb7d4a96" FOREIGN KEY ("round_id") REFERENCES "grant_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "round_budget_contributions"
            ADD CONSTRAINT "FK_44463738e971540a5774ae3c025" FOREIGN KEY ("round_id") REFERENCES "grant_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "grant_rounds"
            ADD CONSTRAINT "FK_24b7ad9f2a4236240fb701ae59d" FOREIGN KEY ("fund_id") REFERENCES "funds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "staff_sessions"
            ADD CONSTRAINT "FK_199a7293515c7cc6b4748367d1f" FOREIGN KEY ("staff_user_id") REFERENCES "staff_users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "fund_subscriptions"
            ADD CONSTRAINT "FK_47b99a8623dc7958dacac0c5d75" FOREIGN KEY ("fund_id") REFERENCES "funds"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    // Written by hand: the audit log is append-only, whatever the application does.
    await queryRunner.query(`
            CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_events is append-only';
            END $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON "audit_events"
            FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_events_no_change ON "audit_events"`);
    await queryRunner.query(`DROP FUNCTION audit_events_append_only()`);
    await queryRunner.query(`
            ALTER TABLE "fund_subscriptions" DROP CONSTRAINT "FK_47b99a8623dc7958dacac0c5d75"
        `);
    await queryRunner.query(`
            ALTER TABLE "staff_sessions" DROP CONSTRAINT "FK_199a7293515c7cc6b4748367d1f"
        `);
    await queryRunner.query(`
            ALTER TABLE "grant_rounds" DROP CONSTRAINT "FK_24b7ad9f2a4236240fb701ae59d"
        `);
    await queryRunner.query(`
            ALTER TABLE "round_budget_contributions" DROP CONSTRAINT "FK_44463738e971540a5774ae3c025"
        `);
    await queryRunner.query(`
            ALTER TABLE "round_areas" DROP CONSTRAINT "FK_d80d79430615a7116badb7d4a96"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."fund_subscriptions_fund_email_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."fund_subscriptions_confirmed_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."fund_subscriptions_unsubscribe_key"
        `);
    await queryRunner.query(`
            DROP TABLE "fund_subscriptions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."staff_sessions_token_hash_key"
        `);
    await queryRunner.query(`
            DROP TABLE "staff_sessions"
        `);
    await queryRunner.query(`
            DROP TABLE "staff_users"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."grant_rounds_fund_code_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."grant_rounds_status_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "grant_rounds"
        `);
    await queryRunner.query(`
            DROP TABLE "round_budget_contributions"
        `);
    await queryRunner.query(`
            DROP TABLE "round_areas"
        `);
    await queryRunner.query(`
            DROP TABLE "funds"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."audit_events_subject_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_events"
        `);
    await queryRunner.query(`
            DROP TABLE "dev_mailbox_messages"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."outbound_emails_pending_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "outbound_emails"
        `);
  }
}
