import { MigrationInterface, QueryRunner } from 'typeorm';

export class VotesWithoutHotLocks1795356785998 implements MigrationInterface {
  name = 'VotesWithoutHotLocks1795356785998';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "votes" DROP CONSTRAINT "FK_7778f1b0c1553fe03d8f014b9ac"
        `);
    await queryRunner.query(`
            ALTER TABLE "votes" DROP CONSTRAINT "FK_0b4cd4043d6b126d8feaff3ce39"
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "votes"
            ADD CONSTRAINT "FK_0b4cd4043d6b126d8feaff3ce39" FOREIGN KEY ("application_id") REFERENCES "shortlist_entries"("application_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "votes"
            ADD CONSTRAINT "FK_7778f1b0c1553fe03d8f014b9ac" FOREIGN KEY ("ballot_id") REFERENCES "ballots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }
}
