import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { z } from "zod";
import type { Clock } from "../../core/clock.js";
import type { TabSsoConfig } from "../../platform/config.js";
import { DEFAULT_LOCAL_USER } from "../../platform/local-users.js";
import { ApiRefusal } from "./refusals.js";

/** Who is asking: a person in a tenant. */
export interface TabIdentity {
  /** The token's tenant (tid): the person's organisation, unless `guest`. */
  tenantId: string;
  /** The Entra object id (the SSO token's oid), which is also the user id the bot stores people under. */
  userId: string;
  name: string | undefined;
  signIn: "teams-sso" | "local-development";
  /**
   * Signed into tenantId as a B2B guest (the token's `acct` is 1, or its `idp` names another
   * identity provider than its issuer — docs/identity.md). A guest never acts for that tenant's company.
   */
  guest: boolean;
}

export interface TabAuthenticator {
  readonly mode: TabIdentity["signIn"];
  /** Resolves to the identity, or rejects with an ApiRefusal (401/403) that says why. */
  identify(headers: Readonly<Record<string, string | string[] | undefined>>): Promise<TabIdentity>;
}

export const DEV_USER_HEADER = "x-dev-user";

/** The scope the tab's app registration exposes for Teams SSO. */
export const SSO_SCOPE = "access_as_user";
/** Teams' clock and ours may disagree a little. */
const CLOCK_TOLERANCE_SECONDS = 60;

export function microsoftSigningKeys(): (tenantId: string) => JWTVerifyGetKey {
  const perTenant = new Map<string, JWTVerifyGetKey>();
  return (tenantId) => {
    const existing = perTenant.get(tenantId);
    if (existing) return existing;
    const keys = createRemoteJWKSet(new URL(`https://login.microsoftonline.com/${encodeURIComponent(tenantId)}/discovery/v2.0/keys`));
    perTenant.set(tenantId, keys);
    return keys;
  };
}

/** Teams SSO: every request carries a token from authentication.getAuthToken(), verified in full. */
export function ssoAuthenticator(sso: TabSsoConfig, signingKeys: (tenantId: string) => JWTVerifyGetKey, clock: Clock): TabAuthenticator {
  return {
    mode: "teams-sso",
    identify: async (headers) => {
      const token = bearerToken(headers.authorization);
      const tenantId = claimedTenant(token);
      if (!isTenantAllowed(sso, tenantId)) throw new ApiRefusal(403, "tenant-not-allowed", "Your organisation is not allowed to use this app. Ask your Teams administrator.");
      const payload = await verified(token, tenantId, sso.clientId, signingKeys(tenantId), clock);
      return identityFrom(payload, tenantId);
    },
  };
}

function bearerToken(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer\s+(\S+)$/i.exec(value.trim()) : null;
  if (!match?.[1]) throw new ApiRefusal(401, "sign-in-required", "Sign-in is required: open this tab in Microsoft Teams so that it can sign you in.");
  return match[1];
}

function claimedTenant(token: string): string {
  let payload: JWTPayload;
  try {
    payload = decodeJwt(token);
  } catch {
    throw new ApiRefusal(401, "token-unreadable", "The sign-in token could not be read. Reload the tab to sign in again.");
  }
  if (typeof payload.tid !== "string" || payload.tid === "") throw new ApiRefusal(401, "token-without-tenant", "The sign-in token does not name your organisation. Reload the tab to sign in again.");
  return payload.tid;
}

/** Only the app's own tenant and those listed in TAB_ALLOWED_TENANTS; any tenant when neither is set (multi-tenant app). */
export function isTenantAllowed(sso: TabSsoConfig, tenantId: string): boolean {
  const allowed = [...(sso.tenantId ? [sso.tenantId] : []), ...sso.allowedTenants];
  return allowed.length === 0 || allowed.includes(tenantId);
}

async function verified(token: string, tenantId: string, clientId: string, keys: JWTVerifyGetKey, clock: Clock): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, keys, {
      issuer: [`https://login.microsoftonline.com/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`],
      algorithms: ["RS256"],
      currentDate: clock.now(),
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["exp", "iat", "aud", "iss"],
    });
    if (!isAudienceOf(payload.aud, clientId)) throw new ApiRefusal(401, "token-wrong-audience", "The sign-in token was issued for another app. Reload the tab to sign in again.");
    return payload;
  } catch (error) {
    throw refusalFor(error);
  }
}

/** Teams SSO tokens name the app as its client id or as its Application ID URI (api://…/{clientId}). */
export function isAudienceOf(audience: string | string[] | undefined, clientId: string): boolean {
  const audiences = Array.isArray(audience) ? audience : audience === undefined ? [] : [audience];
  return audiences.some((value) => value === clientId || (value.startsWith("api://") && (value === `api://${clientId}` || value.endsWith(`/${clientId}`))));
}

function refusalFor(error: unknown): ApiRefusal {
  if (error instanceof ApiRefusal) return error;
  if (error instanceof errors.JWTExpired) return new ApiRefusal(401, "token-expired", "Your sign-in has expired. Reload the tab to sign in again.");
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === "iss") {
    return new ApiRefusal(401, "token-wrong-issuer", "The sign-in token was not issued by your organisation's Microsoft Entra ID.");
  }
  if (error instanceof errors.JWTClaimValidationFailed) return new ApiRefusal(401, "token-invalid-claims", `The sign-in token is not valid (${error.claim}). Reload the tab to sign in again.`);
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JOSEAlgNotAllowed) {
    return new ApiRefusal(401, "token-bad-signature", "The sign-in token's signature is not valid. Reload the tab to sign in again.");
  }
  if (signingKeysUnreachable(error)) {
    return new ApiRefusal(503, "keys-unavailable", "Sign-in cannot be checked right now because Microsoft's signing keys could not be fetched. Try again in a minute.");
  }
  return new ApiRefusal(401, "token-invalid", "The sign-in token is not valid. Reload the tab to sign in again.");
}

/**
 * jose's remote key set fails with JWKSTimeout or JWKSInvalid, with a plain JOSEError when the key
 * endpoint answers other than 200 with JSON, and with fetch's own TypeError when it cannot be reached.
 */
function signingKeysUnreachable(error: unknown): boolean {
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return true;
  if (error instanceof errors.JOSEError && error.constructor === errors.JOSEError) return true;
  return error instanceof TypeError && error.message === "fetch failed";
}

function identityFrom(payload: JWTPayload, tenantId: string): TabIdentity {
  const scopes = typeof payload.scp === "string" ? payload.scp.split(" ") : [];
  if (!scopes.includes(SSO_SCOPE)) throw new ApiRefusal(403, "token-missing-scope", `The sign-in token does not grant this app's "${SSO_SCOPE}" permission. Ask your administrator to grant consent.`);
  if (typeof payload.oid !== "string" || payload.oid === "") throw new ApiRefusal(401, "token-without-user", "The sign-in token does not name a user. Reload the tab to sign in again.");
  const name = typeof payload.name === "string" ? payload.name : undefined;
  return { tenantId, userId: payload.oid, name, signIn: "teams-sso", guest: isGuestToken(payload) };
}

/**
 * Entra ID access tokens: `acct` (optional claim) is 0 for a member of the tenant and 1 for a guest;
 * `idp` is present and differs from `iss` when the account was authenticated by another identity
 * provider than the issuing tenant — a guest from another organisation, or a personal account.
 */
export function isGuestToken(payload: JWTPayload): boolean {
  if (payload.acct === 1 || payload.acct === "1") return true;
  return typeof payload.idp === "string" && payload.idp !== "" && payload.idp !== payload.iss;
}

const devUserHeader = z
  .string()
  .trim()
  .regex(/^[^/\s]{1,100}\/[^/\s]{1,100}$/, `The ${DEV_USER_HEADER} header must look like "tenantId/userId".`);

/** Local development: no sign-in; the user comes from the x-dev-user header, or is the default local user. */
export function localAuthenticator(): TabAuthenticator {
  return {
    mode: "local-development",
    identify: async (headers) => {
      const header = headers[DEV_USER_HEADER];
      const value = Array.isArray(header) ? header[0] : header;
      if (value === undefined || value === "") {
        const { tenantId, aadObjectId, name } = DEFAULT_LOCAL_USER;
        return { tenantId, userId: aadObjectId, name, signIn: "local-development", guest: false };
      }
      const parsed = devUserHeader.safeParse(value);
      if (!parsed.success) throw new ApiRefusal(400, "bad-dev-user", parsed.error.issues[0]?.message ?? `The ${DEV_USER_HEADER} header is not valid.`);
      const [tenantId = "", userId = ""] = parsed.data.split("/");
      return { tenantId, userId, name: undefined, signIn: "local-development", guest: false };
    },
  };
}
