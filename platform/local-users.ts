/*
 * The people local development acts as, without any sign-in (the tab's local mode, the Agents
 * Playground, the demo circle). Never used when Teams SSO is configured.
 */

/**
 * The user local mode assumes when no development header is sent: the Microsoft 365 Agents
 * Playground's default user (Alex Wilber in its default tenant), so a circle made in the
 * playground and the demo circle both show in the tab. The bot keys people by their Entra object id.
 */
export const DEFAULT_LOCAL_USER = {
  tenantId: "00000000-0000-0000-0000-0000000000001",
  aadObjectId: "00000000-0000-0000-0000-0000000000020",
  name: "Alex Wilber",
} as const;

/**
 * A person of a second organisation for trying the app locally as two companies: the second Agents
 * Playground (`npm run playground:second`) signs in as her, and the tab acts as her with
 * `?devUser=<tenantId>/<aadObjectId>` (local mode only). Her tenant is the demo's Fabrikam Cloud Services.
 */
export const SECOND_LOCAL_USER = {
  tenantId: "00000000-0000-0000-0000-0000000000002",
  aadObjectId: "00000000-0000-0000-0000-0000000000121",
  name: "Megan Bowen",
} as const;
