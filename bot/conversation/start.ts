import { companyRef, MAX_COMPANY_NAME_LENGTH } from "../../core/companies.js";
import type { CompanyRef, DraftRecord, ProfileRecord, StoredRow } from "../../storage/index.js";
import type { CardAction } from "../cards/actions.js";
import { companyCard } from "../cards/company.js";
import { partnerNameCard } from "../cards/help.js";
import { cardForDraft, resumeCard } from "./screens.js";
import { refuse, type StepResult } from "./refusals.js";
import { isSaved, saveDraftOrExplain } from "./saving.js";
import type { ConversationDeps, Speaker } from "./types.js";

type StartAction = Extract<CardAction, { verb: "start" }>;

/** `assess`: resume the assessment in progress, or ask for the company to begin a new one. */
export async function startSelfAssessment(deps: ConversationDeps, speaker: Speaker): Promise<StepResult> {
  const { person } = speaker;
  const [draft, profile] = await Promise.all([deps.repositories.people.getDraft(person, "self", ""), deps.repositories.people.getProfile(person)]);
  if (draft?.data.status === "in-progress") return { card: resumeCard(draft.data) };
  const company = profile?.data.company ?? (await companyFromCircles(deps, speaker));
  return {
    card: companyCard({
      for: person.userId,
      draft: { kind: "self" },
      askOwnCompany: true,
      ...(company ? { companyName: company.companyName } : {}),
      ...vendorProgramOf(profile?.data.formalVendorProgram),
      ...(draft ? { previousRun: draft.data.runId, notice: `You finished an assessment${draft.data.cycle ? ` in ${draft.data.cycle}` : ""}. Starting a new one keeps that result until you finish this one.` } : {}),
    }),
  };
}

/** `assess <partner company>`: resume that rating, or ask what is needed to begin it. */
export async function startPartnerAssessment(deps: ConversationDeps, speaker: Speaker, partnerName: string): Promise<StepResult> {
  const subject = companyRef(partnerName);
  if (subject.companyName === "") return { card: partnerNameCard() };
  if (subject.companyName.length > MAX_COMPANY_NAME_LENGTH) return { notice: `A company name can be at most ${MAX_COMPANY_NAME_LENGTH} characters.` };
  const { person } = speaker;
  const [draft, profile] = await Promise.all([deps.repositories.people.getDraft(person, "partner", subject.companyId), deps.repositories.people.getProfile(person)]);
  const ownCompany = profile?.data.company ?? (await companyFromCircles(deps, speaker));
  if (ownCompany?.companyId === subject.companyId) return { notice: ownCompanyMessage(ownCompany.companyName) };
  if (draft?.data.status === "in-progress") return { card: resumeCard(draft.data) };
  return {
    card: companyCard({
      for: person.userId,
      draft: { kind: "partner", subject: subject.companyId },
      subject,
      askOwnCompany: !profile?.data.company,
      ...(ownCompany ? { companyName: ownCompany.companyName } : {}),
      ...vendorProgramOf(draft?.data.formalVendorProgram),
      ...(draft ? { previousRun: draft.data.runId, notice: `You rated ${draft.data.subject.companyName} before. Starting again keeps that rating until you finish this one.` } : {}),
    }),
  };
}

/** The first card was sent: begin a new run (replacing a finished one, or the current one when starting over). */
export async function beginAssessment(deps: ConversationDeps, speaker: Speaker, action: StartAction): Promise<StepResult> {
  const subject = partnerSubjectOf(action);
  if (subject === "mismatch") return refuse(deps, "company-mismatch", "That card's data doesn't look like a card I sent, so I didn't start anything. Type assess to get a fresh card.");
  const { person } = speaker;
  const draftKey = subject?.companyId ?? "";
  const [existing, profile] = await Promise.all([deps.repositories.people.getDraft(person, action.kind, draftKey), deps.repositories.people.getProfile(person)]);
  const stale = staleStart(existing, action);
  if (stale) return stale;
  const ownName = action.company ?? profile?.data.company?.companyName;
  if (!ownName) return refuse(deps, "missing-company", "Type your company's name, then select Start.");
  const rater = companyRef(ownName);
  if (subject && rater.companyId === subject.companyId) return refuse(deps, "own-company", ownCompanyMessage(rater.companyName));
  const draft = newDraft(deps, speaker, action, rater, subject);
  const saved = await saveDraftOrExplain(deps, draft, existing?.etag);
  if (!isSaved(saved)) return saved;
  await rememberCompany(deps, speaker, profile, rater, action);
  deps.log.info({ kind: draft.kind, restart: action.restart === true }, "assessment started");
  return { card: cardForDraft(saved.draft) };
}

/** A first card pressed after the assessment already began (a double press, an old card): show where it stands. */
function staleStart(existing: StoredRow<DraftRecord> | undefined, action: StartAction): StepResult | undefined {
  if (!existing) return undefined;
  const sameRun = existing.data.runId === action.run;
  if (sameRun && (existing.data.status === "completed" || action.restart)) return undefined;
  return { card: cardForDraft(existing.data, { notice: "That card is out of date: this assessment has moved on since. Here is where it stands." }) };
}

function partnerSubjectOf(action: StartAction): CompanyRef | undefined | "mismatch" {
  if (action.kind === "self") return undefined;
  if (!action.subject || !action.subjectName) return "mismatch";
  const subject = companyRef(action.subjectName);
  return subject.companyId === action.subject ? subject : "mismatch";
}

function newDraft(deps: ConversationDeps, speaker: Speaker, action: StartAction, rater: CompanyRef, subject: CompanyRef | undefined): DraftRecord {
  const now = deps.clock.now().toISOString();
  return {
    runId: deps.newRunId(),
    kind: action.kind,
    person: speaker.person,
    rater,
    subject: subject ?? rater,
    formalVendorProgram: action.vendorProgram ?? false,
    answers: {},
    status: "in-progress",
    startedAt: now,
    updatedAt: now,
  };
}

/** The person's company (and, for a self-assessment, its vendor program) is remembered for next time. */
async function rememberCompany(deps: ConversationDeps, speaker: Speaker, profile: StoredRow<ProfileRecord> | undefined, rater: CompanyRef, action: StartAction): Promise<void> {
  const vendorProgram = action.kind === "self" ? (action.vendorProgram ?? false) : profile?.data.formalVendorProgram;
  const unchanged = profile?.data.company?.companyName === rater.companyName && profile.data.formalVendorProgram === vendorProgram;
  if (unchanged) return;
  await deps.repositories.people.updateProfile(speaker.person, (current) => ({
    ...current,
    person: speaker.person,
    company: rater,
    ...(vendorProgram === undefined ? {} : { formalVendorProgram: vendorProgram }),
    updatedAt: deps.clock.now().toISOString(),
  }));
}

/** Before the first assessment the person's company may already be known from a circle they were added to. */
async function companyFromCircles(deps: ConversationDeps, speaker: Speaker): Promise<CompanyRef | undefined> {
  const circles = await deps.repositories.circles.listForPerson(speaker.person);
  return circles[0]?.company;
}

function vendorProgramOf(value: boolean | undefined): { vendorProgram?: boolean } {
  return value === undefined ? {} : { vendorProgram: value };
}

function ownCompanyMessage(companyName: string): string {
  return `${companyName} is your own company. Type assess to assess it; assess <partner company> is for rating a fellow partner.`;
}
