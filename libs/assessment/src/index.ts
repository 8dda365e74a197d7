import { AssessmentCriterion } from './entities/assessment-criterion.entity';
import { AssessorAssignment } from './entities/assessor-assignment.entity';
import { CriterionScore } from './entities/criterion-score.entity';
import { RoundAssessment } from './entities/round-assessment.entity';
import { ScoreModeration } from './entities/score-moderation.entity';
import { ApplicantFeedback } from './recommendation/applicant-feedback.entity';
import { RecommendationItem } from './recommendation/recommendation-item.entity';
import { RecommendationOverride } from './recommendation/recommendation-override.entity';
import { RoundRecommendation } from './recommendation/round-recommendation.entity';
export const ASSESSMENT_ENTITIES = [
  AssessmentCriterion,
  AssessorAssignment,
  CriterionScore,
  RoundAssessment,
  ScoreModeration,
  RoundRecommendation,
  RecommendationOverride,
  RecommendationItem,
  ApplicantFeedback,
];
export * from './entities/assessment-criterion.entity';
export * from './entities/assessor-assignment.entity';
export * from './entities/criterion-score.entity';
export * from './entities/round-assessment.entity';
export * from './entities/score-moderation.entity';
export * from './scoring/weighted-score';
export * from './scoring/score-bands';
export * from './scoring/round-thresholds';
export * from './rubric-rules';
export * from './assessment.exceptions';
export * from './rubric.service';
export * from './assignments.service';
export * from './scoring.service';
export * from './round-scores.service';
export * from './moderation.service';
export * from './recommendation/round-recommendation.entity';
export * from './recommendation/recommendation-override.entity';
export * from './recommendation/recommendation-item.entity';
export * from './recommendation/applicant-feedback.entity';
export * from './recommendation/recommendation.service';
export * from './assessment.module';
export * from './dto/rubric.dto';
export * from './dto/assignment.dto';
export * from './dto/scoring.dto';
export * from './dto/round-scores.dto';
export * from './dto/recommendation.dto';
