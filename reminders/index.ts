/**
 * Circles of trust and meeting-rhythm reminders: what the bot calls. Plain functions over the
 * repositories; card buttons go through handleReminderCardAction. See reminders/README.md.
 */
export { openReminderContext, type ReminderContext } from "./context.js";
export {
  actorFor,
  acceptInvitation,
  createCircle,
  declineInvitation,
  inviteCompany,
  leaveCircle,
  linkChannel,
  listMyCircles,
  setPersonalReminders,
  type Actor,
  type ChannelToLink,
  type CircleSummary,
  type MyCircles,
} from "./circles.js";
export { pauseRhythm, rhythmForForm, setRhythm, showRhythms, type RhythmsView, type SavedRhythm } from "./rhythms.js";
export { markMeeting, snoozeReminder, type ReminderRefInput } from "./meetings.js";
export { completeAction, createAction, listOpenActions, type NewAction } from "./actions.js";
export { handleReminderCardAction, type ActionSource, type CardActionResult } from "./card-actions.js";
export { actionsCard, gapToActionCard, myCirclesCard, rhythmFormCard, rhythmsCard } from "./cards.js";
export type { AdaptiveCardJson } from "./card-elements.js";
export { isReminderVerb, REMINDER_VERBS, type ReminderVerb } from "./verbs.js";
export { userMessageOf, ConflictError, NotFoundError, ReminderInputError } from "./errors.js";
export { startReminderService, type BackgroundService } from "./service.js";
