import { MigrationInterface, QueryRunner } from 'typeorm';

export class Allocations1795372455247 implements MigrationInterface {
  name = 'Allocations1795372455247';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "allocation_plans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "round_id" uuid NOT NULL, "pot_pence" bigint NOT NULL, "floor_pence" bigint, "cap_pence" bigint, "status" text NOT NULL DEFAULT 'draft', "decision_record_id" uuid, "published_at" TIMESTAMP WITH TIME ZONE, "published_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "allocation_plans_published_check" CHECK ((status = 'published') = (published_at IS NOT NULL AND decision_record_id IS NOT NULL)), CONSTRAINT "allocation_plans_status_check" CHECK (status IN ('draft', 'published')), CONSTRAINT "allocation_plans_limits_check" CHECK ((floor_pence IS NULL OR floor_pence >= 0) AND (cap_pence IS NULL OR cap_pence > 0) AND (floor_pence IS NULL OR cap_pence IS NULL OR floor_pence <= cap_pence)), CONSTRAINT "allocation_plans_pot_check" CHECK (pot_pence > 0), CONSTRAINT "PK_ceab3e05cff80ab49e90781707a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "allocation_plans_round_key" ON "allocation_plans"  ("round_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "allocation_indicators" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "key" text NOT NULL, "label" text NOT NULL, "weight" integer NOT NULL, "position" integer NOT NULL, CONSTRAINT "allocation_indicators_weight_check" CHECK (weight >= 0), CONSTRAINT "PK_a06116fdb801d1a7333232433d6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "allocation_indicators_plan_key_key" ON "allocation_indicators"  ("plan_id", "key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "allocation_partners" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_8183d44693393db1c07e2d5060a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "allocation_partners_plan_organisation_key" ON "allocation_partners"  ("plan_id", "organisation_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "allocation_indicator_values" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "partner_id" uuid NOT NULL, "indicator_id" uuid NOT NULL, "value" numeric NOT NULL, "source" text NOT NULL, "period" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "allocation_indicator_values_value_check" CHECK (value >= 0), CONSTRAINT "PK_235831c38578803b0fe172b5c8a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "allocation_indicator_values_pair_key" ON "allocation_indicator_values"  ("partner_id", "indicator_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "partner_allocations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "organisation_name" text NOT NULL, "position" integer NOT NULL, "amount_pence" bigint NOT NULL, "formula_pence" bigint NOT NULL, "share_percent" text NOT NULL, "limited_by" text, "breakdown" jsonb NOT NULL, CONSTRAINT "partner_allocations_amount_check" CHECK (amount_pence >= 0 AND formula_pence >= 0), CONSTRAINT "PK_d98eb0ea19638130f00367c463c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "partner_allocations_plan_organisation_key" ON "partner_allocations"  ("plan_id", "organisation_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_plans" ADD CONSTRAINT "FK_42a2ebada63b657f8d7c318519f" FOREIGN KEY ("round_id") REFERENCES "grant_rounds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_plans" ADD CONSTRAINT "FK_3b481c0b2be40d1f251dbd19256" FOREIGN KEY ("decision_record_id") REFERENCES "decision_records"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_indicators" ADD CONSTRAINT "FK_c31c2a1ea701e7670f9b6ca13aa" FOREIGN KEY ("plan_id") REFERENCES "allocation_plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_partners" ADD CONSTRAINT "FK_1bba52471685952be38b7f5ba68" FOREIGN KEY ("plan_id") REFERENCES "allocation_plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_partners" ADD CONSTRAINT "FK_62f74cc44afc888ce567b948de0" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_indicator_values" ADD CONSTRAINT "FK_1df1c83e9970a9d022ea19d9b1f" FOREIGN KEY ("partner_id") REFERENCES "allocation_partners"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_indicator_values" ADD CONSTRAINT "FK_9de59b9cb021d457f5fdb90ab61" FOREIGN KEY ("indicator_id") REFERENCES "allocation_indicators"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "partner_allocations" ADD CONSTRAINT "FK_4df345c9ec0bccf9016e5e8e42e" FOREIGN KEY ("plan_id") REFERENCES "allocation_plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "partner_allocations" ADD CONSTRAINT "FK_aa8f05c16d4ec63c659a3e07dd9" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "partner_allocations" DROP CONSTRAINT "FK_aa8f05c16d4ec63c659a3e07dd9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "partner_allocations" DROP CONSTRAINT "FK_4df345c9ec0bccf9016e5e8e42e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_indicator_values" DROP CONSTRAINT "FK_9de59b9cb021d457f5fdb90ab61"`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_indicator_values" DROP CONSTRAINT "FK_1df1c83e9970a9d022ea19d9b1f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_partners" DROP CONSTRAINT "FK_62f74cc44afc888ce567b948de0"`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_partners" DROP CONSTRAINT "FK_1bba52471685952be38b7f5ba68"`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_indicators" DROP CONSTRAINT "FK_c31c2a1ea701e7670f9b6ca13aa"`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_plans" DROP CONSTRAINT "FK_3b481c0b2be40d1f251dbd19256"`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_plans" DROP CONSTRAINT "FK_42a2ebada63b657f8d7c318519f"`,
    );
    await queryRunner.query(`DROP INDEX "public"."partner_allocations_plan_organisation_key"`);
    await queryRunner.query(`DROP TABLE "partner_allocations"`);
    await queryRunner.query(`DROP INDEX "public"."allocation_indicator_values_pair_key"`);
    await queryRunner.query(`DROP TABLE "allocation_indicator_values"`);
    await queryRunner.query(`DROP INDEX "public"."allocation_partners_plan_organisation_key"`);
    await queryRunner.query(`DROP TABLE "allocation_partners"`);
    await queryRunner.query(`DROP INDEX "public"."allocation_indicators_plan_key_key"`);
    await queryRunner.query(`DROP TABLE "allocation_indicators"`);
    await queryRunner.query(`DROP INDEX "public"."allocation_plans_round_key"`);
    await queryRunner.query(`DROP TABLE "allocation_plans"`);
  }
}
