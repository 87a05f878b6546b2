import { makeStyles, tokens } from "@fluentui/react-components";
import { useLayoutEffect, useRef, useState, type ReactNode } from "react";

const useStyles = makeStyles({
  cue: { margin: `0 0 ${tokens.spacingVerticalXS}`, fontSize: tokens.fontSizeBase200, color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold },
  viewport: { position: "relative" },
  scroller: {
    overflowX: "auto",
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" },
  },
  /** Content fades out at the edge it continues past: the second cue, where the eye already is. */
  shade: {
    position: "absolute",
    top: 0,
    bottom: 0,
    right: 0,
    width: "32px",
    pointerEvents: "none",
    backgroundImage: `linear-gradient(to right, transparent, ${tokens.colorNeutralBackground1})`,
    borderRight: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
  },
});

interface Edges {
  /** Content hidden to the left (scrolled past). */
  before: boolean;
  /** Content hidden to the right. */
  after: boolean;
}

function edgesOf(element: HTMLElement): Edges {
  const hidden = element.scrollWidth - element.clientWidth;
  return { before: element.scrollLeft > 1, after: element.scrollLeft < hidden - 1 };
}

/**
 * A table wider than its card scrolls sideways inside it, and says so: a line above it and a fade at
 * the edge while more is hidden. When it overflows it is a labelled region that takes keyboard focus
 * (so the arrow keys scroll it), unless its content has focusable cells of its own (`focusable`
 * false). A cell marked data-sticky-start stays in view and is kept clear when focus scrolls a cell
 * into view.
 */
export function SideScroller({ label, seeWhat, focusable = true, children }: { label: string; /** "all 10 areas" */ seeWhat: string; focusable?: boolean; children: ReactNode }) {
  const styles = useStyles();
  const ref = useRef<HTMLDivElement>(null);
  const [edges, setEdges] = useState<Edges>({ before: false, after: false });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const update = (): void => {
      const sticky = element.querySelector("[data-sticky-start]");
      element.style.scrollPaddingLeft = sticky ? `${sticky.getBoundingClientRect().width}px` : "";
      const next = edgesOf(element);
      setEdges((previous) => (previous.before === next.before && previous.after === next.after ? previous : next));
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    element.addEventListener("scroll", update, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener("scroll", update);
    };
  }, []);
  const overflowing = edges.before || edges.after;
  return (
    <div>
      {overflowing && (
        <p className={styles.cue} data-scroll-cue="">
          {edges.after ? `Scroll sideways to see ${seeWhat} →` : "← Scroll back to the start"}
        </p>
      )}
      <div className={styles.viewport}>
        <div ref={ref} className={styles.scroller} {...(overflowing ? { role: "region", "aria-label": `${label} (scrolls sideways)`, ...(focusable ? { tabIndex: 0 } : {}) } : {})}>
          {children}
        </div>
        {edges.after && <span aria-hidden="true" className={styles.shade} />}
      </div>
    </div>
  );
}
