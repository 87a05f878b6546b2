/**
 * A company is known by the name people type. Its id is that name normalised, so that
 * "Contoso  Ltd" and "contoso ltd" are the same company and a stored answer finds its company again.
 */
export const MAX_COMPANY_NAME_LENGTH = 100;

export function companyIdOf(name: string): string {
  return cleanCompanyName(name).toLocaleLowerCase("en-US");
}

/** The name as shown: Unicode-normalised, trimmed, inner whitespace collapsed, control characters removed. */
export function cleanCompanyName(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/[\p{Cc}\p{Cf}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function companyRef(name: string): { companyId: string; companyName: string } {
  const companyName = cleanCompanyName(name);
  return { companyId: companyIdOf(companyName), companyName };
}
