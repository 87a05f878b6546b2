import { createContext } from "react";
import { fluentThemeFor } from "./theme.js";

/** The Fluent theme in use, for code that needs real colour values (charts draw on a canvas). */
export const ActiveTheme = createContext(fluentThemeFor("default"));

/** A translucent version of a #rrggbb colour; other colours (high contrast system colours) stay transparent. */
export function withAlpha(color: string, alpha: number): string {
  if (!/^#[0-9a-f]{6}$/i.test(color)) return "transparent";
  return color + Math.round(alpha * 255).toString(16).padStart(2, "0");
}
