import { CircleRuleError } from "../core/circles/index.js";
import { companyIdOfTenant } from "../core/companies.js";
import type { CompanyRecord, CompanyRef, PersonRef, StoredRow } from "../storage/index.js";
import type { CircleContext } from "./context.js";

/**
 * Which organisation a person acts for, as Teams or Entra ID reported it (never a typed name):
 * - member: a person of the tenant `tenantId` (for an external member of a shared channel, their
 *   own tenant, as Teams gives it);
 * - guest: a person signed into someone else's tenant as a guest — never counted as that company;
 * - anonymous: no organisation (e.g. an anonymous meeting participant);
 * - unconfirmed: Teams could not be asked just now.
 * docs/identity.md lists the fields each kind comes from.
 */
export type Organisation =
  | { kind: "member"; tenantId: string }
  | { kind: "guest"; hostTenantId: string }
  | { kind: "anonymous" }
  | { kind: "unconfirmed" };

/** A person whose organisation has been established by the edge (bot or tab). */
export interface VerifiedPerson {
  /** Keyed by the person's own tenant (their organisation's) and Entra object id. */
  person: PersonRef;
  organisation: Organisation;
}

/** The person acting, and the verified company they act for. */
export interface Actor {
  person: PersonRef;
  company: CompanyRef;
}

export const GUEST_MESSAGE =
  "You are signed in to this organisation as a guest, so you cannot act for its company here. Use Partnering Maturity from your own organisation's Teams: your company's circles and assessments are there.";
const ANONYMOUS_MESSAGE = "I can't tell which organisation you belong to, so I can't let you act for a company. Sign in to Teams with your work account and try again.";
const UNCONFIRMED_MESSAGE = "I couldn't confirm your organisation with Microsoft Teams just now, so I didn't change anything. Please try again in a moment.";

/** The tenant of a person who may act for their organisation's company; a CircleRuleError with a sentence otherwise. */
export function organisationTenantOf(verified: VerifiedPerson): string {
  const { organisation } = verified;
  switch (organisation.kind) {
    case "member":
      return organisation.tenantId;
    case "guest":
      throw new CircleRuleError("guest", GUEST_MESSAGE);
    case "anonymous":
      throw new CircleRuleError("unverified", ANONYMOUS_MESSAGE);
    case "unconfirmed":
      throw new CircleRuleError("unverified", UNCONFIRMED_MESSAGE);
  }
}

export function companyRefOf(company: CompanyRecord): CompanyRef {
  return { companyId: company.companyId, companyName: company.name };
}

/** The person's organisation's company record, if the organisation has named it yet. */
export async function companyOfPerson(context: CircleContext, verified: VerifiedPerson): Promise<StoredRow<CompanyRecord> | undefined> {
  return context.repositories.companies.get(companyIdOfTenant(organisationTenantOf(verified)));
}

/** The actor for a verified person: their organisation's company, which must have been named. */
export async function actorFor(context: CircleContext, verified: VerifiedPerson): Promise<Actor> {
  const company = await companyOfPerson(context, verified);
  if (!company) {
    throw new CircleRuleError("unknown-company", 'Your organisation has no company name in Partnering Maturity yet. Name it first: type "company" followed by its name, e.g. company Fabrikam.');
  }
  return { person: verified.person, company: companyRefOf(company.data) };
}
