import { cleanCompanyName } from "../core/companies.js";

/**
 * The commands the bot understands, as data: the help card, the welcome card and the Teams
 * manifest's command menu (bots[].commandLists) are all made from this one list.
 */
export type CommandId =
  | "assess"
  | "assess-partner"
  | "results"
  | "circles"
  | "create-circle"
  | "invite"
  | "leave"
  | "link"
  | "rhythms"
  | "actions"
  | "reminders"
  | "help";

/** Where Teams' command menu offers a command (at most 10 per scope). Typed, every command works everywhere. */
export type CommandScope = "personal" | "team" | "groupChat";

export interface BotCommand {
  id: CommandId;
  /** What the person types; Teams' command menu shows it and puts it in the compose box (≤ 32 characters). */
  title: string;
  /** One line for the command menu and the help card (≤ 128 characters). */
  description: string;
  scopes: readonly CommandScope[];
}

const EVERYWHERE: readonly CommandScope[] = ["personal", "team", "groupChat"];
const PERSONAL: readonly CommandScope[] = ["personal"];
const SHARED: readonly CommandScope[] = ["team", "groupChat"];

export const BOT_COMMANDS: readonly BotCommand[] = [
  { id: "assess", title: "assess", description: "Assess your company's partnering maturity", scopes: EVERYWHERE },
  { id: "assess-partner", title: "assess <partner company>", description: "Rate a fellow partner company", scopes: PERSONAL },
  { id: "results", title: "results", description: "Show your latest result", scopes: PERSONAL },
  { id: "circles", title: "circles", description: "Your circles of trust and invitations to accept", scopes: EVERYWHERE },
  { id: "create-circle", title: "create circle <name>", description: "Create a circle of trust and give it a name", scopes: EVERYWHERE },
  { id: "invite", title: "invite <company> to <circle>", description: "Invite a partner company into your circle", scopes: PERSONAL },
  { id: "leave", title: "leave <circle>", description: "Your company leaves a circle", scopes: SHARED },
  { id: "link", title: "link <circle>", description: "This channel gets the circle's reminders and dashboard", scopes: SHARED },
  { id: "rhythms", title: "rhythms <circle>", description: "Meeting rhythms: set, change, pause", scopes: EVERYWHERE },
  { id: "actions", title: "actions <circle>", description: "The circle's open joint actions", scopes: EVERYWHERE },
  { id: "reminders", title: "reminders on|off", description: "Reminders in your personal chat too, or not", scopes: PERSONAL },
  { id: "help", title: "help", description: "What this bot can do", scopes: EVERYWHERE },
];

export type ParsedCommand =
  | { kind: "assess" }
  | { kind: "assess-partner"; partnerName: string }
  /** `assess <partner company>` sent as it came from the command menu: ask which company. */
  | { kind: "assess-partner-unnamed" }
  | { kind: "results" }
  | { kind: "help" }
  | CircleCommand
  | { kind: "unknown"; text: string };

/** Commands about circles of trust and their rhythm. `circle` is the circle's name as typed; absent: the one meant here. */
export type CircleCommand =
  | { kind: "circles" }
  | { kind: "create-circle"; name: string | undefined }
  | { kind: "invite"; company: string | undefined; circle: string | undefined }
  | { kind: "leave"; circle: string | undefined }
  | { kind: "link"; circle: string | undefined }
  | { kind: "rhythms"; circle: string | undefined }
  | { kind: "actions"; circle: string | undefined }
  | { kind: "reminders"; on: boolean | undefined };

const CIRCLE_PLACEHOLDER = /^<\s*(circle|name|company)\s*>$/i;
const MENU_PLACEHOLDER = /^<?\s*partner company\s*>?$/i;
const MENTION = /<at>[\s\S]*?<\/at>/gi;
const HTML_ENTITIES: Readonly<Record<string, string>> = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&#39;": "'", "&nbsp;": " " };

/** Reads a typed command. Mentions of the bot (`<at>Bot</at>`, in group chats and channels) and HTML are ignored. */
export function parseCommand(text: string): ParsedCommand {
  const cleaned = plainText(text);
  const [first = "", ...rest] = cleaned.split(" ");
  const verb = first.toLocaleLowerCase("en-US").replace(/^\//, "");
  const argument = rest.join(" ").trim();
  if (verb === "assess" || verb === "rate") return assessCommand(argument);
  if ((verb === "results" || verb === "result") && argument === "") return { kind: "results" };
  if ((verb === "help" || verb === "?") && argument === "") return { kind: "help" };
  return circleCommand(verb, argument) ?? { kind: "unknown", text: cleaned };
}

function circleCommand(verb: string, rawArgument: string): CircleCommand | undefined {
  const argument = CIRCLE_PLACEHOLDER.test(rawArgument) ? "" : rawArgument;
  const optional = (text: string): string | undefined => (text === "" || CIRCLE_PLACEHOLDER.test(text) ? undefined : text);
  switch (verb) {
    case "circles":
      return argument === "" ? { kind: "circles" } : undefined;
    case "my":
      return /^circles$/i.test(argument) ? { kind: "circles" } : undefined;
    case "create": {
      const match = /^circle(?:\s+(.*))?$/i.exec(argument);
      return match ? { kind: "create-circle", name: optional((match[1] ?? "").replace(/^"(.*)"$/, "$1").trim()) } : undefined;
    }
    case "invite": {
      const at = argument.toLocaleLowerCase("en-US").lastIndexOf(" to ");
      return at < 0 ? { kind: "invite", company: optional(argument), circle: undefined } : { kind: "invite", company: optional(argument.slice(0, at).trim()), circle: optional(argument.slice(at + 4).trim()) };
    }
    case "leave":
    case "link":
    case "rhythms":
    case "rhythm":
    case "actions":
      return { kind: verb === "rhythm" ? "rhythms" : verb, circle: optional(argument) };
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
  return cleanCompanyName(decoded);
}
