import { z } from "zod";
import { TEXT_RULES } from "../../core/text.js";
import { AREA_IDS, NOT_APPLICABLE, STAGE_IDS } from "../../core/model/index.js";

/**
 * What a card button sends back, and the schema every submission is checked against.
 * The card's `data` carries the verb (so that Action.Submit, which has no verb, works too), the
 * intended person (`for`) and the assessment run (`run`); the inputs the person filled in are
 * merged into it by the client.
 */
export const INPUT_IDS = {
  company: "company",
  vendorProgram: "vendorProgram",
  partner: "partner",
  stage: "stage",
  area: "area",
} as const;

export type DraftKind = "self" | "partner";

/** Which assessment a card belongs to: the person's own, or theirs about one partner company. */
export interface DraftRef {
  kind: DraftKind;
  /** The partner's company id; absent for a self-assessment. */
  subject?: string;
}

/** Fields every card of a running assessment carries. */
export interface RunData extends DraftRef {
  /** The person the card was sent to. */
  for: string;
  run: string;
}

/** Circle commands that a circle-choice button finishes for the circle it names. */
export const CIRCLE_CHOICE_COMMANDS = ["invite", "remove", "leave", "link", "rhythms", "actions", "circles", "lead", "leads"] as const;
export type CircleChoiceCommand = (typeof CIRCLE_CHOICE_COMMANDS)[number];

/** The data written into a button; inputs are added by the client when it is pressed. */
export type ActionData =
  | { verb: "command"; command: "assess" | "results" | "help" | "circles" }
  /** Rate a partner: a company of the person's circles (`subject`), or one typed into the card's input. */
  | { verb: "ratePartner"; subject?: string }
  /** Finish a circle command for the circle chosen on the card; `argument` is the company typed with it. */
  | { verb: "circleCommand"; command: CircleChoiceCommand; circleId: string; argument?: string }
  | ({ verb: "start"; for: string; subjectName?: string; run?: string; restart?: boolean } & DraftRef)
  | ({ verb: "answer" | "back"; area: string; edit?: boolean } & RunData)
  /** "Save for later" from an area card: the sentence picked on it (if any) is kept too. */
  | ({ verb: "later"; area?: string } & RunData)
  | ({ verb: "startOver" | "resume" | "summary" | "change" } & RunData)
  /** From a summary: turn one of the weakest areas into a joint action of a circle. */
  /** Without a circle: the company's circles are offered (one goes straight to the form). */
  | { verb: "gapsToAction"; circleId?: string; areas: readonly string[] };

export type Verb = ActionData["verb"];

const id = z.string({ error: "tampered" }).min(1, { error: "tampered" }).max(256, { error: "tampered" });
/** Length only; core/text.ts normalises and refuses empty names with its own sentence. */
const companyName = (missing: string) =>
  z
    .string({ error: missing })
    .min(1, { error: missing })
    .max(TEXT_RULES.company.max * 4, { error: `A company name can be at most ${TEXT_RULES.company.max} characters.` });
const kind = z.enum(["self", "partner"], { error: "tampered" });
const flag = z.boolean({ error: "tampered" }).optional();
const area = z.enum(AREA_IDS, { error: "unknown-area" });
const stage = z.enum([...STAGE_IDS, NOT_APPLICABLE], { error: "unknown-stage" });
const toggle = z.enum(["true", "false"], { error: "tampered" }).transform((value) => value === "true");

const runFields = { for: id, run: id, kind, subject: id.optional() };

const actionSchema = z.discriminatedUnion(
  "verb",
  [
    z.object({ verb: z.literal("command"), command: z.enum(["assess", "results", "help", "circles"], { error: "tampered" }) }),
    z
      .object({ verb: z.literal("ratePartner"), subject: id.optional(), [INPUT_IDS.partner]: companyName("Type the name of the partner company you want to rate.").optional() })
      .refine((value) => value.subject !== undefined || value[INPUT_IDS.partner] !== undefined, { error: "Choose a partner, or type the name of the company you want to rate.", path: [INPUT_IDS.partner] }),
    z.object({ verb: z.literal("circleCommand"), command: z.enum(CIRCLE_CHOICE_COMMANDS, { error: "tampered" }), circleId: id, argument: companyName("tampered").optional() }),
    z.object({
      verb: z.literal("start"),
      for: id,
      kind,
      subject: id.optional(),
      subjectName: companyName("tampered").optional(),
      run: id.optional(),
      restart: flag,
      [INPUT_IDS.company]: companyName("Type your company's name.").optional(),
      [INPUT_IDS.vendorProgram]: toggle.optional(),
    }),
    z.object({ verb: z.literal("answer"), ...runFields, area, edit: flag, [INPUT_IDS.stage]: stage }),
    z.object({ verb: z.literal("back"), ...runFields, area, edit: flag }),
    z.object({ verb: z.literal("change"), ...runFields, [INPUT_IDS.area]: area }),
    z.object({ verb: z.literal("later"), ...runFields, area: area.optional(), [INPUT_IDS.stage]: stage.optional() }),
    z.object({ verb: z.enum(["startOver", "resume", "summary"]), ...runFields }),
    z.object({ verb: z.literal("gapsToAction"), circleId: id.optional(), areas: z.array(area).min(1, { error: "tampered" }).max(AREA_IDS.length, { error: "tampered" }) }),
  ],
  { error: "unknown-verb" },
);

export type CardAction = z.output<typeof actionSchema>;

/** Why a submission was refused, for the sentence the person gets and for the log. */
export type SubmissionProblem = "unknown-verb" | "unknown-area" | "unknown-stage" | "missing-stage" | "tampered" | "invalid-input";

export type ParsedSubmission = { ok: true; action: CardAction } | { ok: false; problem: SubmissionProblem; message: string };

const PROBLEM_MESSAGES: Readonly<Record<Exclude<SubmissionProblem, "invalid-input">, string>> = {
  "unknown-verb": "I don't know that button. It may come from an older version of this app: type help to see what I can do.",
  "unknown-area": "That card names an area the Partnering Maturity Model doesn't have, so I didn't save anything. Type assess to get a fresh card.",
  "unknown-stage": "That answer isn't one of the stages on the card, so I didn't save it. Choose one of the sentences on the card and try again.",
  "missing-stage": "Choose the sentence that fits best, then select Next.",
  tampered: "That card's data doesn't look like a card I sent, so I didn't save anything. Type assess to get a fresh card.",
};

/** Checks untrusted card data (Action.Execute data or an Action.Submit message's value). */
export function parseCardSubmission(value: unknown): ParsedSubmission {
  const parsed = actionSchema.safeParse(value);
  if (parsed.success) return { ok: true, action: parsed.data };
  const issue = parsed.error.issues[0];
  const message = issue?.message ?? "tampered";
  if (issue?.path[0] === INPUT_IDS.stage && (value as Record<string, unknown> | undefined)?.[INPUT_IDS.stage] === undefined) {
    return { ok: false, problem: "missing-stage", message: PROBLEM_MESSAGES["missing-stage"] };
  }
  if (isKnownProblem(message)) return { ok: false, problem: message, message: PROBLEM_MESSAGES[message] };
  return { ok: false, problem: "invalid-input", message };
}

function isKnownProblem(message: string): message is Exclude<SubmissionProblem, "invalid-input"> {
  return message in PROBLEM_MESSAGES;
}
