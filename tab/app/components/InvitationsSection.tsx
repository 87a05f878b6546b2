import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { DashboardView, InvitationCreated } from "../../shared/dashboard-types.js";
import { useChange } from "../acting.js";
import { formatDate } from "../format.js";
import { ChangeStatus } from "./ChangeStatus.js";
import { EmptyState, Section } from "./States.js";

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, listStyle: "none", display: "grid", gap: tokens.spacingVerticalM },
  item: { display: "flex", flexWrap: "wrap", alignItems: "flex-start", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
  text: { minWidth: 0, flex: "1 1 200px", overflowWrap: "anywhere" },
  meta: { display: "block", color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  form: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalM },
  field: { flex: "1 1 200px", minWidth: 0 },
  block: { display: "block" },
  code: { display: "block", fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, marginTop: tokens.spacingVerticalXS, overflowWrap: "anywhere", userSelect: "all" },
});

/** Pending invitations (Withdraw), and "Invite a company": the code is shown once, with the exact words the invited company types to the bot. */
export function InvitationsSection({ view }: { view: DashboardView }) {
  const styles = useStyles();
  const change = useChange();
  const [invitedAs, setInvitedAs] = useState("");
  const [created, setCreated] = useState<InvitationCreated | undefined>(undefined);
  const invite = async (): Promise<void> => {
    setCreated(undefined);
    const answer = await change.run(({ api, circleId }) => api.invite(circleId, invitedAs));
    if (answer) {
      setCreated(answer);
      setInvitedAs("");
    }
  };
  return (
    <Section id="invitations" title="Invitations" hint="A member company invites a partner by name; whoever types the code to the bot joins as their own organisation.">
      <div aria-live="polite">{created && <NewCode created={created} />}</div>
      <ChangeStatus outcome={change.outcome.kind === "done" && created ? { kind: "none" } : change.outcome} focusWhenDone />
      {view.invitations.length === 0 ? (
        <EmptyState>No invitations waiting to be used.</EmptyState>
      ) : (
        <ul className={styles.list} aria-label="Invitations not used yet">
          {view.invitations.map((invitation) => (
            <li key={invitation.invitationId} className={styles.item}>
              <span className={styles.text}>
                {invitation.invitedAs}
                <span className={styles.meta}>
                  Invited by {invitation.invitedBy} · valid until {formatDate(invitation.expiresAt)}
                </span>
              </span>
              <Button
                size="small"
                disabled={change.busy}
                aria-label={`Withdraw the invitation for ${invitation.invitedAs}`}
                onClick={() => {
                  setCreated(undefined);
                  void change.run(({ api, circleId }) => api.revokeInvitation(circleId, invitation.invitationId));
                }}
              >
                Withdraw
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form
        className={styles.form}
        aria-label="Invite a company"
        onSubmit={(event) => {
          event.preventDefault();
          void invite();
        }}
      >
        <Field label="Company to invite" className={styles.field}>
          <Input value={invitedAs} maxLength={100} onChange={(_event, data) => setInvitedAs(data.value)} />
        </Field>
        <Button type="submit" appearance="primary" disabled={change.busy}>
          {change.busy ? "Creating…" : "Create invitation"}
        </Button>
      </form>
    </Section>
  );
}

/** The code, once: only its digest is stored, so it cannot be shown again. */
function NewCode({ created }: { created: InvitationCreated }) {
  const styles = useStyles();
  return (
    <MessageBar intent="success" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Invitation for {created.invitation.invitedAs} created.</MessageBarTitle>
        <span className={styles.block}>Pass this on to them; it is shown only now. They type it to Partnering Maturity in Teams:</span>
        <code className={styles.code} data-join-command>
          {created.joinCommand}
        </code>
      </MessageBarBody>
    </MessageBar>
  );
}
