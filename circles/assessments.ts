import type { AreaId, Answers } from "../core/model/types.js";
import { combinePeopleAnswers, InvalidAnswerError, validateAnswers, type MemberAssessment } from "../core/scoring/index.js";
import type { AssessmentRecord, CompanyRef, PersonRef } from "../storage/records.js";

/**
 * A company's assessment is its people's assessment: in each cycle, the latest answers of every
 * person of the rating company about one company (itself, or a partner), combined per area by
 * core/scoring's combinePeopleAnswers. No person's answers replace a colleague's.
 */
export interface CompanyAssessment {
  cycle: string;
  rater: CompanyRef;
  subject: CompanyRef;
  answers: Answers;
  formalVendorProgram: boolean;
  /** The people whose answers were combined, in the order they finished. */
  people: PersonRef[];
  /** When the last of them finished (ISO). */
  completedAt: string;
  /** Areas where those people disagree. */
  disagreements: AreaId[];
}

export interface CompanyAssessments {
  /** Oldest cycle first. */
  assessments: CompanyAssessment[];
  /** Stored person rows that could not be scored (unknown area or stage): left out. */
  unreadable: number;
}

export function isSelfAssessment(assessment: Pick<AssessmentRecord, "rater" | "subject">): boolean {
  return assessment.rater.companyId === assessment.subject.companyId;
}

function isScorable(record: AssessmentRecord): boolean {
  try {
    validateAnswers(record.answers);
    return true;
  } catch (error) {
    if (error instanceof InvalidAnswerError) return false;
    throw error;
  }
}

const groupKey = (record: AssessmentRecord): string => [record.cycle, record.rater.companyId, record.subject.companyId].join("\u0000");

/** Combines person rows (in any order) into one assessment per cycle, rating company and rated company. */
export function companyAssessmentsOf(records: readonly AssessmentRecord[]): CompanyAssessments {
  const scorable = records.filter(isScorable);
  const groups = new Map<string, AssessmentRecord[]>();
  for (const record of scorable) {
    const group = groups.get(groupKey(record));
    if (group) group.push(record);
    else groups.set(groupKey(record), [record]);
  }
  const assessments = [...groups.values()].map(combineGroup).sort((a, b) => a.cycle.localeCompare(b.cycle) || a.completedAt.localeCompare(b.completedAt));
  return { assessments, unreadable: records.length - scorable.length };
}

function combineGroup(group: readonly AssessmentRecord[]): CompanyAssessment {
  const byFinish = [...group].sort((a, b) => a.completedAt.localeCompare(b.completedAt));
  const latest = byFinish[byFinish.length - 1] as AssessmentRecord;
  const combined = combinePeopleAnswers(byFinish.map((record) => ({ answers: record.answers, formalVendorProgram: record.formalVendorProgram })));
  return {
    cycle: latest.cycle,
    rater: latest.rater,
    subject: latest.subject,
    answers: combined.answers,
    formalVendorProgram: combined.formalVendorProgram,
    people: byFinish.map((record) => record.ratedBy),
    completedAt: latest.completedAt,
    disagreements: combined.disagreements,
  };
}

/** The last assessment per key, from a list in cycle order. */
export function latestBy<T extends { cycle: string }>(assessments: readonly T[], keyOf: (assessment: T) => string): Map<string, T> {
  const latest = new Map<string, T>();
  for (const assessment of assessments) latest.set(keyOf(assessment), assessment);
  return latest;
}

export const bySubject = (assessment: Pick<CompanyAssessment, "subject">): string => assessment.subject.companyId;
/** Rater and subject as one key; company ids never hold NUL. */
export const byRaterAndSubject = (assessment: Pick<CompanyAssessment, "rater" | "subject">): string => `${assessment.rater.companyId}\u0000${assessment.subject.companyId}`;

/** A company's assessment as core/scoring's circle functions take it: the rated company and its combined answers. */
export function asMemberAssessment(assessment: Pick<CompanyAssessment, "subject" | "answers" | "formalVendorProgram">): MemberAssessment {
  return { companyId: assessment.subject.companyId, answers: assessment.answers, formalVendorProgram: assessment.formalVendorProgram };
}
