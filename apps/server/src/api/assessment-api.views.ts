import { Application, answerRows, answersOf } from '@grants/applications';
import {
  roundThresholds,
  ApplicationScore,
  AssessedApplicationDto,
  AssessmentCriterion,
  AssessorAssignment,
  AssignmentApplicationDto,
  AssignmentResponseDto,
  CriterionResponseDto,
  CriterionScore,
  rankByScore,
  RoundScoresDto,
  SCORE_BAND_LABELS,
  ScoreResponseDto,
  StaffAssignmentDto,
  toBasisPointsFloor,
} from '@grants/assessment';
import type { GrantRound } from '@grants/funds';

/*
 * Entities to the JSON shapes of the assessment API, typed against the DTO classes so the
 * OpenAPI document and the answers cannot drift apart.
 */

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function criterionView(c: AssessmentCriterion): CriterionResponseDto {
  return {
    id: c.id,
    position: c.position + 1,
    title: c.title,
    guidance: c.guidance,
    maxScore: c.maxScore,
    weight: c.weight,
  };
}

export function scoreView(s: CriterionScore): ScoreResponseDto {
  return {
    criterionId: s.criterionId,
    score: s.score,
    comment: s.comment,
    updatedAt: s.updatedAt.toISOString(),
  };
}

/** Needs application.round and application.organisation loaded. */
function applicationBrief(application: Application): AssignmentApplicationDto {
  return {
    id: application.id,
    reference: application.reference,
    projectTitle: application.projectTitle,
    organisationName: application.organisation.name,
    roundId: application.roundId,
    roundTitle: application.round.title,
  };
}

export function assignmentView(a: AssessorAssignment): AssignmentResponseDto {
  return {
    id: a.id,
    status: a.status,
    applicationId: a.applicationId,
    ...(a.application?.organisation && a.application.round
      ? { application: applicationBrief(a.application) }
      : {}),
    assignedAt: a.assignedAt.toISOString(),
    declaredAt: iso(a.declaredAt),
    submittedAt: iso(a.submittedAt),
  };
}

export function staffAssignmentView(a: AssessorAssignment): StaffAssignmentDto {
  return {
    ...assignmentView(a),
    assessor: { id: a.assessor.id, displayName: a.assessor.displayName, email: a.assessor.email },
    conflictNote: a.conflictNote,
  };
}

/** The answers only: no eligibility checks, checklist, messages or other assessors' scores. */
export function assessedApplicationView(application: Application): AssessedApplicationDto {
  return {
    ...applicationBrief(application),
    amountRequestedPence: application.amountRequestedPence,
    answers: answersOf(application),
    answerRows: answerRows(application),
  };
}

/**
 * The ranked list and the counts per band. The exact fraction stays on the server (BigInt does
 * not go into JSON): the percentage as shown, and whole hundredths of a percent rounded down.
 */
export function roundScoresView(round: GrantRound, scores: ApplicationScore[]): RoundScoresDto {
  const ranked = rankByScore(scores);
  const unscored = scores.filter((s) => s.score === null);
  const count = (band: string) => scores.filter((s) => s.band === band).length;
  return {
    roundId: round.id,
    recommendThresholdBp: roundThresholds(round).recommendBp,
    reserveThresholdBp: roundThresholds(round).reserveBp,
    applications: [...ranked, ...unscored].map((s, i) => ({
      rank: s.score ? i + 1 : null,
      applicationId: s.applicationId,
      reference: s.reference,
      organisationName: s.organisationName,
      projectTitle: s.projectTitle,
      amountRequestedPence: s.amountRequestedPence,
      assessorCount: s.assessorCount,
      percentage: s.percentage,
      scoreBasisPoints: s.score ? toBasisPointsFloor(s.score) : null,
      band: s.band,
      bandLabel: s.band ? SCORE_BAND_LABELS[s.band] : null,
      spreadBp: s.spreadBp,
      flagged: s.flagged,
      needsModeration: s.needsModeration,
      assessorsPercentage: s.assessorsPercentage,
      moderation: s.moderation,
    })),
    counts: {
      recommend: count('recommend'),
      reserve: count('reserve'),
      notRecommended: count('not-recommended'),
      unscored: unscored.length,
      needsModeration: scores.filter((s) => s.needsModeration).length,
    },
  };
}
