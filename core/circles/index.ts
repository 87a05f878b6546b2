export * from "./membership.js";
export * from "./invitations.js";
