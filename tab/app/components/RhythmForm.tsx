import { Button, Field, Input, Select, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { DAY_OF_MONTH_LABEL, fieldsOf, ORDINAL_CHOICES, patternValue, WEEKDAY_CHOICES, type RhythmFormValues } from "../../../core/schedule/patterns.js";
import type { MissingRhythmView, RhythmRequest, RhythmView } from "../../shared/dashboard-types.js";
import type { Change } from "../acting.js";

const useStyles = makeStyles({
  // One column that never grows past the card: a select is otherwise as wide as its longest option.
  form: { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalS, maxWidth: "480px" },
  /** A long choice is cut short in the closed select at 360 px; the open list shows it whole. */
  select: { minWidth: 0, width: "100%", textOverflow: "ellipsis" },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

/** The reader's own time zone, the default for a rhythm not set yet. */
function readersTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

function requestOf(patternChoice: string, values: RhythmFormValues, rhythm: RhythmView | MissingRhythmView): RhythmRequest | undefined {
  const pattern = rhythm.patterns.find((choice) => choice.value === patternChoice);
  if (!pattern) return undefined;
  const fields = fieldsOf(pattern);
  const month = values.month.trim() === "" ? undefined : Number(values.month);
  return {
    cadence: pattern.cadence,
    dayRule: pattern.dayRule,
    ...(fields.nth ? { nth: values.nth as RhythmRequest["nth"] } : {}),
    ...(fields.weekday ? { weekday: values.weekday as RhythmRequest["weekday"] } : {}),
    ...(fields.day ? { day: Number(values.day) } : {}),
    ...(fields.month && month !== undefined ? { month } : {}),
    time: values.time,
    timeZone: values.timeZone.trim(),
  };
}

/**
 * The bot's two-step rhythm form on one page: the pattern first, and then only the fields that
 * pattern needs (core/schedule/patterns.ts), so the two cannot ask different things.
 */
export function RhythmForm({ rhythm, change, onClose }: { rhythm: RhythmView | MissingRhythmView; change: Change; onClose: (saved: boolean) => void }) {
  const styles = useStyles();
  const isNew = !("description" in rhythm);
  const [pattern, setPattern] = useState(patternValue(rhythm.pattern));
  const [values, setValues] = useState<RhythmFormValues>(() => ({ ...rhythm.values, timeZone: isNew ? readersTimeZone() : rhythm.values.timeZone }));
  const chosen = rhythm.patterns.find((choice) => choice.value === pattern) ?? rhythm.patterns[0];
  const fields = chosen ? fieldsOf(chosen) : undefined;
  const set = (key: keyof RhythmFormValues) => (_event: unknown, data: { value: string }) => setValues((current) => ({ ...current, [key]: data.value }));
  const save = async (): Promise<void> => {
    const request = requestOf(chosen?.value ?? pattern, values, rhythm);
    if (!request) return;
    const saved = await change.run(({ api, circleId }) => api.setRhythm(circleId, rhythm.kind, request));
    if (saved) onClose(true);
  };
  return (
    <form
      className={styles.form}
      aria-label={`Set the ${rhythm.phrase}`}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose(false);
      }}
    >
      {isNew && <h3 className={styles.heading}>Set the {rhythm.phrase}</h3>}
      <Field label="How often">
        <Select autoFocus select={{ className: styles.select }} value={chosen?.value ?? pattern} onChange={(_event, data) => setPattern(data.value)}>
          {rhythm.patterns.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.title}
            </option>
          ))}
        </Select>
      </Field>
      {fields?.nth && (
        <Field label="Which one">
          <Select value={values.nth} onChange={set("nth")}>
            {ORDINAL_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.title}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {fields?.day && (
        <Field label={DAY_OF_MONTH_LABEL}>
          <Input type="number" min={1} max={31} value={values.day} onChange={set("day")} />
        </Field>
      )}
      {fields?.weekday && (
        <Field label="Weekday">
          <Select value={values.weekday} onChange={set("weekday")}>
            {WEEKDAY_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.title}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {fields?.month && (
        <Field label={fields.month.label}>
          <Input type="number" min={1} max={fields.month.max} value={values.month} onChange={set("month")} />
        </Field>
      )}
      {/* A text field, not type="time": Chromium's time field keeps Tab inside its hour and minute parts. */}
      <Field label="Time of day" hint="24-hour, e.g. 09:00">
        <Input value={values.time} inputMode="numeric" maxLength={5} onChange={set("time")} />
      </Field>
      <Field label="Time zone (IANA name)">
        <Input value={values.timeZone} maxLength={64} placeholder="Europe/Stockholm" onChange={set("timeZone")} />
      </Field>
      <div className={styles.buttons}>
        <Button type="submit" appearance="primary" disabled={change.busy}>
          {change.busy ? "Saving…" : "Save rhythm"}
        </Button>
        <Button type="button" onClick={() => onClose(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
