import { MigrationInterface, QueryRunner } from 'typeorm';

export class OrganisationInviteAnswers1795342482510 implements MigrationInterface {
  name = 'OrganisationInviteAnswers1795342482510';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Hand-edited: the generated NOT NULL columns cannot be added to a table with rows. They are
    // added nullable, filled for the rows there are (sent when created, expiring 14 days later,
    // INVITE_VALID_DAYS, as a new one would), then made NOT NULL. No default is left behind: the
    // service always sets both, and a default would hide a row written without them.
    await queryRunner.query(`
            ALTER TABLE "organisation_invites"
            ADD "sent_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation_invites"
            ADD "expires_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            UPDATE "organisation_invites"
            SET "sent_at" = "created_at",
                "expires_at" = "created_at" + interval '14 days'
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation_invites"
            ALTER COLUMN "sent_at" SET NOT NULL,
            ALTER COLUMN "expires_at" SET NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation_invites"
            ADD "declined_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation_invites"
            ADD "revoked_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation_invites"
            ADD CONSTRAINT "organisation_invites_answered_once_check" CHECK (
                    num_nonnulls(accepted_at, declined_at, revoked_at) <= 1
                )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "organisation_invites" DROP CONSTRAINT "organisation_invites_answered_once_check"
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation_invites" DROP COLUMN "revoked_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation_invites" DROP COLUMN "declined_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation_invites" DROP COLUMN "expires_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation_invites" DROP COLUMN "sent_at"
        `);
  }
}
