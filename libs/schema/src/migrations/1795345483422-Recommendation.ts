import { MigrationInterface, QueryRunner } from 'typeorm';

export class Recommendation1795345483422 implements MigrationInterface {
  name = 'Recommendation1795345483422';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "recommendation_overrides" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "round_id" uuid NOT NULL,
                "application_id" uuid NOT NULL,
                "include" boolean NOT NULL,
                "reason" text NOT NULL,
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_fb445b7b0972976a7741e84d1a7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "recommendation_overrides_key" ON "recommendation_overrides" ("round_id", "application_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "round_recommendations" (
                "round_id" uuid NOT NULL,
                "threshold_bp" integer NOT NULL,
                "threshold_reason" text,
                "status" text NOT NULL DEFAULT 'draft',
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "submitted_by_id" uuid,
                CONSTRAINT "round_recommendations_threshold_check" CHECK (
                    threshold_bp BETWEEN 0 AND 10000
                ),
                CONSTRAINT "PK_91b4d5dbf9996363f18037b77e9" PRIMARY KEY ("round_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "recommendation_overrides"
            ADD CONSTRAINT "FK_44d00b9596c9de20dc9bc1886e0" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "round_recommendations"
            ADD CONSTRAINT "FK_91b4d5dbf9996363f18037b77e9" FOREIGN KEY ("round_id") REFERENCES "grant_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "round_recommendations" DROP CONSTRAINT "FK_91b4d5dbf9996363f18037b77e9"
        `);
    await queryRunner.query(`
            ALTER TABLE "recommendation_overrides" DROP CONSTRAINT "FK_44d00b9596c9de20dc9bc1886e0"
        `);
    await queryRunner.query(`
            DROP TABLE "round_recommendations"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."recommendation_overrides_key"
        `);
    await queryRunner.query(`
            DROP TABLE "recommendation_overrides"
        `);
  }
}
