import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BOT_COMMANDS, parseCommand, type CommandScope } from "../../bot/commands.js";

describe("typed commands", () => {
  it("understands assess, results and help whatever the case or spacing", () => {
    expect(parseCommand("assess")).toEqual({ kind: "assess" });
    expect(parseCommand("  Assess ")).toEqual({ kind: "assess" });
    expect(parseCommand("RESULTS")).toEqual({ kind: "results" });
    expect(parseCommand("help")).toEqual({ kind: "help" });
  });

  it("takes everything after assess as the partner company's name", () => {
    expect(parseCommand("assess Contoso  Ltd")).toEqual({ kind: "assess-partner", partnerName: "Contoso Ltd" });
    expect(parseCommand("assess Partner Solutions AB")).toEqual({ kind: "assess-partner", partnerName: "Partner Solutions AB" });
  });

  it("ignores the bot's @mention in group chats and channels", () => {
    expect(parseCommand("<at>Partnering Maturity</at> assess")).toEqual({ kind: "assess" });
    expect(parseCommand("<at>Partnering Maturity</at>&nbsp;assess Contoso")).toEqual({ kind: "assess-partner", partnerName: "Contoso" });
  });

  it("asks which company when the menu's 'assess <partner company>' is sent as it is", () => {
    expect(parseCommand("assess <partner company>")).toEqual({ kind: "assess-partner-unnamed" });
    expect(parseCommand("assess &lt;partner company&gt;")).toEqual({ kind: "assess-partner-unnamed" });
  });

  it("reports anything else as not understood", () => {
    expect(parseCommand("hello there")).toEqual({ kind: "unknown", text: "hello there" });
    expect(parseCommand("results please")).toEqual({ kind: "unknown", text: "results please" });
    expect(parseCommand("")).toEqual({ kind: "unknown", text: "" });
  });

  it("understands every command in its own command list, as Teams' menu inserts it", () => {
    const understood = BOT_COMMANDS.map((command) => parseCommand(command.title).kind);
    expect(understood).toEqual(["assess", "assess-partner-unnamed", "results", "company", "circles", "create-circle", "invite", "join", "remove", "leave", "link", "rhythms", "actions", "lead", "reminders", "help"]);
  });

  it("keeps titles and descriptions within Teams' command menu limits", () => {
    for (const command of BOT_COMMANDS) {
      expect(command.title.length).toBeLessThanOrEqual(32);
      expect(command.description.length).toBeLessThanOrEqual(128);
    }
  });
});

describe("the Teams manifest's command menu", () => {
  const manifestPath = path.resolve("appPackage/manifest.json");

  it.skipIf(!existsSync(manifestPath))("lists exactly the commands the bot understands, in every scope", () => {
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bots: { commandLists?: { scopes: string[]; commands: { title: string; description: string }[] }[] }[] };
    const lists = manifest.bots.flatMap((bot) => bot.commandLists ?? []);
    expect(lists.map((list) => list.scopes)).toEqual([["personal"], ["team", "groupChat"]]);
    for (const list of lists) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      for (const scope of list.scopes) {
        const offered = BOT_COMMANDS.filter((command) => command.scopes.includes(scope as CommandScope)).map(({ title, description }) => ({ title, description }));
        expect(list.commands, `commands offered in ${scope}`).toEqual(offered);
      }
    }
    const listed = new Set(lists.flatMap((list) => list.commands.map((command) => command.title)));
    expect([...listed].sort()).toEqual(BOT_COMMANDS.map((command) => command.title).sort());
  });
});

describe("typed circle commands", () => {
  it("reads circle names, companies and settings from what people type", () => {
    expect(parseCommand("circles")).toEqual({ kind: "circles" });
    expect(parseCommand("my circles")).toEqual({ kind: "circles" });
    expect(parseCommand("create circle Golden Circle")).toEqual({ kind: "create-circle", name: "Golden Circle" });
    expect(parseCommand('create circle "Northwest Alliance"')).toEqual({ kind: "create-circle", name: "Northwest Alliance" });
    expect(parseCommand("create circle <name>")).toEqual({ kind: "create-circle", name: undefined });
    expect(parseCommand("invite Fabrikam to Golden Circle")).toEqual({ kind: "invite", company: "Fabrikam", circle: "Golden Circle" });
    expect(parseCommand("invite Fabrikam")).toEqual({ kind: "invite", company: "Fabrikam", circle: undefined });
    expect(parseCommand("invite <company> to <circle>")).toEqual({ kind: "invite", company: undefined, circle: undefined });
    expect(parseCommand("<at>Partnering Maturity</at> link Golden Circle")).toEqual({ kind: "link", circle: "Golden Circle" });
    expect(parseCommand("rhythms")).toEqual({ kind: "rhythms", circle: undefined });
    expect(parseCommand("actions Golden Circle")).toEqual({ kind: "actions", circle: "Golden Circle" });
    expect(parseCommand("leave <circle>")).toEqual({ kind: "leave", circle: undefined });
    expect(parseCommand("reminders on")).toEqual({ kind: "reminders", on: true });
    expect(parseCommand("reminders OFF")).toEqual({ kind: "reminders", on: false });
    expect(parseCommand("reminders on|off")).toEqual({ kind: "reminders", on: undefined });
    expect(parseCommand("create a mess")).toEqual({ kind: "unknown", text: "create a mess" });
    expect(parseCommand("join K7QM-2WXA-0000-0000-0000-0000-0000-0000")).toEqual({ kind: "join", code: "K7QM-2WXA-0000-0000-0000-0000-0000-0000" });
    expect(parseCommand("join <code>")).toEqual({ kind: "join", code: undefined });
    expect(parseCommand("company Fabrikam Ltd")).toEqual({ kind: "company", name: "Fabrikam Ltd" });
    expect(parseCommand("company")).toEqual({ kind: "company", name: undefined });
    expect(parseCommand("remove Fabrikam from Golden Circle")).toEqual({ kind: "remove", company: "Fabrikam", circle: "Golden Circle" });
    expect(parseCommand("rate")).toEqual({ kind: "assess-partner-unnamed" });
  });
});
