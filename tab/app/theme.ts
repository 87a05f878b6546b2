import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from "@fluentui/react-components";

/** Teams' own theme names (app.getContext().app.theme and the theme-change handler). */
export const TEAMS_THEME_NAMES = ["default", "dark", "contrast"] as const;
export type TeamsThemeName = (typeof TEAMS_THEME_NAMES)[number];

export const THEME_LABELS: Readonly<Record<TeamsThemeName, string>> = {
  default: "Light",
  dark: "Dark",
  contrast: "High contrast",
};

export function isTeamsThemeName(value: unknown): value is TeamsThemeName {
  return typeof value === "string" && (TEAMS_THEME_NAMES as readonly string[]).includes(value);
}

/** Teams' theme → Fluent UI v9's matching Teams theme. */
export function fluentThemeFor(name: TeamsThemeName): Theme {
  switch (name) {
    case "dark":
      return teamsDarkTheme;
    case "contrast":
      return teamsHighContrastTheme;
    case "default":
      return teamsLightTheme;
  }
}

/**
 * A Griffel selector for styles that apply only in Teams' high contrast theme (App sets data-theme):
 * Griffel writes `:global(X)` as "X .theClass".
 */
export const IN_HIGH_CONTRAST = ":global([data-theme='contrast'])";
