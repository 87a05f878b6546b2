import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useEffect, useRef } from "react";
import type { ChangeOutcome } from "../acting.js";

const useStyles = makeStyles({
  line: { margin: `${tokens.spacingVerticalXS} 0`, overflowWrap: "anywhere" },
  done: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
  failed: { color: tokens.colorPaletteRedForeground1 },
});

/**
 * Where a section says what its last change did. The live region is always there, so a screen
 * reader announces the sentence when it appears; a refusal is announced at once (alert).
 * `focusWhenDone`: the button pressed went away with the change (Mark done, Withdraw), so focus
 * moves to the sentence instead of falling back to the start of the page.
 */
export function ChangeStatus({ outcome, focusWhenDone = false }: { outcome: ChangeOutcome; focusWhenDone?: boolean }) {
  const styles = useStyles();
  const line = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (focusWhenDone && outcome.kind === "done") line.current?.focus();
  }, [outcome, focusWhenDone]);
  return (
    <>
      <p ref={line} tabIndex={-1} role="status" aria-live="polite" className={mergeClasses(styles.line, styles.done)}>
        {outcome.kind === "done" ? outcome.message : ""}
      </p>
      {outcome.kind === "failed" && (
        <p role="alert" className={mergeClasses(styles.line, styles.failed)}>
          {outcome.message}
        </p>
      )}
    </>
  );
}
