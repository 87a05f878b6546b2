import { Button, Field, Input, Select, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import type { DashboardView, WeakAreaView } from "../../shared/dashboard-types.js";
import { useChange } from "../acting.js";
import { areaName } from "../format.js";
import { ChangeStatus } from "./ChangeStatus.js";

const useStyles = makeStyles({
  // One column that never grows past the card: a select is otherwise as wide as its longest option.
  form: { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalS, maxWidth: "480px" },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  /** "Make Readiness and certifications an action" wraps at 360 px instead of sticking out of the card. */
  open: { marginTop: tokens.spacingVerticalXS, maxWidth: "100%", height: "auto", whiteSpace: "normal", textAlign: "start" },
});

/** Four weeks from today, as the due date a person most often picks; "YYYY-MM-DD". */
function defaultDueDate(now: Date): string {
  return new Date(now.getTime() + 28 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** "Make this an action": the weak area, a title (the model's first next step), an owner and a due date. */
export function WeakAreaAction({ view, weak }: { view: DashboardView; weak: WeakAreaView }) {
  const styles = useStyles();
  const change = useChange();
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  // Back on the button that opened the form once it closes, so the keyboard is where it was.
  useEffect(() => {
    if (!open && wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);
  const [title, setTitle] = useState(weak.nextSteps[0] ?? "");
  const [owner, setOwner] = useState(view.viewer.companyId);
  const [dueBy, setDueBy] = useState(() => defaultDueDate(new Date()));
  const name = areaName(weak.area);
  const submit = async (): Promise<void> => {
    const created = await change.run(({ api, circleId }) => api.createAction(circleId, { area: weak.area, ownerCompanyId: owner, dueBy, title }));
    if (created) setOpen(false);
  };
  return (
    <div>
      {!open && (
        <Button
          ref={opener}
          className={styles.open}
          onClick={() => {
            change.clear();
            setOpen(true);
          }}
        >
          Make {name} an action
        </Button>
      )}
      {open && (
        <form
          className={styles.form}
          aria-label={`New action for ${name}`}
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
          onKeyDown={(event) => {
            if (event.key === "Escape") setOpen(false);
          }}
        >
          <Field label="What will be done">
            <Textarea autoFocus resize="vertical" rows={2} value={title} maxLength={200} onChange={(_event, data) => setTitle(data.value)} />
          </Field>
          <Field label="Owner">
            <Select value={owner} onChange={(_event, data) => setOwner(data.value)}>
              {view.members.map((member) => (
                <option key={member.companyId} value={member.companyId}>
                  {member.companyName}
                </option>
              ))}
            </Select>
          </Field>
          {/* A text field, not type="date": Chromium's date field keeps Tab inside its day, month and year parts. */}
          <Field label="Due by" hint="Year-month-day, e.g. 2026-10-30">
            <Input value={dueBy} inputMode="numeric" maxLength={10} onChange={(_event, data) => setDueBy(data.value)} />
          </Field>
          <div className={styles.buttons}>
            <Button appearance="primary" type="submit" disabled={change.busy}>
              {change.busy ? "Adding…" : "Add action"}
            </Button>
            <Button type="button" onClick={() => setOpen(false)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
      <ChangeStatus outcome={change.outcome} />
    </div>
  );
}
