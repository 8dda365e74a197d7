import { MigrationInterface, QueryRunner } from 'typeorm';

export class AllocationProjects1795373798892 implements MigrationInterface {
  name = 'AllocationProjects1795373798892';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "allocation_releases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "title" text NOT NULL, "summary" text NOT NULL, "declarations" text NOT NULL, "total_pence" bigint NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_by_id" uuid, "decided_by_name" text NOT NULL, CONSTRAINT "allocation_releases_total_check" CHECK (total_pence > 0), CONSTRAINT "PK_7a136636944867e5a7c4df1d5be" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "allocation_releases_plan_idx" ON "allocation_releases"  ("plan_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "allocation_release_lines" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "release_id" uuid NOT NULL, "partner_allocation_id" uuid NOT NULL, "amount_pence" bigint NOT NULL, CONSTRAINT "allocation_release_lines_amount_check" CHECK (amount_pence > 0), CONSTRAINT "PK_99ec541e48b1deeedccb31abedc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "allocation_release_lines_partner_idx" ON "allocation_release_lines"  ("partner_allocation_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "allocation_release_lines_release_partner_key" ON "allocation_release_lines"  ("release_id", "partner_allocation_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_releases" ADD CONSTRAINT "FK_f8e9774fd511b5ec0442f444c85" FOREIGN KEY ("plan_id") REFERENCES "allocation_plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_release_lines" ADD CONSTRAINT "FK_b0dba36077dd3404d46c6bf432c" FOREIGN KEY ("release_id") REFERENCES "allocation_releases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_release_lines" ADD CONSTRAINT "FK_28ff707a6a6423c0ae6d3ff4b08" FOREIGN KEY ("partner_allocation_id") REFERENCES "partner_allocations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "allocation_release_lines" DROP CONSTRAINT "FK_28ff707a6a6423c0ae6d3ff4b08"`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_release_lines" DROP CONSTRAINT "FK_b0dba36077dd3404d46c6bf432c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_releases" DROP CONSTRAINT "FK_f8e9774fd511b5ec0442f444c85"`,
    );
    await queryRunner.query(`DROP INDEX "public"."allocation_release_lines_release_partner_key"`);
    await queryRunner.query(`DROP INDEX "public"."allocation_release_lines_partner_idx"`);
    await queryRunner.query(`DROP TABLE "allocation_release_lines"`);
    await queryRunner.query(`DROP INDEX "public"."allocation_releases_plan_idx"`);
    await queryRunner.query(`DROP TABLE "allocation_releases"`);
  }
}
