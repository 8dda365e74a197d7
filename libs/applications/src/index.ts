import { ApplicationBudgetLine } from './entities/application-budget-line.entity';
import { ApplicationMessage } from './entities/application-message.entity';
import { Application } from './entities/application.entity';
import { RoundApplicationCounter } from './entities/round-application-counter.entity';
export const APPLICATIONS_ENTITIES = [
  Application,
  ApplicationBudgetLine,
  ApplicationMessage,
  RoundApplicationCounter,
];
export * from './entities/application.entity';
export * from './entities/application-budget-line.entity';
export * from './entities/application-message.entity';
export * from './entities/round-application-counter.entity';
export * from './application-status';
export * from './application-answers';
export * from './application-answers.text';
export * from './application-reference';
export * from './eligibility-checks';
export * from './applications.exceptions';
export * from './applications.service';
export * from './application-notices';
export * from './application-policies';
export * from './application-loader';
export { lockRoundNumbering } from './submission-writer';
export * from './appraisal/appraisal.service';
export * from './appraisal/application-queue.service';
export * from './applications.module';
export * from './dto/start-application.dto';
export * from './dto/update-answers.dto';
export * from './dto/submit-application.dto';
export * from './dto/appraisal.dto';
export * from './dto/application-response.dto';
export * from './application.view';
