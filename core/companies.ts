import { normalizeText } from "./text.js";

/**
 * A company is a verified organisation: its id is the Microsoft Entra tenant id that Teams and
 * Entra ID report for the person (see docs/identity.md). Its name is only a display name, chosen by
 * the first person of the organisation who uses the app and changeable by its people.
 *
 * A partner rated outside every circle has no verified organisation; such a rating stays with the
 * rater and carries an id made from the typed name, which can never equal a tenant id.
 */
const UNVERIFIED_PREFIX = "named:";

/** Entra tenant ids are GUIDs; local tools (the Agents Playground) use GUID-like ids. Nothing else is accepted. */
const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

export function isTenantId(text: string): boolean {
  return TENANT_ID.test(text);
}

/** The company of an organisation is its tenant: one tenant, one company. */
export function companyIdOfTenant(tenantId: string): string {
  if (!isTenantId(tenantId)) throw new RangeError("A company id is an Entra tenant id");
  return tenantId;
}

/** The id of a partner known only by a typed name (private ratings outside every circle). */
export function unverifiedCompanyId(name: string): string {
  return UNVERIFIED_PREFIX + normalizeText(name).toLocaleLowerCase("en-US");
}

export function isVerifiedCompanyId(companyId: string): boolean {
  return !companyId.startsWith(UNVERIFIED_PREFIX) && isTenantId(companyId);
}
