import { normalizeText } from "../core/text.js";

/**
 * The commands the bot understands, as data: the parser below, the help card, the welcome card and
 * the Teams manifest's command menu (bots[].commandLists) are all made from this one list.
 */
export type CommandId =
  | "assess"
  | "assess-partner"
  | "results"
  | "company"
  | "circles"
  | "create-circle"
  | "invite"
  | "join"
  | "remove"
  | "leave"
  | "link"
  | "rhythms"
  | "actions"
  | "lead"
  | "reminders"
  | "help";

/** Where Teams' command menu offers a command (at most 10 per scope). Typed, every command works everywhere. */
export type CommandScope = "personal" | "team" | "groupChat";

export interface BotCommand {
  id: CommandId;
  /**
   * What the person types, with each argument in angle brackets; Teams' command menu shows it and
   * puts it in the compose box (≤ 32 characters). Cards show it with usageText.
   */
  title: string;
  /** One line for the command menu and the help card (≤ 128 characters). */
  description: string;
  /** What a person would type, for the help card. */
  example?: string;
  scopes: readonly CommandScope[];
}

const EVERYWHERE: readonly CommandScope[] = ["personal", "team", "groupChat"];
const PERSONAL: readonly CommandScope[] = ["personal"];
const SHARED: readonly CommandScope[] = ["team", "groupChat"];

export const BOT_COMMANDS: readonly BotCommand[] = [
  { id: "assess", title: "assess", description: "Assess your company's partnering maturity", scopes: EVERYWHERE },
  { id: "assess-partner", title: "assess <partner company>", description: "Rate a fellow partner company of your circles", example: "assess Fabrikam", scopes: PERSONAL },
  { id: "results", title: "results", description: "Show your latest result", scopes: PERSONAL },
  { id: "company", title: "company <name>", description: "Name your organisation's company, or rename it", example: "company Contoso Ltd", scopes: PERSONAL },
  { id: "circles", title: "circles", description: "Your circles: members, invitations, actions, rhythms", scopes: EVERYWHERE },
  { id: "create-circle", title: "create circle <name>", description: "Create a circle of trust and give it a name", example: "create circle Golden Circle", scopes: EVERYWHERE },
  { id: "invite", title: "invite <company> to <circle>", description: "Get an invitation code for a partner company", example: "invite Fabrikam to Golden Circle", scopes: PERSONAL },
  { id: "join", title: "join <code>", description: "Join a circle with the code a member gave you", example: "join K7QM-2WXA-…", scopes: PERSONAL },
  { id: "remove", title: "remove <company> from <circle>", description: "Take a member company out of a circle", example: "remove Fabrikam from Golden Circle", scopes: SHARED },
  { id: "leave", title: "leave <circle>", description: "Your company leaves a circle", example: "leave Golden Circle", scopes: SHARED },
  { id: "link", title: "link <circle>", description: "This channel gets the circle's reminders and dashboard", example: "link Golden Circle", scopes: SHARED },
  { id: "rhythms", title: "rhythms <circle>", description: "Meeting rhythms: set, change, pause", scopes: SHARED },
  { id: "actions", title: "actions <circle>", description: "The circle's open joint actions", scopes: SHARED },
  { id: "lead", title: "lead <circle>", description: "Pass a lead to a member company (in your personal chat); leads lists the circle's", example: "lead Northwest Alliance", scopes: SHARED },
  { id: "reminders", title: "reminders on|off", description: "Reminders in your personal chat too, or not", example: "reminders on", scopes: PERSONAL },
  { id: "help", title: "help", description: "What this bot can do", scopes: EVERYWHERE },
];

/**
 * A command's usage as a card shows it. Teams reads `<company>` in card text as an HTML tag and
 * drops it, so arguments are shown between single guillemets: "invite ‹company› to ‹circle›".
 */
export function usageText(command: Pick<BotCommand, "title">): string {
  return command.title.replace(/<([^<>]+)>/g, "‹$1›");
}

export type ParsedCommand =
  | { kind: "assess" }
  | { kind: "assess-partner"; partnerName: string }
  /** `assess <partner company>` sent as it came from the command menu, or "rate": offer the partners to choose from. */
  | { kind: "assess-partner-unnamed" }
  | { kind: "results" }
  | { kind: "help" }
  | CircleCommand
  | { kind: "unknown"; text: string };

/** Commands about companies, circles of trust and their rhythm. `circle` is the circle's name as typed; absent: the one meant here, or a choice. */
export type CircleCommand =
  | { kind: "company"; name: string | undefined }
  | { kind: "circles" }
  | { kind: "create-circle"; name: string | undefined }
  | { kind: "invite"; company: string | undefined; circle: string | undefined }
  | { kind: "join"; code: string | undefined }
  | { kind: "remove"; company: string | undefined; circle: string | undefined }
  | { kind: "leave"; circle: string | undefined }
  | { kind: "link"; circle: string | undefined }
  | { kind: "rhythms"; circle: string | undefined }
  | { kind: "actions"; circle: string | undefined }
  /** `lead`: the share form; `leads`: the circle's leads. Both private: answered in the personal chat. */
  | { kind: "lead"; circle: string | undefined; list: boolean }
  | { kind: "reminders"; on: boolean | undefined };

const PLACEHOLDER = /^<\s*(circle|name|company|code|partner company)\s*>$/i;
const MENU_PLACEHOLDER = /^<?\s*partner company\s*>?$/i;
const MENTION = /<at>[\s\S]*?<\/at>/gi;
const HTML_ENTITIES: Readonly<Record<string, string>> = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&#39;": "'", "&nbsp;": " " };
/** Longer messages are not commands; reading them costs nothing. */
const MAX_COMMAND_LENGTH = 1_000;

/** Reads a typed command. Mentions of the bot (`<at>Bot</at>`, in group chats and channels) and HTML are ignored. */
export function parseCommand(text: string): ParsedCommand {
  const cleaned = plainText(text.slice(0, MAX_COMMAND_LENGTH));
  const [first = "", ...rest] = cleaned.split(" ");
  const verb = first.toLocaleLowerCase("en-US").replace(/^\//, "");
  const argument = rest.join(" ").trim();
  if (verb === "assess") return assessCommand(argument);
  if (verb === "rate") return argument === "" ? { kind: "assess-partner-unnamed" } : assessCommand(argument);
  if ((verb === "results" || verb === "result") && argument === "") return { kind: "results" };
  if ((verb === "help" || verb === "?") && argument === "") return { kind: "help" };
  return circleCommand(verb, argument) ?? { kind: "unknown", text: cleaned };
}

function optional(text: string): string | undefined {
  const trimmed = text.trim().replace(/^"(.*)"$/, "$1").trim();
  return trimmed === "" || PLACEHOLDER.test(trimmed) ? undefined : trimmed;
}

/** "invite Fabrikam to Golden Circle": the last " to " splits company and circle (company names may contain "to"). */
function splitAt(argument: string, word: string): { before: string | undefined; after: string | undefined } {
  const at = argument.toLocaleLowerCase("en-US").lastIndexOf(` ${word} `);
  return at < 0 ? { before: optional(argument), after: undefined } : { before: optional(argument.slice(0, at)), after: optional(argument.slice(at + word.length + 2)) };
}

function circleCommand(verb: string, argument: string): CircleCommand | undefined {
  switch (verb) {
    case "company":
      return { kind: "company", name: optional(argument) };
    case "circles":
      return argument === "" ? { kind: "circles" } : undefined;
    case "my":
      return /^circles$/i.test(argument) ? { kind: "circles" } : undefined;
    case "create": {
      const match = /^circle(?:\s+(.*))?$/i.exec(argument);
      return match ? { kind: "create-circle", name: optional(match[1] ?? "") } : undefined;
    }
    case "invite": {
      const { before, after } = splitAt(argument, "to");
      return { kind: "invite", company: before, circle: after };
    }
    case "join":
      return { kind: "join", code: optional(argument) };
    case "remove": {
      const { before, after } = splitAt(argument, "from");
      return { kind: "remove", company: before, circle: after };
    }
    case "leave":
    case "link":
    case "rhythms":
    case "rhythm":
    case "actions":
      return { kind: verb === "rhythm" ? "rhythms" : verb, circle: optional(argument) };
    case "lead":
    case "leads":
      return { kind: "lead", circle: optional(argument), list: verb === "leads" };
    case "reminders": {
      const setting = argument.toLocaleLowerCase("en-US");
      return { kind: "reminders", on: setting === "on" ? true : setting === "off" ? false : undefined };
    }
    default:
      return undefined;
  }
}

function assessCommand(argument: string): ParsedCommand {
  if (argument === "") return { kind: "assess" };
  if (MENU_PLACEHOLDER.test(argument)) return { kind: "assess-partner-unnamed" };
  return { kind: "assess-partner", partnerName: argument };
}

function plainText(text: string): string {
  const withoutMentions = text.replace(MENTION, " ");
  const withoutTags = withoutMentions.replace(/<\/?(?:p|div|span|br)\b[^>]*>/gi, " ");
  const decoded = withoutTags.replace(/&(?:lt|gt|amp|quot|#39|nbsp);/g, (entity) => HTML_ENTITIES[entity] ?? entity);
  return normalizeText(decoded);
}
