import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { acceptLead, declineLead, markConnected, shareLead, type Actor, type NewLead } from "../../circles/index.js";
import { createLogger } from "../../platform/logger.js";
import { createDispatcher } from "../../reminders/dispatcher.js";
import { queueLeadNotices, type ReminderContext } from "../../reminders/index.js";
import { CHANNEL_ID, drain, goldenCircle, posts, runUntil, startWorld, type World } from "./support.js";

/**
 * A lead's notices through the reminders' dispatcher, on Azurite with the local Bot Connector:
 * exactly once, decided from the lead as it stands when due, only to the receiving company's
 * people, and never a word about the customer in the logs.
 */
let world: World | undefined;

afterEach(async () => {
  await world?.close();
  world = undefined;
});

const CUSTOMER = { organisation: "Tailwind Traders", contact: "Kim Akers", need: "Move their warehouse system to Azure" };
/** Bo is Fabrikam's person in the circle (support.ts): his personal chat. */
const BO_CHAT = "a:chat-bo";

function newLead(circleId: string, receiverId: string): NewLead {
  return { circleId, receiverId, ...CUSTOMER, customerInterested: true, estimate: { amount: 50_000, currency: "EUR" } };
}

async function share(context: ReminderContext, contoso: Actor, circleId: string, fabrikam: Actor) {
  return shareLead(context, contoso, newLead(circleId, fabrikam.company.companyId), { beforeSave: (lead) => queueLeadNotices(context, lead) });
}

function texts(world: World, conversationId: string): string[] {
  return posts(world.connector, conversationId).map((call) => JSON.stringify(call.body));
}

describe("a lead's notices", () => {
  it("reach the receiving company's person exactly once, even with two dispatchers at once, and never the circle's channel", async () => {
    world = await startWorld("2026-12-02T09:00:00Z");
    const { circleId, contoso, fabrikam } = await goldenCircle(world);
    await share(world.context, contoso, circleId, fabrikam);
    await Promise.all([drain(world.dispatcher({ owner: "a" })), drain(world.dispatcher({ owner: "b" }))]);
    const received = texts(world, BO_CHAT);
    expect(received).toHaveLength(1);
    expect(received[0]).toContain("Contoso passed you a lead in Golden Circle.");
    expect(received[0]).toContain("Tailwind Traders");
    expect(posts(world.connector, CHANNEL_ID)).toEqual([]);
    expect(posts(world.connector, "a:chat-ada")).toEqual([]);
  });

  it("remind once on the connect-by day and note the missed commitment the day after, with the dispatcher running every hour", async () => {
    world = await startWorld("2026-12-02T09:00:00Z");
    const { circleId, contoso, fabrikam } = await goldenCircle(world);
    const { lead } = await share(world.context, contoso, circleId, fabrikam);
    const dispatcher = world.dispatcher();
    await drain(dispatcher);
    expect(texts(world, BO_CHAT)).toHaveLength(1);
    await acceptLead(world.context, fabrikam, circleId, lead.leadId);
    const arrivals = await runUntil(world, dispatcher, "2026-12-13T09:00:00Z");
    const toBo = arrivals.filter((arrival) => arrival.call.conversationId === BO_CHAT).map((arrival) => ({ at: arrival.at, text: JSON.stringify(arrival.call.body) }));
    expect(toBo.map((arrival) => arrival.at)).toEqual(["2026-12-09T08:00:00.000Z", "2026-12-10T08:00:00.000Z"]);
    expect(toBo[0]?.text).toContain("Reminder: you committed to connect with the customer by 9 December 2026.");
    expect(toBo[1]?.text).toContain("the commitment is recorded as missed");
    expect(JSON.stringify(toBo.map((arrival) => arrival.text))).not.toContain(CHANNEL_ID);
  });

  it("stop once the lead is connected or declined", async () => {
    world = await startWorld("2026-12-02T09:00:00Z");
    const { circleId, contoso, fabrikam } = await goldenCircle(world);
    const connected = await share(world.context, contoso, circleId, fabrikam);
    const declined = await share(world.context, contoso, circleId, fabrikam);
    await drain(world.dispatcher());
    await acceptLead(world.context, fabrikam, circleId, connected.lead.leadId);
    world.clock.set(new Date("2026-12-04T09:00:00Z"));
    await markConnected(world.context, fabrikam, circleId, connected.lead.leadId);
    await declineLead(world.context, fabrikam, circleId, declined.lead.leadId, "Not our market");
    const later = await runUntil(world, world.dispatcher(), "2026-12-14T09:00:00Z", 6 * 60 * 60 * 1000);
    expect(later.filter((arrival) => arrival.call.conversationId === BO_CHAT)).toEqual([]);
    const occurrences = await world.queue.listOccurrences(circleId);
    expect(occurrences.filter((record) => record.rhythmKind === "lead").map((record) => `${record.step}:${record.outcome}`).sort()).toEqual([
      "lead-missed:over",
      "lead-missed:over",
      "lead-reminder:over",
      "lead-reminder:over",
      "lead-shared:fanned-out",
      "lead-shared:fanned-out",
    ]);
  });

  it("never write the customer, the contact, the need or a decline reason to the log", async () => {
    world = await startWorld("2026-12-02T09:00:00Z");
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) });
    const context: ReminderContext = { ...world.context, logger: createLogger("trace", sink) };
    const { circleId, contoso, fabrikam } = await goldenCircle(world);
    const { lead } = await share(context, contoso, circleId, fabrikam);
    const other = await share(context, contoso, circleId, fabrikam);
    await acceptLead(context, fabrikam, circleId, lead.leadId);
    await declineLead(context, fabrikam, circleId, other.lead.leadId, "Fully booked with Woodgrove Bank");
    const dispatcher = createDispatcher({ context, sender: world.sender }, { random: () => 0.5 });
    await runUntil(world, dispatcher, "2026-12-12T09:00:00Z", 12 * 60 * 60 * 1000);
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of [CUSTOMER.organisation, CUSTOMER.contact, CUSTOMER.need, "Woodgrove"]) expect(lines.join("\n")).not.toContain(secret);
  });
});
