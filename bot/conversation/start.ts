import { actorFor, companyOfPerson, companyRefOf, listMyCircles, nameCompany, rememberVendorProgram, type Actor, type CircleContext, type VerifiedPerson } from "../../circles/index.js";
import { CircleRuleError } from "../../core/circles/index.js";
import { isVerifiedCompanyId, unverifiedCompanyId } from "../../core/companies.js";
import { sameName, validText } from "../../core/text.js";
import type { CompanyRef, DraftRecord, StoredRow } from "../../storage/index.js";
import type { CardAction } from "../cards/actions.js";
import { companyCard } from "../cards/company.js";
import { partnerChoiceCard } from "../cards/help.js";
import { cardForDraft, resumeCard } from "./screens.js";
import { circleContextOf, refuse, withCompanyRules, type StepResult } from "./refusals.js";
import { isSaved, saveDraftOrExplain } from "./saving.js";
import type { ConversationDeps, Speaker } from "./types.js";

type StartAction = Extract<CardAction, { verb: "start" }>;

/** Which partner to rate: one of the circles' companies (by id), a typed name, or not said yet. */
export type PartnerChoice = { subjectId: string } | { name: string } | undefined;

/** `assess`: resume the assessment in progress, or the first card: for which company the person answers. */
export async function startSelfAssessment(deps: ConversationDeps, speaker: Speaker): Promise<StepResult> {
  const draft = await deps.repositories.people.getDraft(speaker.person, "self", "");
  if (draft?.data.status === "in-progress") return { card: resumeCard(draft.data) };
  return withCompanyRules(deps, async () => {
    const company = await companyOfPerson(circleContextOf(deps), await deps.verify());
    return {
      card: companyCard({
        for: speaker.person.userId,
        draft: { kind: "self" },
        ...(company ? { company: companyRefOf(company.data) } : {}),
        ...vendorProgramOf(company?.data.formalVendorProgram),
        ...(draft ? { previousRun: draft.data.runId, notice: `You finished an assessment${draft.data.cycle ? ` in ${draft.data.cycle}` : ""}. Starting a new one keeps that result until you finish this one.` } : {}),
      }),
    };
  });
}

/**
 * `assess <partner company>`: a company of the person's circles is chosen, never typed — a typed name
 * is matched against them; a name that matches none is a company outside the circles, whose rating
 * stays with the person.
 */
export async function startPartnerAssessment(deps: ConversationDeps, speaker: Speaker, choice: PartnerChoice): Promise<StepResult> {
  return withCompanyRules(deps, async () => {
    const context = circleContextOf(deps);
    const actor = await actorFor(context, await deps.verify());
    const partners = await partnersOf(context, actor);
    if (choice === undefined) return { card: partnerChoiceCard(partners) };
    const subject = subjectOf(choice, partners, actor);
    if ("card" in subject || "notice" in subject) return subject;
    const draft = await deps.repositories.people.getDraft(speaker.person, "partner", subject.companyId);
    if (draft?.data.status === "in-progress") return { card: resumeCard(draft.data) };
    return {
      card: companyCard({
        for: speaker.person.userId,
        draft: { kind: "partner", subject: subject.companyId },
        subject,
        subjectOutsideCircles: !isVerifiedCompanyId(subject.companyId),
        company: actor.company,
        ...vendorProgramOf(draft?.data.formalVendorProgram),
        ...(draft ? { previousRun: draft.data.runId, notice: `You rated ${draft.data.subject.companyName} before. Starting again keeps that rating until you finish this one.` } : {}),
      }),
    };
  });
}

function subjectOf(choice: Exclude<PartnerChoice, undefined>, partners: readonly CompanyRef[], actor: Actor): CompanyRef | StepResult {
  if ("subjectId" in choice) {
    const partner = partners.find((candidate) => candidate.companyId === choice.subjectId);
    return partner ?? { notice: "That company is no longer in any of your company's circles, so I can't start that rating. Type assess <partner company> to choose again." };
  }
  const name = validText("company", choice.name);
  if (sameName(name, actor.company.companyName)) return { notice: ownCompanyMessage(actor.company.companyName) };
  const matches = partners.filter((partner) => sameName(partner.companyName, name));
  if (matches.length === 1) return matches[0] as CompanyRef;
  if (matches.length > 1) return { card: partnerChoiceCard(matches, { notice: `More than one company in your circles is called ${name}. Choose the one you mean.` }) };
  return { companyId: unverifiedCompanyId(name), companyName: name };
}

/** The member companies of every circle the actor's company is in, except the actor's own, by name. */
export async function partnersOf(context: CircleContext, actor: Actor): Promise<CompanyRef[]> {
  const circles = await listMyCircles(context, actor.company.companyId);
  const members = (await Promise.all(circles.map((circle) => context.repositories.circles.listMembers(circle.circleId)))).flat();
  const partners = new Map<string, CompanyRef>();
  for (const { data } of members) {
    if (data.status === "member" && data.company.companyId !== actor.company.companyId) partners.set(data.company.companyId, data.company);
  }
  return [...partners.values()].sort((a, b) => a.companyName.localeCompare(b.companyName, "en"));
}

/** The first card was sent: begin a new run (replacing a finished one, or the current one when starting over). */
export async function beginAssessment(deps: ConversationDeps, speaker: Speaker, action: StartAction): Promise<StepResult> {
  return withCompanyRules(deps, async () => {
    const context = circleContextOf(deps);
    const verified = await deps.verify();
    const company = await companyOfPerson(context, verified);
    const rater = company ? companyRefOf(company.data) : await firstNaming(context, verified, action);
    if (!rater) return refuse(deps, "missing-company", "Type your company's name, then select Start.");
    const subject = action.kind === "partner" ? await partnerSubjectOf(context, action, { person: verified.person, company: rater }) : undefined;
    if (subject === "mismatch") return refuse(deps, "company-mismatch", "That card's data doesn't look like a card I sent, so I didn't start anything. Type assess to get a fresh card.");
    const existing = await deps.repositories.people.getDraft(speaker.person, action.kind, subject?.companyId ?? "");
    const stale = staleStart(existing, action);
    if (stale) return stale;
    const draft = newDraft(deps, speaker, action, rater, subject);
    const saved = await saveDraftOrExplain(deps, draft, existing?.etag);
    if (!isSaved(saved)) return saved;
    const companyRow = company ?? (await deps.repositories.companies.get(rater.companyId));
    if (action.kind === "self" && companyRow) await rememberVendorProgram(context, companyRow, draft.formalVendorProgram);
    deps.log.info({ kind: draft.kind, restart: action.restart === true }, "assessment started");
    return { card: cardForDraft(saved.draft) };
  });
}

/** The first person of an organisation names its company on the first card. */
async function firstNaming(context: CircleContext, verified: VerifiedPerson, action: StartAction): Promise<CompanyRef | undefined> {
  if (action.company === undefined) return undefined;
  const named = await nameCompany(context, verified, action.company);
  return companyRefOf(named.company);
}

/** A first card pressed after the assessment already began (a double press, an old card): show where it stands. */
function staleStart(existing: StoredRow<DraftRecord> | undefined, action: StartAction): StepResult | undefined {
  if (!existing) return undefined;
  const sameRun = existing.data.runId === action.run;
  if (sameRun && (existing.data.status === "completed" || action.restart)) return undefined;
  return { card: cardForDraft(existing.data, { notice: "That card is out of date: this assessment has moved on since. Here is where it stands." }) };
}

/**
 * The partner named on the card, checked again: a verified company must still share a circle with
 * the rater; a company outside the circles is known by its typed name only.
 */
async function partnerSubjectOf(context: CircleContext, action: StartAction, actor: Actor): Promise<CompanyRef | "mismatch"> {
  if (!action.subject || !action.subjectName) return "mismatch";
  if (isVerifiedCompanyId(action.subject)) {
    const partner = (await partnersOf(context, actor)).find((candidate) => candidate.companyId === action.subject);
    if (!partner) throw new CircleRuleError("not-a-member", "That company is no longer in any of your company's circles, so I didn't start that rating.");
    return partner;
  }
  const name = validText("company", action.subjectName);
  return unverifiedCompanyId(name) === action.subject ? { companyId: action.subject, companyName: name } : "mismatch";
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

function vendorProgramOf(value: boolean | undefined): { vendorProgram?: boolean } {
  return value === undefined ? {} : { vendorProgram: value };
}

function ownCompanyMessage(companyName: string): string {
  return `${companyName} is your own company. Type assess to assess it; assess <partner company> is for rating a fellow partner.`;
}
