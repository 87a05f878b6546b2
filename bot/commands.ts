import { cleanCompanyName } from "../core/companies.js";

/**
 * The commands the bot understands, as data: the help card, the welcome card and the Teams
 * manifest's command menu (bots[].commandLists) are all made from this one list.
 */
export type CommandId = "assess" | "assess-partner" | "results" | "help";

export interface BotCommand {
  id: CommandId;
  /** What the person types; Teams' command menu shows it and puts it in the compose box (≤ 32 characters). */
  title: string;
  /** One line for the command menu and the help card (≤ 128 characters). */
  description: string;
}

export const BOT_COMMANDS: readonly BotCommand[] = [
  { id: "assess", title: "assess", description: "Assess your company's partnering maturity" },
  { id: "assess-partner", title: "assess <partner company>", description: "Rate a fellow partner company" },
  { id: "results", title: "results", description: "Show your latest result" },
  { id: "help", title: "help", description: "What this bot can do" },
];

export type ParsedCommand =
  | { kind: "assess" }
  | { kind: "assess-partner"; partnerName: string }
  /** `assess <partner company>` sent as it came from the command menu: ask which company. */
  | { kind: "assess-partner-unnamed" }
  | { kind: "results" }
  | { kind: "help" }
  | { kind: "unknown"; text: string };

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
  return { kind: "unknown", text: cleaned };
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
