import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";
import type { ApiFailure } from "../api.js";
import { NARROW } from "../layout.js";

const useStyles = makeStyles({
  centered: { display: "flex", justifyContent: "center", padding: tokens.spacingVerticalXXL },
  empty: {
    padding: tokens.spacingVerticalL,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground2,
  },
  section: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
    // Invisible in light and dark; in high contrast, where shadows do not show, it outlines the card.
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
    padding: tokens.spacingHorizontalL,
    minWidth: 0,
    [NARROW]: { padding: tokens.spacingHorizontalM },
  },
  heading: { marginTop: 0, marginBottom: tokens.spacingVerticalS, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  hint: { marginTop: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

export function LoadingState({ label }: { label: string }) {
  const styles = useStyles();
  return (
    <div className={styles.centered}>
      <Spinner label={label} />
    </div>
  );
}

export function ErrorState({ failure, onRetry }: { failure: ApiFailure; onRetry?: () => void }) {
  const title = failure.status === 401 ? "Sign-in needed" : failure.status === 403 ? "Not allowed" : failure.status === 404 ? "Not found" : "Could not load";
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {failure.message}
      </MessageBarBody>
      {onRetry && failure.status !== 403 && failure.status !== 404 && (
        <MessageBarActions>
          <Button onClick={onRetry}>Try again</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

/** Says what is missing and what to do about it. */
export function EmptyState({ children }: { children: ReactNode }) {
  const styles = useStyles();
  return (
    <p className={styles.empty} role="note">
      {children}
    </p>
  );
}

export function Section({ id, title, hint, children, className }: { id: string; title: string; hint?: ReactNode; children: ReactNode; className?: string }) {
  const styles = useStyles();
  return (
    <section aria-labelledby={id} className={mergeClasses(styles.section, className)}>
      <h2 id={id} className={styles.heading}>
        {title}
      </h2>
      {hint && <p className={styles.hint}>{hint}</p>}
      {children}
    </section>
  );
}
