import { describe, expect, it } from "vitest";
import { organisationOf } from "../../bot/teams/identity.js";
import { isGuestToken } from "../../tab/api/auth.js";

/**
 * Where the organisation of a person comes from (docs/identity.md): in the bot, Teams' answer to
 * GET /v3/conversations/{id}/members/{userId}; in the tab, the SSO token's tid with its idp and acct.
 */
describe("the organisation Teams reports for a person speaking to the bot", () => {
  const CONVERSATION_TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

  it("is the member's own tenant for a person of the tenant the conversation is in", () => {
    expect(organisationOf({ id: "29:a", tenantId: CONVERSATION_TENANT, userRole: "user" }, CONVERSATION_TENANT)).toEqual({ kind: "member", tenantId: CONVERSATION_TENANT });
  });

  it("is the member's home tenant for an external member of a shared channel, not the host's", () => {
    expect(organisationOf({ id: "29:b", tenantId: "0b4c7a6e-1111-4a52-9ad1-2b3c4d5e6f70", userRole: "user" }, CONVERSATION_TENANT)).toEqual({ kind: "member", tenantId: "0b4c7a6e-1111-4a52-9ad1-2b3c4d5e6f70" });
  });

  it("is a guest, never the host's company, for a B2B guest signed into the host tenant", () => {
    expect(organisationOf({ id: "29:c", tenantId: CONVERSATION_TENANT, userRole: "guest" }, CONVERSATION_TENANT)).toEqual({ kind: "guest", hostTenantId: CONVERSATION_TENANT });
  });

  it("is no organisation for an anonymous participant", () => {
    expect(organisationOf({ id: "29:d", tenantId: CONVERSATION_TENANT, userRole: "anonymous" }, CONVERSATION_TENANT)).toEqual({ kind: "anonymous" });
  });

  it("falls back to the conversation's tenant when Teams names none, and refuses a tenant id that cannot be one", () => {
    expect(organisationOf({ id: "29:e" }, CONVERSATION_TENANT)).toEqual({ kind: "member", tenantId: CONVERSATION_TENANT });
    expect(organisationOf({ id: "29:f", tenantId: "../../etc" }, CONVERSATION_TENANT)).toEqual({ kind: "member", tenantId: CONVERSATION_TENANT });
    expect(organisationOf({ id: "29:g" }, "not a tenant")).toEqual({ kind: "unconfirmed" });
    expect(organisationOf({ id: "29:h", userRole: 42 } as never, CONVERSATION_TENANT)).toEqual({ kind: "unconfirmed" });
  });
});

describe("a guest's Teams SSO token", () => {
  const iss = "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0";

  it("is a member's when it names no other identity provider and no guest account", () => {
    expect(isGuestToken({ iss, tid: "72f988bf-86f1-41af-91ab-2d7cd011db47" })).toBe(false);
    expect(isGuestToken({ iss, idp: iss, acct: 0 })).toBe(false);
  });

  it("is a guest's when acct is 1, or when idp names another tenant or a personal account", () => {
    expect(isGuestToken({ iss, acct: 1 })).toBe(true);
    expect(isGuestToken({ iss, idp: "https://sts.windows.net/0b4c7a6e-1111-4a52-9ad1-2b3c4d5e6f70/" })).toBe(true);
    expect(isGuestToken({ iss, idp: "live.com" })).toBe(true);
  });
});
