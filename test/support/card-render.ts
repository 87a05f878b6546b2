import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);

/** The Adaptive Cards renderer and a Markdown processor, loaded into the page from node_modules (nothing is downloaded). */
export const RENDERER_SCRIPTS = [require.resolve("markdown-it/dist/markdown-it.min.js"), require.resolve("adaptivecards/dist/adaptivecards.min.js")];
const RENDERER_STYLES = require.resolve("adaptivecards/dist/adaptivecards.css");
/** The reference renderer gives a Markdown list 100% width plus the browser's 40 px indent; Teams indents lists inside the column. */
const TEAMS_LIST_STYLE = ".ac-textBlock ul, .ac-textBlock ol { box-sizing: border-box; padding-left: 20px; }";

/**
 * Close to Teams' own host config (font, sizes, spacing, buttons in a row with up to 6 shown): what
 * matters here is that text and buttons get Teams' room, not its exact colours.
 */
export const TEAMS_LIKE_HOST_CONFIG = {
  fontFamily: "'Segoe UI', system-ui, sans-serif",
  supportsInteractivity: true,
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: "#E1E1E1" },
  fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 200, default: 400, bolder: 600 },
  containerStyles: {
    default: { backgroundColor: "#FFFFFF", foregroundColors: { default: { default: "#242424", subtle: "#616161" }, accent: { default: "#5B5FC7", subtle: "#5B5FC7" }, good: { default: "#0E700E", subtle: "#0E700E" }, warning: { default: "#835B00", subtle: "#835B00" }, attention: { default: "#C4314B", subtle: "#C4314B" } } },
    emphasis: { backgroundColor: "#F5F5F5", foregroundColors: { default: { default: "#242424", subtle: "#616161" } } },
  },
  actions: { maxActions: 6, spacing: "default", buttonSpacing: 8, showCard: { actionMode: "inline", inlineTopMargin: 16 }, actionsOrientation: "horizontal", actionAlignment: "left" },
};

/** The Teams mobile column: a 360 px phone less the message's margins. */
export const PHONE_CARD_WIDTH = 328;

export interface RenderedCard {
  /** Text or buttons cut off (ellipsis or hidden overflow) or reaching outside the card. */
  clipped: string[];
  /** Anything the renderer could not render. */
  renderErrors: string[];
}

/** Loads the renderer into a blank page once; then `renderCard` draws cards into it. */
export async function prepareCardPage(page: Page): Promise<void> {
  await page.setContent(`<!doctype html><html><head><style>body{margin:0;background:#f0f0f0;font-family:'Segoe UI',system-ui,sans-serif}#card{width:${PHONE_CARD_WIDTH}px;margin:16px;background:#fff}</style></head><body><div id="card"></div></body></html>`);
  // Tools that compile TypeScript on the fly (tsx) name functions with a helper the page lacks.
  await page.addScriptTag({ content: "window.__name = (target) => target;" });
  await page.addStyleTag({ path: RENDERER_STYLES });
  await page.addStyleTag({ content: TEAMS_LIST_STYLE });
  for (const path of RENDERER_SCRIPTS) await page.addScriptTag({ path });
}

/**
 * Renders the card as a Teams client would (every ShowCard opened, so its form is measured too) and
 * reports what does not fit the phone's column.
 */
export async function renderCard(page: Page, card: unknown): Promise<RenderedCard> {
  return page.evaluate(
    ({ json, hostConfig }) => {
      type Renderer = {
        AdaptiveCard: { new (): { hostConfig: unknown; parse(json: unknown): void; render(): HTMLElement | undefined }; onProcessMarkdown: (text: string, result: { didProcess: boolean; outputHtml?: string }) => void };
        HostConfig: new (json: unknown) => unknown;
      };
      const win = window as unknown as { AdaptiveCards: Renderer; markdownit: () => { render(text: string): string } };
      const markdown = win.markdownit();
      win.AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
        result.outputHtml = markdown.render(text);
        result.didProcess = true;
      };
      const host = document.getElementById("card") as HTMLElement;
      host.replaceChildren();
      const renderErrors: string[] = [];
      const card = new win.AdaptiveCards.AdaptiveCard();
      card.hostConfig = new win.AdaptiveCards.HostConfig(hostConfig);
      card.parse(json);
      const element = card.render();
      if (!element) return { clipped: [], renderErrors: ["the renderer returned nothing"] };
      host.appendChild(element);
      for (const button of [...host.querySelectorAll<HTMLButtonElement>("button[aria-expanded=false]")]) button.click();
      const bounds = host.getBoundingClientRect();
      const clipped: string[] = [];
      const label = (node: Element): string => (node.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 80) || node.tagName.toLowerCase();
      for (const node of host.querySelectorAll<HTMLElement>("*")) {
        if (node.getClientRects().length === 0) continue;
        const rect = node.getBoundingClientRect();
        if (rect.right > bounds.right + 1 || rect.left < bounds.left - 1) clipped.push(`sticks out of the card: ${label(node)}`);
        const style = getComputedStyle(node);
        const hidesOverflow = style.overflowX === "hidden" || style.textOverflow === "ellipsis";
        if (hidesOverflow && node.scrollWidth > node.clientWidth + 1 && (node.textContent ?? "").trim() !== "") clipped.push(`cut off: ${label(node)}`);
      }
      return { clipped: [...new Set(clipped)], renderErrors };
    },
    { json: card, hostConfig: TEAMS_LIKE_HOST_CONFIG },
  );
}
