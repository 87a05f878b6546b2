/**
 * Where the tab runs: inside Teams (teams-js connected) or standalone (a plain browser tab, or a
 * foreign iframe). Outside Teams nothing waits: a top-level page is standalone at once, and inside
 * an iframe teams-js gets a short time to connect before the tab carries on without it.
 */
import { isTeamsThemeName, type TeamsThemeName } from "./theme.js";

/** What the channel tab's settings page hands to Teams when the person presses Save. */
export interface TabInstanceConfig {
  contentUrl: string;
  websiteUrl: string;
  entityId: string;
  suggestedDisplayName: string;
}

export interface TabSettingsHost {
  setValid(valid: boolean): void;
  /** Called when the person presses Save; resolves with the configuration to save. */
  onSave(configure: () => TabInstanceConfig | undefined): void;
}

export interface Host {
  kind: "teams" | "standalone";
  theme: TeamsThemeName;
  /** Teams (or the operating system, standalone) changed its theme. Returns an unsubscribe function. */
  onThemeChange(listener: (theme: TeamsThemeName) => void): () => void;
  /** A Teams SSO token for the dashboard API, or undefined when there is none (standalone, SSO not set up). */
  authToken(): Promise<string | undefined>;
  /** Only in Teams' channel-tab settings frame. */
  settings: TabSettingsHost | undefined;
}

/** Inside a foreign iframe, teams-js would wait 60 s for a parent that never answers. */
export const IFRAME_CONNECT_TIMEOUT_MS = 1_500;

type TeamsJs = typeof import("@microsoft/teams-js");

export async function connectToHost(win: Window): Promise<Host> {
  if (!mayBeInTeams(win)) return standaloneHost(win);
  const teams = await import("@microsoft/teams-js");
  const connected = await Promise.race([
    teams.app.initialize().then(
      () => true,
      () => false,
    ),
    new Promise<false>((resolve) => win.setTimeout(() => resolve(false), IFRAME_CONNECT_TIMEOUT_MS)),
  ]);
  return connected ? teamsHost(teams) : standaloneHost(win);
}

async function teamsHost(teams: TeamsJs): Promise<Host> {
  const context = await teams.app.getContext();
  void teams.app.notifySuccess();
  const theme = context.app.theme;
  return {
    kind: "teams",
    theme: isTeamsThemeName(theme) ? theme : "default",
    onThemeChange: (listener) => {
      teams.app.registerOnThemeChangeHandler((changed) => listener(isTeamsThemeName(changed) ? changed : "default"));
      return () => undefined;
    },
    authToken: () => teams.authentication.getAuthToken().catch(() => undefined),
    settings: context.page.frameContext === teams.FrameContexts.settings ? settingsHost(teams) : undefined,
  };
}

/** The channel tab's settings frame: Save stays disabled until setValidityState(true). */
function settingsHost(teams: TeamsJs): TabSettingsHost {
  return {
    setValid: (valid) => teams.pages.config.setValidityState(valid),
    onSave: (configure) =>
      teams.pages.config.registerOnSaveHandler((saveEvent) => {
        const config = configure();
        if (!config) return saveEvent.notifyFailure("Pick a circle first.");
        teams.pages.config.setConfig(config).then(
          () => saveEvent.notifySuccess(),
          (error: unknown) => saveEvent.notifyFailure(error instanceof Error ? error.message : "The tab could not be saved."),
        );
      }),
  };
}

/** Teams desktop and web show tabs in an iframe; Teams mobile in a web view with a native bridge. */
function mayBeInTeams(win: Window): boolean {
  return win.parent !== win || "nativeInterface" in win;
}

function standaloneHost(win: Window): Host {
  const dark = win.matchMedia("(prefers-color-scheme: dark)");
  const forcedColors = win.matchMedia("(forced-colors: active)");
  const systemTheme = (): TeamsThemeName => (forcedColors.matches ? "contrast" : dark.matches ? "dark" : "default");
  const requested = new URLSearchParams(win.location.search).get("theme");
  return {
    kind: "standalone",
    theme: isTeamsThemeName(requested) ? requested : systemTheme(),
    onThemeChange: (listener) => {
      const notify = (): void => listener(systemTheme());
      dark.addEventListener("change", notify);
      forcedColors.addEventListener("change", notify);
      return () => {
        dark.removeEventListener("change", notify);
        forcedColors.removeEventListener("change", notify);
      };
    },
    authToken: async () => undefined,
    settings: undefined,
  };
}
