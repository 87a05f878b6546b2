import axe from "axe-core";
import type { AxeResults } from "axe-core";
import type { Page } from "playwright-core";

/** What axe-core finds that blocks people: each violation of impact "serious" or "critical", one line each. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const { axe: engine } = window as unknown as { axe: { run(context: Document): Promise<AxeResults> } };
    const results = await engine.run(document);
    return results.violations.map((violation) => ({ id: violation.id, impact: violation.impact ?? null, help: violation.help, targets: violation.nodes.map((node) => node.target.join(" ")) }));
  });
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.impact} ${violation.id} (${violation.help}): ${violation.targets.slice(0, 5).join(", ")}`);
}

const CONTROL = "data-control";

/**
 * Names everything on screen a person could operate with a pointer: links, buttons, selects,
 * summaries, focusable regions, and anything else that shows a hand cursor. A grid's cells are one
 * control, the grid (one Tab stop; the arrow keys move between cells). Returns the names, in page order.
 */
export async function markVisibleControls(page: Page): Promise<string[]> {
  return page.evaluate((attribute) => {
    const controlSelector = "a[href], button, select, input, textarea, summary, [tabindex]:not([tabindex='-1'])";
    const named = new Map<Element, string>();
    const nameOf = (element: Element): string => {
      const labelledBy = element.getAttribute("aria-labelledby");
      const label =
        element.getAttribute("aria-label") ??
        (labelledBy ? labelledBy.split(" ").map((id) => document.getElementById(id)?.textContent ?? "").join(" ") : null) ??
        ((element as HTMLSelectElement).labels?.[0]?.textContent || null) ??
        (element as HTMLElement).innerText;
      return `${element.getAttribute("role") ?? element.tagName.toLowerCase()}: ${label.trim().replace(/\s+/g, " ").slice(0, 80)}`;
    };
    document.querySelectorAll(`[${attribute}]`).forEach((element) => element.removeAttribute(attribute));
    for (const element of document.querySelectorAll("body *")) {
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || style.visibility === "hidden") continue;
      if (!element.matches(controlSelector) && style.cursor !== "pointer") continue;
      const isCell = element.matches("td, th, [role='gridcell']");
      const control = (isCell ? element.closest("[role='grid']") : null) ?? element.parentElement?.closest(controlSelector) ?? element;
      if (!named.has(control)) named.set(control, nameOf(control));
    }
    [...named].forEach(([element], index) => element.setAttribute(attribute, String(index)));
    return [...named.values()];
  }, CONTROL);
}

/** One stop of the keyboard's Tab order. */
export interface TabStop {
  /** The control's name from markVisibleControls, or what the focused element is when it was not marked. */
  control: string;
  /** Focus changes what is on screen around the element. */
  focusVisible: boolean;
}

const FOCUSED = "data-tab-walk";

/** Marks the focused element and says which marked control it is (undefined: focus left the page). */
async function focusedControl(page: Page, names: readonly string[]): Promise<string | undefined> {
  const found = await page.evaluate(
    ({ control, focused }) => {
      const element = document.activeElement;
      if (!element || element === document.body) return undefined;
      document.querySelectorAll(`[${focused}]`).forEach((marked) => marked.removeAttribute(focused));
      element.setAttribute(focused, "");
      const index = element.closest(`[${control}]`)?.getAttribute(control);
      return index === null || index === undefined ? `unmarked ${element.tagName.toLowerCase()}: ${(element as HTMLElement).innerText.slice(0, 60)}` : Number(index);
    },
    { control: CONTROL, focused: FOCUSED },
  );
  return typeof found === "number" ? names[found] : found;
}

/**
 * Whether focus shows: the pixels around the focused element with focus, then with focus taken away,
 * must differ. Focus is then put back, so Tab carries on from the same element.
 */
async function focusShows(page: Page): Promise<boolean> {
  const focused = page.locator(`[${FOCUSED}]`);
  const box = await focused.boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) return false;
  const x = Math.max(0, box.x - 6);
  const y = Math.max(0, box.y - 6);
  const clip = { x, y, width: Math.min(viewport.width, box.x + box.width + 6) - x, height: Math.min(viewport.height, box.y + box.height + 6) - y };
  if (clip.width <= 0 || clip.height <= 0) return false;
  const withFocus = await page.screenshot({ clip, animations: "disabled" });
  await focused.evaluate((element: HTMLElement) => element.blur());
  const withoutFocus = await page.screenshot({ clip, animations: "disabled" });
  await focused.evaluate((element: HTMLElement) => element.focus());
  return !withFocus.equals(withoutFocus);
}

/** Presses Tab from the top of the page until focus leaves it; `names` from markVisibleControls. */
export async function walkTabOrder(page: Page, names: readonly string[], maxStops = 100): Promise<TabStop[]> {
  // Focus the page itself, so the first Tab goes to the first control (a blur would leave Chrome's
  // starting point where focus was).
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    document.body.tabIndex = -1;
    document.body.focus();
    document.body.removeAttribute("tabindex");
  });
  const stops: TabStop[] = [];
  await page.keyboard.press("Tab");
  for (let control = await focusedControl(page, names); control !== undefined && stops.length < maxStops; control = await focusedControl(page, names)) {
    stops.push({ control, focusVisible: await focusShows(page) });
    await page.keyboard.press("Tab");
  }
  return stops;
}
