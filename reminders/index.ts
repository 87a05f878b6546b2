/**
 * Meeting rhythms and their reminders: scheduling, the queue, the dispatcher and the Teams sender.
 * The circle workflow itself (companies, membership, invitations, actions, meetings) is circles/.
 * Card buttons go through handleReminderCardAction. See reminders/README.md.
 */
export { openReminderContext, type ReminderContext } from "./context.js";
export { setPersonalReminders } from "./personal.js";
export { pauseRhythm, rhythmForForm, setRhythm, showRhythms, type RhythmsView, type SavedRhythm } from "./rhythms.js";
export { rhythmPausedSentence, rhythmSavedSentence } from "./rhythm-sentences.js";
export { snoozeReminder } from "./snooze.js";
export { handleReminderCardAction, type ActionSource, type CardActionResult } from "./card-actions.js";
export { rhythmDetailsCard, rhythmPatternCard, rhythmsCard } from "./cards.js";
export { currentReminderCard, meetingCardFor } from "./meeting-card.js";
export { isReminderVerb, REMINDER_VERBS, type ReminderVerb } from "./verbs.js";
export { userMessageOf, ReminderInputError } from "./errors.js";
export { startReminderService, type BackgroundService } from "./service.js";
export { LEAD_NOTICE_STEPS, leadNoticesFor, queueLeadNotices, type LeadNoticeStep } from "./lead-notices.js";
