import type { ConversationRecord } from "../storage/records.js";
import type { StoredRow } from "../storage/table-store.js";
import type { ReminderContext } from "./context.js";
import { RETRY_POLICY, type DispatchSettings } from "./limits.js";
import type { AttemptOutcome, AttemptRecord, DeliveryItem, DeliveryLogRecord, DeliveryOutcome, ReminderContent } from "./queue.js";
import { backoffMs, decide, type DeliveryDecision } from "./retry.js";
import type { SendSlots, SlotTicket } from "./send-slots.js";
import { ADAPTIVE_CARD_CONTENT_TYPE, type MessageActivity, type ReminderSender, type SendOutcome } from "./sender.js";
import type { DeliveryTarget } from "./targets.js";

/** What a dispatcher pass shares between its deliveries. */
export interface DeliveryPass {
  context: ReminderContext;
  sender: ReminderSender;
  slots: SendSlots;
  owner: string;
  settings: DispatchSettings;
  random: () => number;
  /** Rendered reminders, read once per pass. */
  content(circleId: string, reminderKey: string): Promise<ReminderContent | undefined>;
  /** Conversations found blocked or gone in this pass: their other deliveries are dropped. */
  deactivated: Set<string>;
  /** Logs a sent delivery and removes it from the queue, batched with others (SentBatch); without, one write each. */
  finishSent?: (claimed: StoredRow<DeliveryItem>, record: DeliveryLogRecord) => Promise<void>;
}

export type DeliveryResult = DeliveryOutcome | "deferred" | "conflict" | "already-sent";

function activityFor(content: ReminderContent, target: DeliveryTarget): MessageActivity {
  return { type: "message", summary: content.summary, attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: content.cards[target.kind] }] };
}

function attemptOf(pass: DeliveryPass, target: DeliveryTarget, outcome: AttemptOutcome, sent: SendOutcome | undefined): AttemptRecord {
  return {
    at: pass.context.clock.now().toISOString(),
    owner: pass.owner,
    conversationId: target.conversationId,
    outcome,
    ...(sent?.status !== undefined ? { status: sent.status } : {}),
    ...(sent && !sent.ok && sent.code ? { code: sent.code } : {}),
    ...(sent && !sent.ok && sent.retryAfterMs !== undefined ? { retryAfterMs: sent.retryAfterMs } : {}),
  };
}

function attemptOutcomeOf(decision: DeliveryDecision, sent: SendOutcome): AttemptOutcome {
  if (decision.kind === "delivered") return "sent";
  if (decision.kind === "recreate-chat") return "not-found";
  if (decision.kind === "retry") return decision.outcome;
  if (!sent.ok && sent.status === 403) return "forbidden";
  if (!sent.ok && sent.status === 404) return "not-found";
  return "failed";
}

/**
 * One delivery: claim it, wait for a send slot (the ticket the lane reserved before claiming, when given), mark it "sending" (under the claim's ETag, which
 * also proves the claim still holds), send, record the outcome, then remove it from the queue (or
 * put it back for a retry). The log is written before the queue row goes. A later holder that finds
 * an earlier claim never finished knows from the mark whether a send may have reached Teams:
 * without it, nothing was sent and it sends; with it, the send is in doubt (see reminders/README.md).
 */
export async function deliver(pass: DeliveryPass, row: StoredRow<DeliveryItem>, ticket?: SlotTicket): Promise<DeliveryResult> {
  const { context } = pass;
  const item = row.data;
  if (pass.deactivated.has(item.target.conversationId)) return finishWithoutSending(pass, row, "dropped", "the conversation was deactivated earlier in this pass");
  const content = await pass.content(item.circleId, item.reminderKey);
  if (!content) return finishWithoutSending(pass, row, "failed", "the reminder's content is missing");
  if (!pass.slots.reserveConversation(item.target.conversationId)) return "deferred";
  // A lane claims right before its reserved slot, so the claim carries the "sending" mark itself (one write less per send).
  const claimed = await context.queue.claim(row, pass.owner, context.clock.now(), pass.settings.leaseMs, { sending: ticket !== undefined });
  if (!claimed) return "conflict";
  if ((claimed.data.unfinishedAttempts ?? 0) > RETRY_POLICY.maxUnfinishedAttempts) return settleWithoutSending(pass, claimed, "failed", "every attempt stopped half-way");
  const interruptedSend = item.lease?.sendingSince !== undefined || item.unansweredSend === true;
  if (interruptedSend) {
    const logged = await context.queue.getDelivery(item.circleId, item.reminderKey, item.targetId);
    if (logged?.outcome === "sent") {
      await context.queue.complete(claimed);
      return "already-sent";
    }
    if (pass.settings.inDoubtSends === "assume-delivered") {
      context.logger.warn({ circleId: item.circleId, step: item.step }, "a send may already have reached Teams; not sent again");
      return settleWithoutSending(pass, claimed, "unconfirmed", "an earlier send was interrupted or timed out; Teams most likely has it, so it is not sent again");
    }
  }
  // With a reserved slot nothing stands between the slot and the request (a storage round trip
  // there would jitter arrivals into the next instance's slot).
  if (!ticket) await pass.slots.tenantSlot(item.target.tenantId);
  const sending = ticket ? claimed : await context.queue.markSending(claimed, context.clock.now());
  if (!sending) return "conflict";
  await ticket?.wait();
  if (ticket && !leaseOutlastsSend(pass, sending)) {
    // The wait for a slot ran long (a renewed slot, a stalled process): sending now could outlive
    // the claim and meet another holder's send. Nothing was sent, so the claim is given back.
    await context.queue.release(sending, {});
    return "deferred";
  }
  await pass.slots.requestStart(item.target.tenantId);
  return sendAndSettle(pass, sending, content, interruptedSend);
}

function leaseOutlastsSend(pass: DeliveryPass, claimed: StoredRow<DeliveryItem>): boolean {
  const until = claimed.data.lease ? Date.parse(claimed.data.lease.until) : 0;
  return until - pass.context.clock.now().getTime() > 2 * pass.settings.sendTimeoutMs;
}

async function sendAndSettle(pass: DeliveryPass, claimed: StoredRow<DeliveryItem>, content: ReminderContent, interruptedBefore: boolean): Promise<DeliveryResult> {
  const item = claimed.data;
  const decideFor = (outcome: SendOutcome, chatRecreated: boolean): DeliveryDecision =>
    decide(outcome, { targetKind: item.target.kind, previousFailures: item.attempts, chatRecreated, random: pass.random });
  const sent = await pass.sender.send(item.target, activityFor(content, item.target));
  const decision = decideFor(sent, item.chatRecreated === true);
  const settlement: Settlement = { target: item.target, history: item.history, chatRecreated: item.chatRecreated === true, sent, decision, interruptedBefore };
  if (decision.kind !== "recreate-chat" || item.target.kind !== "personal") return settle(pass, claimed, withAttempt(pass, settlement));
  const notFound = withAttempt(pass, settlement);
  const recreated = await recreatePersonalChat(pass, item.target);
  if (!recreated.ok) {
    const history = [...notFound.history, attemptOf(pass, item.target, "chat-recreate-failed", recreated.failure)];
    const decisionAfter: DeliveryDecision =
      item.attempts + 1 >= RETRY_POLICY.maxNotFoundAttempts
        ? { kind: "deactivate", reason: `404 ConversationNotFound and the chat could not be re-created (${recreated.failure.status ?? "no answer"})` }
        : { kind: "retry", delayMs: backoffMs(item.attempts, pass.random), outcome: "not-found" };
    return settle(pass, claimed, { ...notFound, history, decision: decisionAfter, sent: recreated.failure });
  }
  const history = [...notFound.history, attemptOf(pass, recreated.target, "chat-recreated", undefined)];
  pass.slots.reserveConversation(recreated.target.conversationId);
  await pass.slots.tenantSlot(recreated.target.tenantId);
  await pass.slots.requestStart(recreated.target.tenantId);
  const resent = await pass.sender.send(recreated.target, activityFor(content, recreated.target));
  return settle(pass, claimed, withAttempt(pass, { target: recreated.target, history, chatRecreated: true, sent: resent, decision: decideFor(resent, true), interruptedBefore }));
}

/** Appends the attempt the settlement describes to its history (kept to the last few). */
function withAttempt(pass: DeliveryPass, settlement: Settlement): Settlement {
  const attempt = attemptOf(pass, settlement.target, attemptOutcomeOf(settlement.decision, settlement.sent), settlement.sent);
  return { ...settlement, history: [...settlement.history, attempt].slice(-RETRY_POLICY.historyLength) };
}

interface Settlement {
  target: DeliveryTarget;
  history: AttemptRecord[];
  chatRecreated: boolean;
  sent: SendOutcome;
  decision: DeliveryDecision;
  /** An earlier holder stopped in the middle of sending this, and it is being sent again. */
  interruptedBefore: boolean;
}

async function settle(pass: DeliveryPass, claimed: StoredRow<DeliveryItem>, settlement: Settlement): Promise<DeliveryResult> {
  const { context } = pass;
  const { decision, target } = settlement;
  const log = (outcome: DeliveryOutcome, reason?: string): Promise<void> => recordLog(pass, claimed.data, settlement, outcome, reason);
  switch (decision.kind) {
    case "delivered":
      if (pass.finishSent) await pass.finishSent(claimed, logRecordOf(pass, claimed.data, settlement, "sent"));
      else {
        await log("sent");
        await context.queue.complete(claimed);
      }
      return "sent";
    case "retry": {
      await log("retrying", `${decision.outcome}, next try in ${Math.round(decision.delayMs / 1000)} s`);
      const notBefore = new Date(context.clock.now().getTime() + decision.delayMs).toISOString();
      const unanswered = claimed.data.unansweredSend === true || (!settlement.sent.ok && settlement.sent.mayHaveArrived);
      await context.queue.release(claimed, { notBefore, attempts: claimed.data.attempts + 1, target, history: settlement.history, chatRecreated: settlement.chatRecreated, ...(unanswered ? { unansweredSend: true } : {}) });
      return "retrying";
    }
    case "deactivate":
      await deactivateTarget(pass, target, decision.reason);
      await log("deactivated", decision.reason);
      await context.queue.complete(claimed);
      return "deactivated";
    case "recreate-chat":
    case "give-up": {
      const reason = decision.kind === "give-up" ? decision.reason : "the chat could not be re-created";
      await log("failed", reason);
      await context.queue.complete(claimed);
      context.logger.warn({ circleId: claimed.data.circleId, step: claimed.data.step, reason }, "reminder delivery failed");
      return "failed";
    }
  }
}

async function recordLog(pass: DeliveryPass, item: DeliveryItem, settlement: Settlement, outcome: DeliveryOutcome, reason?: string): Promise<void> {
  await pass.context.queue.recordDelivery(logRecordOf(pass, item, settlement, outcome, reason));
}

function logRecordOf(pass: DeliveryPass, item: DeliveryItem, settlement: Settlement, outcome: DeliveryOutcome, reason?: string): DeliveryLogRecord {
  return {
    circleId: item.circleId,
    reminderKey: item.reminderKey,
    targetId: item.targetId,
    rhythmKind: item.rhythmKind,
    step: item.step,
    occurrence: item.occurrence,
    target: settlement.target,
    outcome,
    ...(reason ? { reason } : {}),
    ...(settlement.sent.ok && settlement.sent.activityId ? { activityId: settlement.sent.activityId } : {}),
    ...(settlement.interruptedBefore ? { sentAgainAfterInterruptedSend: true } : {}),
    attempts: settlement.history,
    updatedAt: pass.context.clock.now().toISOString(),
  };
}

async function finishWithoutSending(pass: DeliveryPass, row: StoredRow<DeliveryItem>, outcome: DeliveryOutcome, reason: string): Promise<DeliveryResult> {
  const claimed = await pass.context.queue.claim(row, pass.owner, pass.context.clock.now(), pass.settings.leaseMs);
  return claimed ? settleWithoutSending(pass, claimed, outcome, reason) : "conflict";
}

async function settleWithoutSending(pass: DeliveryPass, claimed: StoredRow<DeliveryItem>, outcome: DeliveryOutcome, reason: string): Promise<DeliveryResult> {
  await pass.context.queue.recordDelivery({
    circleId: claimed.data.circleId,
    reminderKey: claimed.data.reminderKey,
    targetId: claimed.data.targetId,
    rhythmKind: claimed.data.rhythmKind,
    step: claimed.data.step,
    occurrence: claimed.data.occurrence,
    target: claimed.data.target,
    outcome,
    reason,
    attempts: claimed.data.history,
    updatedAt: pass.context.clock.now().toISOString(),
  });
  await pass.context.queue.complete(claimed);
  return outcome;
}

/** 403, or a 404 that would not go away: no proactive messages there until the app is installed again. */
async function deactivateTarget(pass: DeliveryPass, target: DeliveryTarget, reason: string): Promise<void> {
  const { repositories, clock, logger } = pass.context;
  pass.deactivated.add(target.conversationId);
  const known = await repositories.conversations.deactivate(target.conversationId, reason, clock.now());
  if (!known) await repositories.conversations.save({ ...conversationRecordOf(target, clock.now().toISOString()), active: false, deactivatedReason: reason });
  logger.warn({ targetKind: target.kind, reason }, "reminder target deactivated");
}

function conversationRecordOf(target: DeliveryTarget, now: string): ConversationRecord {
  return {
    conversationId: target.conversationId,
    conversationType: target.kind === "channel" ? "channel" : "personal",
    tenantId: target.tenantId,
    serviceUrl: target.serviceUrl,
    reference: { conversation: { id: target.conversationId, tenantId: target.tenantId }, serviceUrl: target.serviceUrl, channelId: "msteams" },
    ...(target.kind === "personal" ? { person: target.person } : {}),
    active: true,
    installedAt: now,
    updatedAt: now,
  };
}

type Recreated = { ok: true; target: DeliveryTarget } | { ok: false; failure: Extract<SendOutcome, { ok: false }> };

/**
 * The person deleted the chat (404 ConversationNotFound): create the 1:1 conversation again from
 * the stored user id and tenant, and store the new reference so later reminders use it.
 */
async function recreatePersonalChat(pass: DeliveryPass, target: Extract<DeliveryTarget, { kind: "personal" }>): Promise<Recreated> {
  const { repositories, clock, logger } = pass.context;
  await pass.slots.tenantSlot(target.tenantId);
  await pass.slots.requestStart(target.tenantId);
  // Teams creates a 1:1 chat with the bot-specific user id ("29:…"); people are keyed by their Entra id.
  const memberId = target.person.teamsUserId ?? target.person.userId;
  const created = await pass.sender.createPersonalChat({ serviceUrl: target.serviceUrl, tenantId: target.tenantId, userId: memberId, botId: target.botId });
  if (!created.ok) return { ok: false, failure: created };
  const now = clock.now().toISOString();
  const previous = (await repositories.conversations.getPersonalChat(target.tenantId, target.person.userId))?.data ?? conversationRecordOf(target, now);
  const reference = { ...previous.reference, conversation: { ...objectOr(previous.reference["conversation"]), id: created.conversationId } };
  // The person's pointer now names the new chat; the old conversation's row is left as it was
  // (deactivating it through the repository would point the person back at it).
  await repositories.conversations.save({ ...previous, conversationId: created.conversationId, reference, active: true, updatedAt: now });
  logger.info({ targetKind: "personal" }, "personal chat re-created after ConversationNotFound");
  return { ok: true, target: { ...target, conversationId: created.conversationId } };
}

function objectOr(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}
