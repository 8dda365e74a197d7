import { MigrationInterface, QueryRunner } from 'typeorm';

export class AwardAnswers1795357764597 implements MigrationInterface {
  name = 'AwardAnswers1795357764597';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "awards"
            ADD "answered_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "awards"
            ADD "answered_by_name" text
        `);
    await queryRunner.query(`
            ALTER TABLE "awards"
            ADD "answered_by_role" text
        `);
    await queryRunner.query(`
            ALTER TABLE "awards"
            ADD "answered_by_applicant_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "awards"
            ADD "decline_reason" text
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "awards" DROP COLUMN "decline_reason"
        `);
    await queryRunner.query(`
            ALTER TABLE "awards" DROP COLUMN "answered_by_applicant_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "awards" DROP COLUMN "answered_by_role"
        `);
    await queryRunner.query(`
            ALTER TABLE "awards" DROP COLUMN "answered_by_name"
        `);
    await queryRunner.query(`
            ALTER TABLE "awards" DROP COLUMN "answered_at"
        `);
  }
}
