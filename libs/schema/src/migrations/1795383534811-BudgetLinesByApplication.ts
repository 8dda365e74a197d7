import { MigrationInterface, QueryRunner } from 'typeorm';

export class BudgetLinesByApplication1795383534811 implements MigrationInterface {
  name = 'BudgetLinesByApplication1795383534811';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE INDEX "application_budget_lines_application_idx" ON "application_budget_lines" ("application_id", "position")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."application_budget_lines_application_idx"
        `);
  }
}
