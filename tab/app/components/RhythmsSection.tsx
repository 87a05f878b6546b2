import { Badge, Button, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { RhythmKind } from "../../../core/schedule/types.js";
import type { RhythmsResponse, RhythmView } from "../../shared/dashboard-types.js";
import { useChange } from "../acting.js";
import { ApiFailure } from "../api.js";
import { meetingDay, meetingTime } from "../format.js";
import { ChangeStatus } from "./ChangeStatus.js";
import { RhythmForm } from "./RhythmForm.js";
import { EmptyState, ErrorState, Section } from "./States.js";

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, listStyle: "none", display: "grid", gap: tokens.spacingVerticalL },
  name: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  text: { margin: `${tokens.spacingVerticalXXS} 0`, overflowWrap: "anywhere" },
  meta: { display: "block", color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalXS },
});

/** The circle's rhythms, as the bot's rhythms card shows them: each in words, its next date, Change and Pause / Resume; "Set" for the ones missing. */
export function RhythmsSection({ rhythms }: { rhythms: RhythmsResponse | ApiFailure }) {
  if (rhythms instanceof ApiFailure) {
    return (
      <Section id="rhythms" title="Rhythms">
        <ErrorState failure={rhythms} />
      </Section>
    );
  }
  return <Rhythms rhythms={rhythms} />;
}

function Rhythms({ rhythms }: { rhythms: RhythmsResponse }) {
  const styles = useStyles();
  const change = useChange();
  const [editing, setEditing] = useState<RhythmKind | undefined>(undefined);
  const [closed, setClosed] = useState<RhythmKind | undefined>(undefined);
  // A form closed without saving: back to the button that opened it (saving moves focus to the sentence).
  useEffect(() => {
    if (closed) document.querySelector<HTMLButtonElement>(`[data-rhythm-opener="${closed}"]`)?.focus();
  }, [closed]);
  const open = (kind: RhythmKind): void => {
    change.clear();
    setClosed(undefined);
    setEditing(kind);
  };
  const close = (saved: boolean): void => {
    if (!saved) setClosed(editing);
    setEditing(undefined);
  };
  const missingEditing = rhythms.missing.find((rhythm) => rhythm.kind === editing);
  return (
    <Section id="rhythms" title="Rhythms" hint="The seed: quarterly is good, monthly is great, weekly is nirvana.">
      <ChangeStatus outcome={change.outcome} focusWhenDone />
      {rhythms.rhythms.length === 0 ? (
        <EmptyState>No rhythms yet. Set the joint planning meeting first: the circle meets on it, and the bot reminds everyone.</EmptyState>
      ) : (
        <ul className={styles.list} aria-label="The circle's rhythms">
          {rhythms.rhythms.map((rhythm) => (
            <li key={rhythm.kind}>
              <h3 className={styles.name}>
                {rhythm.name} {rhythm.paused && <Badge appearance="outline">Paused</Badge>}
              </h3>
              <p className={styles.text}>{rhythm.description}</p>
              <span className={styles.meta}>{metaOf(rhythm)}</span>
              {editing === rhythm.kind ? (
                <RhythmForm rhythm={rhythm} change={change} onClose={close} />
              ) : (
                <div className={styles.buttons}>
                  <Button size="small" data-rhythm-opener={rhythm.kind} aria-label={`Change the ${rhythm.phrase}`} onClick={() => open(rhythm.kind)}>
                    Change
                  </Button>
                  <Button
                    size="small"
                    disabled={change.busy}
                    aria-label={`${rhythm.paused ? "Resume" : "Pause"} the ${rhythm.phrase}`}
                    onClick={() => void change.run(({ api, circleId }) => api.pauseRhythm(circleId, rhythm.kind, !rhythm.paused))}
                  >
                    {rhythm.paused ? "Resume" : "Pause"}
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {missingEditing ? (
        <RhythmForm rhythm={missingEditing} change={change} onClose={close} />
      ) : (
        rhythms.missing.length > 0 && (
          <div className={styles.buttons}>
            {rhythms.missing.map((rhythm) => (
              <Button key={rhythm.kind} data-rhythm-opener={rhythm.kind} onClick={() => open(rhythm.kind)}>
                Set the {rhythm.phrase}
              </Button>
            ))}
          </div>
        )
      )}
    </Section>
  );
}

function metaOf(rhythm: RhythmView): string {
  return [
    rhythm.nextOccurrence && `Next: ${meetingDay(rhythm.nextOccurrence)}, ${meetingTime(rhythm.nextOccurrence)} your time`,
    rhythm.verdict,
    rhythm.meetings && rhythm.meetings.planned > 0 && `Held ${rhythm.meetings.held} of ${rhythm.meetings.planned} planned`,
  ]
    .filter(Boolean)
    .join(" · ");
}
