import * as AC from "adaptivecards";

/**
 * Checks a card the way a client would read it: the `adaptivecards` library's parser and property
 * validation, plus what Teams needs beyond the schema (version 1.5, an id on every input, a verb on
 * every Action.Execute, Teams' 28 KB card limit). Returns the problems; empty means the card is fine.
 */
export const TEAMS_CARD_VERSION = "1.5";
/** Teams refuses messages over about 28 KB; a card must leave room for the activity around it. */
export const TEAMS_CARD_MAX_BYTES = 28 * 1024;

export function adaptiveCardProblems(json: unknown): string[] {
  const problems: string[] = [];
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  for (let index = 0; index < context.eventCount; index++) {
    const event = context.getEventAt(index);
    if (event) problems.push(`parse: ${event.message}`);
  }
  for (const event of card.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  problems.push(...teamsProblems(json));
  return problems;
}

/** Throws with every problem listed, for use in `expect(() => assertValidAdaptiveCard(card)).not.toThrow()` or directly. */
export function assertValidAdaptiveCard(json: unknown, name = "card"): void {
  const problems = adaptiveCardProblems(json);
  if (problems.length > 0) throw new Error(`${name} is not a valid Adaptive Card for Teams:\n  - ${problems.join("\n  - ")}`);
}

function teamsProblems(json: unknown): string[] {
  if (!json || typeof json !== "object") return ["the card is not a JSON object"];
  const root = json as Record<string, unknown>;
  const problems: string[] = [];
  if (root.type !== "AdaptiveCard") problems.push(`type is ${JSON.stringify(root.type)}, not "AdaptiveCard"`);
  if (root.version !== TEAMS_CARD_VERSION) problems.push(`version is ${JSON.stringify(root.version)}; Teams renders ${TEAMS_CARD_VERSION}`);
  const bytes = Buffer.byteLength(JSON.stringify(json));
  if (bytes > TEAMS_CARD_MAX_BYTES) problems.push(`the card is ${bytes} bytes; Teams allows about ${TEAMS_CARD_MAX_BYTES}`);
  const ids = new Set<string>();
  for (const node of nodesOf(root)) {
    const type = typeof node.type === "string" ? node.type : "";
    if (type.startsWith("Input.") && (typeof node.id !== "string" || node.id === "")) problems.push(`a ${type} has no id, so its value would never reach the bot`);
    if (type.startsWith("Input.") && typeof node.id === "string") {
      if (ids.has(node.id)) problems.push(`two inputs share the id "${node.id}"`);
      ids.add(node.id);
    }
    if (type === "Action.Execute" && (typeof node.verb !== "string" || node.verb === "")) problems.push(`the Action.Execute "${String(node.title)}" has no verb; Teams drops such presses`);
  }
  return problems;
}

/** Every object in the card that has a `type`: elements, actions and their fallbacks. */
function nodesOf(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(nodesOf);
  if (!value || typeof value !== "object") return [];
  const record = value as Record<string, unknown>;
  const children = Object.values(record).flatMap(nodesOf);
  return typeof record.type === "string" ? [record, ...children] : children;
}
