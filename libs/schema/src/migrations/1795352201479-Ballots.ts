import { MigrationInterface, QueryRunner } from 'typeorm';

export class Ballots1795352201479 implements MigrationInterface {
  name = 'Ballots1795352201479';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "ballots" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "round_id" uuid NOT NULL,
                "area_id" uuid NOT NULL,
                "status" text NOT NULL DEFAULT 'draft',
                "opens_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "closes_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "postcode_areas" text array NOT NULL,
                "voting_rule" text NOT NULL DEFAULT 'single-choice',
                "tie_break_rule" text NOT NULL DEFAULT 'decision-maker',
                "postcode_flag_threshold" integer NOT NULL DEFAULT '10',
                "winner_application_id" uuid,
                "tie_break_note" text,
                "results_published_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ballots_flag_check" CHECK (postcode_flag_threshold >= 1),
                CONSTRAINT "ballots_times_check" CHECK (closes_at > opens_at),
                CONSTRAINT "PK_1c29cf82a8045f839f8639634e9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ballots_round_idx" ON "ballots" ("round_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "ballots_area_key" ON "ballots" ("area_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "ballot_voters" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "ballot_id" uuid NOT NULL,
                "email" text NOT NULL,
                "postcode" text NOT NULL,
                "verified_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "session_hash" text NOT NULL,
                "session_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_2043b98a742449af48b51cca465" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "ballot_voters_session_key" ON "ballot_voters" ("session_hash")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "ballot_voters_ballot_email_key" ON "ballot_voters" ("ballot_id", "email")
        `);
    await queryRunner.query(`
            CREATE TABLE "shortlist_entries" (
                "application_id" uuid NOT NULL,
                "round_id" uuid NOT NULL,
                "area_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "public_title" text NOT NULL,
                "public_summary" text NOT NULL,
                "amount_pence" bigint NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "shortlist_entries_amount_check" CHECK (amount_pence > 0),
                CONSTRAINT "PK_721358de3d8e8dd4a50d273e2dc" PRIMARY KEY ("application_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "shortlist_entries_area_idx" ON "shortlist_entries" ("area_id", "position")
        `);
    await queryRunner.query(`
            CREATE TABLE "votes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "ballot_id" uuid NOT NULL,
                "voter_id" uuid NOT NULL,
                "application_id" uuid NOT NULL,
                "cast_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "receipt_hash" text NOT NULL,
                "postcode" text NOT NULL,
                "ip_hash" text NOT NULL,
                "user_agent" text NOT NULL,
                "flagged" boolean NOT NULL DEFAULT false,
                "voided_at" TIMESTAMP WITH TIME ZONE,
                "void_reason" text,
                "voided_by_id" uuid,
                CONSTRAINT "PK_f3d9fd4a0af865152c3f59db8ff" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "votes_ballot_choice_idx" ON "votes" ("ballot_id", "application_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "votes_ballot_postcode_idx" ON "votes" ("ballot_id", "postcode")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "votes_receipt_key" ON "votes" ("receipt_hash")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "votes_ballot_voter_key" ON "votes" ("ballot_id", "voter_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "voter_verifications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "ballot_id" uuid NOT NULL,
                "email" text NOT NULL,
                "postcode" text NOT NULL,
                "code_hash" text NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "wrong_attempts" integer NOT NULL DEFAULT '0',
                "used_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_8ee4d4a4de4b291f98555c4b6cf" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "voter_verifications_ballot_email_idx" ON "voter_verifications" ("ballot_id", "email")
        `);
    await queryRunner.query(`
            ALTER TABLE "ballots"
            ADD CONSTRAINT "FK_e964dcf304bed118754e4eb03b2" FOREIGN KEY ("round_id") REFERENCES "grant_rounds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "ballots"
            ADD CONSTRAINT "FK_77efda51b401ed4a501b6b5e160" FOREIGN KEY ("area_id") REFERENCES "round_areas"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "ballot_voters"
            ADD CONSTRAINT "FK_2a3e54b125cc9193868125e235f" FOREIGN KEY ("ballot_id") REFERENCES "ballots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "shortlist_entries"
            ADD CONSTRAINT "FK_721358de3d8e8dd4a50d273e2dc" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "shortlist_entries"
            ADD CONSTRAINT "FK_e6e41c04afd6804f43bfdc7a587" FOREIGN KEY ("area_id") REFERENCES "round_areas"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "votes"
            ADD CONSTRAINT "FK_7778f1b0c1553fe03d8f014b9ac" FOREIGN KEY ("ballot_id") REFERENCES "ballots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "votes"
            ADD CONSTRAINT "FK_907ed58b724f8debe4200e51af3" FOREIGN KEY ("voter_id") REFERENCES "ballot_voters"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "votes"
            ADD CONSTRAINT "FK_0b4cd4043d6b126d8feaff3ce39" FOREIGN KEY ("application_id") REFERENCES "shortlist_entries"("application_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "voter_verifications"
            ADD CONSTRAINT "FK_25b68c3407ab4d005c2fecf86cd" FOREIGN KEY ("ballot_id") REFERENCES "ballots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "voter_verifications" DROP CONSTRAINT "FK_25b68c3407ab4d005c2fecf86cd"
        `);
    await queryRunner.query(`
            ALTER TABLE "votes" DROP CONSTRAINT "FK_0b4cd4043d6b126d8feaff3ce39"
        `);
    await queryRunner.query(`
            ALTER TABLE "votes" DROP CONSTRAINT "FK_907ed58b724f8debe4200e51af3"
        `);
    await queryRunner.query(`
            ALTER TABLE "votes" DROP CONSTRAINT "FK_7778f1b0c1553fe03d8f014b9ac"
        `);
    await queryRunner.query(`
            ALTER TABLE "shortlist_entries" DROP CONSTRAINT "FK_e6e41c04afd6804f43bfdc7a587"
        `);
    await queryRunner.query(`
            ALTER TABLE "shortlist_entries" DROP CONSTRAINT "FK_721358de3d8e8dd4a50d273e2dc"
        `);
    await queryRunner.query(`
            ALTER TABLE "ballot_voters" DROP CONSTRAINT "FK_2a3e54b125cc9193868125e235f"
        `);
    await queryRunner.query(`
            ALTER TABLE "ballots" DROP CONSTRAINT "FK_77efda51b401ed4a501b6b5e160"
        `);
    await queryRunner.query(`
            ALTER TABLE "ballots" DROP CONSTRAINT "FK_e964dcf304bed118754e4eb03b2"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."voter_verifications_ballot_email_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "voter_verifications"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."votes_ballot_voter_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."votes_receipt_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."votes_ballot_postcode_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."votes_ballot_choice_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "votes"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."shortlist_entries_area_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "shortlist_entries"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ballot_voters_ballot_email_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ballot_voters_session_key"
        `);
    await queryRunner.query(`
            DROP TABLE "ballot_voters"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ballots_area_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ballots_round_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "ballots"
        `);
  }
}
