import "server-only";
import { errorBodySchema, type ResponseSpec } from "./operation";

const WHAT: Record<number, string> = {
  400: "Malformed: a body that is not JSON, a parameter that does not parse",
  401: "No token, or one that is not valid (expired, revoked, its user deactivated)",
  403: "The caller may not do this (a read-only token, a permission the role lacks)",
  404: "Not found — also anything of another organization, or outside the caller's scope",
  411: "An upload without a Content-Length",
  413: "The file is larger than the organization allows",
  415: "A file type the organization does not allow, or content that does not match its name",
  409: "Changed meanwhile (stale version: current_version says the latest), or a move the workflow does not allow",
  422: "Refused content: fields says which and why",
  429: "Too many requests: wait Retry-After seconds",
};

/** The error answers an operation documents, all in the one error shape. */
export function errorResponses(...statuses: (keyof typeof WHAT)[]): Record<number, ResponseSpec> {
  return Object.fromEntries(statuses.map((s) => [s, { description: WHAT[s]!, schema: errorBodySchema }]));
}
