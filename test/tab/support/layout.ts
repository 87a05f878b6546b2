import type { Page } from "playwright-core";

/** The tab's widths: Teams mobile, a narrow Teams window (or the side panel of a meeting), a desktop. */
export const WIDTHS = [360, 720, 1400] as const;

/** Everything that scrolls sideways: the page itself, or a box inside it (named by its label or first words). */
export async function sidewaysScrolling(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) found.push(`the page (${root.scrollWidth} px wide in ${root.clientWidth} px)`);
    for (const element of document.querySelectorAll("body *")) {
      const { overflowX } = getComputedStyle(element);
      if ((overflowX === "auto" || overflowX === "scroll") && element.scrollWidth > element.clientWidth + 1 && element.getBoundingClientRect().width > 0) {
        found.push(element.getAttribute("aria-label") ?? (element as HTMLElement).innerText.slice(0, 40));
      }
    }
    return found;
  });
}

/**
 * What sticks out of its card: any element whose right edge passes the right edge of the dashboard
 * card (section) it is in, unless it is inside a box that scrolls sideways.
 */
export async function overflowingCards(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const section of document.querySelectorAll("main section")) {
      const edge = section.getBoundingClientRect().right;
      for (const element of section.querySelectorAll("*")) {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.right <= edge + 1) continue;
        let inScroller = false;
        for (let ancestor = element.parentElement; ancestor && ancestor !== section; ancestor = ancestor.parentElement) {
          const { overflowX } = getComputedStyle(ancestor);
          if (overflowX === "auto" || overflowX === "scroll" || overflowX === "hidden") inScroller = true;
        }
        if (!inScroller) found.push(`${section.getAttribute("aria-labelledby")}: ${element.tagName.toLowerCase()} "${(element as HTMLElement).innerText?.slice(0, 40) ?? ""}" ends at ${Math.round(box.right)} px, the card at ${Math.round(edge)} px`);
      }
    }
    return found;
  });
}
