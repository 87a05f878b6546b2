export * from "./membership.js";
