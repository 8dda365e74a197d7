import { MigrationInterface, QueryRunner } from 'typeorm';

export class ScoreModeration1795345318744 implements MigrationInterface {
  name = 'ScoreModeration1795345318744';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "score_moderations" (
                "application_id" uuid NOT NULL,
                "agreed_score_bp" integer,
                "note" text NOT NULL,
                "moderated_by_id" uuid,
                "moderated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "score_moderations_score_check" CHECK (
                    agreed_score_bp IS NULL
                    OR agreed_score_bp BETWEEN 0 AND 10000
                ),
                CONSTRAINT "PK_b40159fa450bcc29db965052220" PRIMARY KEY ("application_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "score_moderations"
            ADD CONSTRAINT "FK_b40159fa450bcc29db965052220" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "score_moderations" DROP CONSTRAINT "FK_b40159fa450bcc29db965052220"
        `);
    await queryRunner.query(`
            DROP TABLE "score_moderations"
        `);
  }
}
