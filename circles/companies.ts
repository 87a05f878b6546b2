import { companyIdOfTenant } from "../core/companies.js";
import { validText } from "../core/text.js";
import { ConcurrencyError, EntityExistsError, type CompanyRecord, type StoredRow } from "../storage/index.js";
import type { CircleContext } from "./context.js";
import { ConflictError } from "./errors.js";
import { organisationTenantOf, type VerifiedPerson } from "./identity.js";

export interface NamedCompany {
  company: CompanyRecord;
  /** The name before, when this renamed the company. */
  previousName?: string;
}

const NAME_ATTEMPTS = 3;

/**
 * Names the person's organisation's company (the first person of a tenant) or renames it (any of
 * its people). Nobody can name another organisation's company: the company is the person's tenant.
 * A rename reaches every circle the company is in.
 */
export async function nameCompany(context: CircleContext, verified: VerifiedPerson, name: string): Promise<NamedCompany> {
  const tenantId = organisationTenantOf(verified);
  const companyName = validText("company", name);
  for (let attempt = 1; ; attempt += 1) {
    const existing = await context.repositories.companies.get(companyIdOfTenant(tenantId));
    try {
      const named = existing ? await rename(context, verified, existing, companyName) : await create(context, verified, tenantId, companyName);
      if (named.previousName !== undefined && named.previousName !== companyName) await renameInCircles(context, named.company);
      return named;
    } catch (error) {
      const raced = error instanceof EntityExistsError || error instanceof ConcurrencyError;
      if (!raced) throw error;
      if (attempt >= NAME_ATTEMPTS) throw new ConflictError("Someone else changed your company's name at the same moment; please try again.");
    }
  }
}

/** The company's vendor program setting, as its people last said when they began an assessment. */
export async function rememberVendorProgram(context: CircleContext, company: StoredRow<CompanyRecord>, formalVendorProgram: boolean): Promise<void> {
  if (company.data.formalVendorProgram === formalVendorProgram) return;
  try {
    await context.repositories.companies.replace({ ...company.data, formalVendorProgram, updatedAt: context.clock.now().toISOString() }, company.etag);
  } catch (error) {
    if (!(error instanceof ConcurrencyError)) throw error;
  }
}

async function create(context: CircleContext, verified: VerifiedPerson, tenantId: string, name: string): Promise<NamedCompany> {
  const now = context.clock.now().toISOString();
  const company: CompanyRecord = { companyId: companyIdOfTenant(tenantId), tenantId, name, namedBy: verified.person, createdAt: now, updatedAt: now };
  await context.repositories.companies.create(company);
  context.logger.info({ tenantId }, "company named");
  return { company };
}

async function rename(context: CircleContext, verified: VerifiedPerson, existing: StoredRow<CompanyRecord>, name: string): Promise<NamedCompany> {
  if (existing.data.name === name) return { company: existing.data, previousName: name };
  const company: CompanyRecord = { ...existing.data, name, renamedBy: verified.person, updatedAt: context.clock.now().toISOString() };
  await context.repositories.companies.replace(company, existing.etag);
  context.logger.info({ tenantId: company.tenantId }, "company renamed");
  return { company, previousName: existing.data.name };
}

/** Each member row (and the company's index row with it) takes the new name, re-read on a conflict. */
async function renameInCircles(context: CircleContext, company: CompanyRecord): Promise<void> {
  const circles = await context.repositories.companies.listCircles(company.companyId);
  await Promise.all(
    circles.map(async ({ circleId }) => {
      for (let attempt = 1; attempt <= NAME_ATTEMPTS; attempt += 1) {
        const [circle, member] = await Promise.all([context.repositories.circles.get(circleId), context.repositories.circles.getMember(circleId, company.companyId)]);
        if (!circle || !member) return;
        try {
          await context.repositories.circles.saveMember(circle.data, { ...member.data, company: { companyId: company.companyId, companyName: company.name } }, member.etag);
          return;
        } catch (error) {
          if (!(error instanceof ConcurrencyError)) throw error;
        }
      }
    }),
  );
}
