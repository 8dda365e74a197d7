import { MigrationInterface, QueryRunner } from 'typeorm';

export class ApplicationVersion1795382484907 implements MigrationInterface {
  name = 'ApplicationVersion1795382484907';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "applications"
            ADD "version" integer NOT NULL DEFAULT '1'
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "applications" DROP COLUMN "version"
        `);
  }
}
