import { TeamsInfo, type TeamsChannelAccount, type TurnContext } from "botbuilder";
import { z } from "zod";
import type { Organisation, VerifiedPerson } from "../../circles/index.js";
import { isTenantId } from "../../core/companies.js";
import type { Speaker, TurnLog } from "../conversation/types.js";
import { speakerOf } from "./activities.js";

/**
 * Which organisation the person speaking belongs to, as Teams says (docs/identity.md):
 * GET /v3/conversations/{id}/members/{userId} (TeamsInfo.getMember) answers the member's own
 * `tenantId` — for an external member of a shared channel their home tenant, not the host's — and
 * `userRole`: "user", "guest" (a B2B guest signed into the host tenant) or "anonymous".
 * The activity's own tenant (conversation.tenantId / channelData.tenant.id) is the conversation's.
 */
const memberSchema = z
  .object({
    tenantId: z.string().max(128).optional(),
    userRole: z.string().max(32).optional(),
    objectId: z.string().max(128).optional(),
    aadObjectId: z.string().max(128).optional(),
  })
  .loose();

export function organisationOf(member: Partial<TeamsChannelAccount> | undefined, conversationTenantId: string): Organisation {
  const parsed = memberSchema.safeParse(member);
  if (!parsed.success) return { kind: "unconfirmed" };
  const { tenantId, userRole } = parsed.data;
  if (userRole === "guest") return { kind: "guest", hostTenantId: conversationTenantId };
  if (userRole === "anonymous") return { kind: "anonymous" };
  const own = tenantId && isTenantId(tenantId) ? tenantId : conversationTenantId;
  return isTenantId(own) ? { kind: "member", tenantId: own } : { kind: "unconfirmed" };
}

/**
 * The speaker, verified with Teams once per turn (the answer is memoised). When Teams cannot be
 * asked, the organisation is "unconfirmed" and every company action is refused with a sentence.
 */
export function turnVerifier(context: TurnContext, log: TurnLog): () => Promise<VerifiedPerson> {
  let verified: Promise<VerifiedPerson> | undefined;
  return () => {
    verified ??= verify(context, log);
    return verified;
  };
}

async function verify(context: TurnContext, log: TurnLog): Promise<VerifiedPerson> {
  const speaker = speakerOf(context.activity);
  try {
    const member = await TeamsInfo.getMember(context, context.activity.from.id);
    return verifiedPerson(speaker, organisationOf(member, speaker.person.tenantId));
  } catch (error) {
    log.warn({ reason: error instanceof Error ? error.message.slice(0, 200) : "unknown" }, "could not confirm the person's organisation with Teams");
    return verifiedPerson(speaker, { kind: "unconfirmed" });
  }
}

/** A member is keyed by their own organisation's tenant (the same person the tab's SSO token names). */
function verifiedPerson(speaker: Speaker, organisation: Organisation): VerifiedPerson {
  const person = organisation.kind === "member" ? { ...speaker.person, tenantId: organisation.tenantId } : speaker.person;
  return { person, organisation };
}
