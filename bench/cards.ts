/** An Adaptive Card as the benchmarks read it: only its buttons matter. */
export interface BenchCard {
  body?: unknown[];
  actions?: unknown[];
}

export interface BenchButton {
  title: string;
  data: Record<string, unknown>;
}

/**
 * The card's button with this title, wherever it is: the card's own actions or an ActionSet in the
 * body (buttons that do not fit one phone row go there, see platform/card-elements.ts buttonRows).
 */
export function buttonOn(card: BenchCard | undefined, title: string): BenchButton | undefined {
  const walk = (node: unknown): BenchButton | undefined => {
    if (Array.isArray(node)) {
      for (const child of node) {
        const found = walk(child);
        if (found) return found;
      }
      return undefined;
    }
    if (!node || typeof node !== "object") return undefined;
    const { fallback: _fallback, ...element } = node as Record<string, unknown>;
    if (typeof element.type === "string" && element.type.startsWith("Action.") && element.title === title) return { title, data: (element.data ?? {}) as Record<string, unknown> };
    return walk(Object.values(element));
  };
  return walk([card?.body, card?.actions]);
}
