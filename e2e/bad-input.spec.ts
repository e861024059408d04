import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { test as base, expect, request, type APIRequestContext } from "@playwright/test";
import { DEMO_PASSWORD, uniqueSuffix } from "./support/fixtures";
import {
  callAction,
  changedTables,
  credentialsSignIn,
  Db,
  encodeReply,
  fillRoute,
  hasFieldError,
  LONE_SURROGATE,
  manifestActions,
  manifestAppPaths,
  NUL,
  OVERSIZED,
  postAction,
  routeOf,
  signedInContext,
  sourceAppPaths,
  UUID_RE,
  walk,
  withLeaf,
  type ActionAnswer,
  type Fingerprint,
  type ManifestAction,
} from "./support/bad-input";

// Issue 11: bad input over every page route, route handler and server action.
// Each case answers a clear 4xx or a field message — never a 500, never a write.
//
// The table is built from the code, not from hope:
//  - server actions: one row per exported action name (ACTIONS below); the spec
//    reads the build's server-reference manifest and fails when an action there
//    has no row. Each row has a VALID base input built from demo data and probe
//    rows this spec creates once; the variants are generated from the base's
//    shape (every text field gets a NUL, a lone surrogate, an oversized value
//    and a wrong type; every id a malformed one, an unknown one and another
//    organization's; numbers, booleans, lists …) plus per-action extras.
//    Actions are replayed over HTTP as the browser sends them (Next-Action
//    header, encodeReply body) with a signed-in demo user's cookies.
//  - pages and route handlers: every app/**/page.tsx and route.ts (checked
//    against the build's app-paths manifest), with bad path and query params.
//  - every case compares a fingerprint of the database (every row of every
//    tenant table hashed; AuditLog counted) before and after.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// ─── The probe data the base inputs point at ────────────────────────────────

interface F {
  acmeOrg: string;
  globexOrg: string;
  users: { admin: string; agent: string; tech: string; manager: string; requester: string; requester2: string; globexAdmin: string; globexAgent: string };
  /** Acme's built-in roles (Users administration). */
  roles: { requester: string; agent: string };
  /** Support request by requester@acme.test (admin replied; a file is attached). */
  support: { id: string; version: number; number: string };
  /** A second support request (link target). */
  support2: { id: string; number: string };
  /** A change draft with one item (requester's). */
  draft: { id: string; version: number; itemId: string };
  /** A pending change (admin may reject it, with a reason). */
  pending: { id: string; version: number };
  /** An in-progress change (tech assigned) with one unfulfilled item. */
  inProgress: { id: string; version: number; itemId: string };
  eng: { id: string; version: number; afterId: string; columnId: string; column2Id: string; rank: string };
  assetId: string;
  commentId: string;
  commentVersion: number;
  viewId: string;
  relationshipId: string;
  attachmentId: string;
  cannedId: string;
  notificationId: string;
  globexTicket: string;
  /**
   * Administration: rows loadFixture creates for the purpose (an asset with one
   * component, a role nobody holds, two tags), plus what the organization and
   * its projects hold now (a base repeating them is a no-op).
   */
  admin: {
    asset: { id: string; version: number; tag: string; componentId: string };
    role: { id: string; name: string; updatedAt: string };
    tag: { id: string; version: number; name: string };
    tag2: { id: string; name: string };
    /** Acme's SUP project as stored (lead, description, updatedAt) and the agent's triage flag there. */
    sup: { id: string; name: string; leadId: string; description: string; updatedAt: string; agentTriage: boolean };
    /** Acme's ENG project (requester2 is not a member). */
    engProjectId: string;
    globexProjectId: string;
    globexRoleId: string;
    /** A probe team (the manager its one member) and a second one, both the probe's own; Globex's team; the probe ticket's team (SUP's default). */
    team: { id: string; version: number; name: string };
    team2: { id: string; version: number };
    globexTeamId: string;
    supportTeamId: string | null;
    /** SUP's default team as stored (a base repeating it is a no-op). */
    supDefaultTeamId: string | null;
    org: { name: string; updatedAt: string; timeZone: string; defaultPriority: string; requestersMayCreateTags: boolean; requestersMayRegister: boolean };
    /** Contacts administration: a customer with one domain, one to delete, a contact of the first, one to delete, and a Globex customer. */
    customer: { id: string; version: number; name: string; domain: string };
    customer2: { id: string };
    contact: { id: string; version: number; name: string; email: string };
    contact2: { id: string };
    globexCustomerId: string;
  };
  /** Personal access tokens (issue 15): the requester's own, the admin's (another user's, for the requester) and one of Globex's admin. */
  tokens: { requester: string; admin: string; globex: string };
}

/** Shape-only stand-in used while the test list is collected (before the server and data exist). */
const DUMMY: F = (() => {
  let n = 0;
  const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;
  return {
    acmeOrg: id(),
    globexOrg: id(),
    users: { admin: id(), agent: id(), tech: id(), manager: id(), requester: id(), requester2: id(), globexAdmin: id(), globexAgent: id() },
    roles: { requester: id(), agent: id() },
    support: { id: id(), version: 1, number: "SUP-9" },
    support2: { id: id(), number: "SUP-10" },
    draft: { id: id(), version: 1, itemId: id() },
    pending: { id: id(), version: 1 },
    inProgress: { id: id(), version: 1, itemId: id() },
    eng: { id: id(), version: 1, afterId: id(), columnId: id(), column2Id: id(), rank: "a0" },
    assetId: id(),
    commentId: id(),
    commentVersion: 1,
    viewId: id(),
    relationshipId: id(),
    attachmentId: id(),
    cannedId: id(),
    notificationId: id(),
    globexTicket: id(),
    admin: {
      asset: { id: id(), version: 1, tag: "PROBE-1", componentId: id() },
      role: { id: id(), name: "Bad-input probe", updatedAt: "2026-01-01T00:00:00.000Z" },
      tag: { id: id(), version: 1, name: "bad-input-probe" },
      tag2: { id: id(), name: "bad-input-probe-2" },
      sup: { id: id(), name: "IT Support", leadId: id(), description: "", updatedAt: "2026-01-01T00:00:00.000Z", agentTriage: true },
      engProjectId: id(),
      globexProjectId: id(),
      globexRoleId: id(),
      team: { id: id(), version: 1, name: "Bad-input probe team" },
      team2: { id: id(), version: 1 },
      globexTeamId: id(),
      supportTeamId: id(),
      supDefaultTeamId: id(),
      org: { name: "Acme", updatedAt: "2026-01-01T00:00:00.000Z", timeZone: "UTC", defaultPriority: "normal", requestersMayCreateTags: false, requestersMayRegister: false },
      customer: { id: id(), version: 1, name: "Bad-input probe customer", domain: "probe.test" },
      customer2: { id: id() },
      contact: { id: id(), version: 1, name: "Bad-input probe contact", email: "probe-contact@acme.test" },
      contact2: { id: id() },
      globexCustomerId: id(),
    },
    tokens: { requester: id(), admin: id(), globex: id() },
  };
})();

type Who = "admin" | "requester";
const EMAILS: Record<Who | "agent" | "globexAdmin" | "globexRequester", string> = {
  admin: "admin@acme.test",
  agent: "agent@acme.test",
  requester: "requester@acme.test",
  globexAdmin: "admin@globex.test",
  globexRequester: "requester@globex.test",
};

const cursorOf = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
const DASHES = "-".repeat(36);

const item = () => ({
  action: "replace",
  componentType: "ram",
  componentRef: "Samsung 64GB DDR4-3200 RDIMM",
  serial: "SN-12345",
  specifications: { size: "64GB" },
  quantity: 2,
  currentValue: "Samsung 32GB DDR4-3200 RDIMM",
  requestedValue: "Samsung 64GB DDR4-3200 RDIMM",
});

// ─── The table: one row per server action ───────────────────────────────────

interface Extra {
  label: string;
  input: (f: F) => unknown;
  expect: Expectation;
}
type Expectation = { field: (string | number)[] } | "refused" | "not-internal";
interface Base {
  /** Names the base when an action has several (e.g. a support and a change request). */
  label?: string;
  as: Who;
  input: (f: F) => Record<string, unknown>;
  extras?: Extra[];
  /** Text fields matched against a list by the domain (a NUL there is refused, by INVALID_TRANSITION or the like, not a field message). */
  refusedAnyhow?: string[];
  /** Text fields the action normalises (drops what it does not understand) and then stores: a NUL there is dropped, not refused. */
  normalised?: string[];
}

const ACTIONS: Record<string, Base[]> = {
  removeAttachmentAction: [{ as: "admin", input: (f) => ({ attachmentId: f.attachmentId }) }],
  reorderCardAction: [{ as: "admin", input: (f) => ({ ticketId: f.eng.id, column: "todo", afterId: f.eng.afterId }) }],
  loadColumnAction: [
    {
      as: "admin",
      // The cursor is opaque base64: a NUL appended to it is ignored by the decoder; the crafted cursors below carry bad values inside.
      normalised: ["cursor"],
      input: (f) => ({ projectKey: "ENG", column: f.eng.columnId, cursor: cursorOf([f.eng.rank, f.eng.id]), filters: { assignee: ["me"], tag: ["hardware"], type: ["task"], q: "printer" } }),
      extras: [
        { label: "a cursor whose rank carries a NUL", input: (f) => ({ projectKey: "ENG", column: f.eng.columnId, cursor: cursorOf([`a${NUL}`, f.eng.id]) }), expect: { field: ["cursor"] } },
        { label: "a cursor whose id is 36 dashes", input: (f) => ({ projectKey: "ENG", column: f.eng.columnId, cursor: cursorOf(["a0", DASHES]) }), expect: { field: ["cursor"] } },
        { label: "a cursor that is not base64 JSON", input: (f) => ({ projectKey: "ENG", column: f.eng.columnId, cursor: "%%%garbage" }), expect: { field: ["cursor"] } },
      ],
    },
  ],
  addColumnAction: [{ as: "admin", input: () => ({ projectKey: "ENG", name: `Probe ${uniqueSuffix()}`, category: "todo", color: "#64748b", wipLimit: 5 }) }],
  updateColumnAction: [{ as: "admin", input: (f) => ({ columnId: f.eng.columnId, name: "To do", color: "#64748b", wipLimit: null }) }],
  moveColumnAction: [{ as: "admin", input: (f) => ({ columnId: f.eng.columnId, position: 0 }) }],
  removeColumnAction: [{ as: "admin", input: (f) => ({ columnId: f.eng.column2Id }) }],
  createCannedResponseAction: [{ as: "admin", input: () => ({ title: "Probe canned", body: "Hello {{requester.name}}", scope: "personal" }) }],
  updateCannedResponseAction: [{ as: "admin", input: (f) => ({ id: f.cannedId, title: "Greeting", body: "Hello {{requester.name}}" }) }],
  deleteCannedResponseAction: [{ as: "admin", input: (f) => ({ id: f.cannedId }) }],
  renderCannedResponseAction: [{ as: "admin", input: (f) => ({ ticketId: f.support.id, cannedResponseId: f.cannedId }) }],
  editCommentAction: [{ as: "admin", input: (f) => ({ commentId: f.commentId, body: "Edited reply", version: f.commentVersion }) }],
  markSolutionAction: [{ as: "admin", input: (f) => ({ commentId: f.commentId, solution: true }) }],
  recordTicketViewAction: [{ as: "admin", input: (f) => ({ ticketId: f.support.id }) }],
  bulkTransitionAction: [{ as: "admin", input: (f) => ({ ticketIds: [f.support.id], to: "on_hold", reason: "Waiting for parts", confirmOpenChildren: false }) }],
  bulkAssignAction: [{ as: "admin", input: (f) => ({ ticketIds: [f.support.id], assigneeId: f.users.agent }) }],
  bulkAddTagAction: [{ as: "admin", input: (f) => ({ ticketIds: [f.support.id], tag: "probe-tag" }) }],
  bulkLinkAction: [{ as: "admin", input: (f) => ({ ticketIds: [f.support.id], targetId: f.support2.id, side: "duplicates", closeDuplicate: false }) }],
  // The query is normalised like the desk's URL (lib/validation/desk.ts): what it does not understand is dropped before it is stored.
  saveViewAction: [{ as: "admin", input: () => ({ name: "Probe view 2", query: "status=open&q=printer" }), normalised: ["query"] }],
  deleteViewAction: [{ as: "admin", input: (f) => ({ id: f.viewId }) }],
  reorderViewsAction: [{ as: "admin", input: (f) => ({ ids: [f.viewId] }) }],
  savePreferencesAction: [{ as: "admin", input: () => ({ deskColumns: { visibility: { title: true }, sizing: { title: 240 } }, boxOrder: ["mine", "unassigned"] }) }],
  // Only the own theme: a user field sent with it is refused (lib/validation/theme.ts).
  setThemeAction: [{ as: "requester", input: () => ({ theme: "dark" }) }],
  // Personal access tokens (/settings/tokens, /admin/tokens): every variant is refused before anything is written (the bases are not run).
  createApiTokenAction: [
    {
      as: "requester",
      input: () => ({ name: "Probe token", expires: "30", scope: "read" }),
      extras: [
        { label: "a blank name", input: () => ({ name: "   ", expires: "30", scope: "read" }), expect: { field: ["name"] } },
        { label: "a lifetime that is not offered", input: () => ({ name: "Probe token", expires: "1000", scope: "read" }), expect: { field: ["expires"] } },
        { label: "a lifetime as a number", input: () => ({ name: "Probe token", expires: 30, scope: "read" }), expect: { field: ["expires"] } },
        { label: "a scope that does not exist", input: () => ({ name: "Probe token", expires: "30", scope: "admin" }), expect: { field: ["scope"] } },
        { label: "a user to hold the token", input: (f) => ({ name: "Probe token", expires: "30", scope: "read", userId: f.users.admin }), expect: { field: ["userId"] } },
      ],
    },
  ],
  revokeApiTokenAction: [
    {
      as: "requester",
      input: (f) => ({ tokenId: f.tokens.requester }),
      extras: [
        { label: "another user's token", input: (f) => ({ tokenId: f.tokens.admin }), expect: "refused" },
        { label: "another organization's token", input: (f) => ({ tokenId: f.tokens.globex }), expect: "refused" },
      ],
    },
  ],
  markNotificationReadAction: [{ as: "requester", input: (f) => ({ id: f.notificationId }) }],
  markAllNotificationsReadAction: [{ as: "requester", input: () => ({}) }],
  // Every variant is refused by the schema before the current password is even checked (which would count against the sign-in limit).
  changePasswordAction: [{ as: "requester", input: () => ({ currentPassword: DEMO_PASSWORD, newPassword: "probe-password-9", confirmPassword: "probe-password-9" }) }],
  setWatchingAction: [{ as: "admin", input: (f) => ({ ticketId: f.support.id, watch: true }) }],
  saveNotificationPreferencesAction: [{ as: "admin", input: () => ({ ticket_created: "both", public_reply: "in_app" }) }],
  linkTicketAction: [{ as: "admin", input: (f) => ({ ticketId: f.support.id, side: "parent_of", otherId: f.support2.id, closeDuplicate: false }) }],
  unlinkTicketAction: [{ as: "admin", input: (f) => ({ relationshipId: f.relationshipId }) }],
  createSubtaskAction: [{ as: "admin", input: (f) => ({ parentId: f.support.id, title: "Probe subtask", description: "Check the cable" }) }],
  createTicketAction: [
    { label: "support request", as: "requester", input: () => ({ requestType: "support", title: "Printer jams", description: "Every morning", priority: "high", attachmentIds: [] }) },
    {
      label: "change request",
      as: "requester",
      input: (f) => ({ requestType: "change", title: "More memory", description: "For the database", priority: "normal", assetId: f.assetId, items: [item()], submit: false }),
    },
  ],
  addCommentAction: [
    {
      as: "admin",
      input: (f) => ({ ticketId: f.support.id, body: "We are on it.", internal: false, attachmentIds: [] }),
    },
  ],
  transitionTicketAction: [
    {
      label: "reject a pending change",
      as: "admin",
      input: (f) => ({ ticketId: f.pending.id, to: "rejected", version: f.pending.version, reason: "Not this quarter" }),
      refusedAnyhow: ["to"],
    },
  ],
  updateTicketAction: [
    {
      label: "a change",
      as: "admin",
      input: (f) => ({
        ticketId: f.draft.id,
        version: f.draft.version,
        changes: {
          title: "More memory, please",
          description: "For the database",
          priority: "high",
          dueDate: "2030-01-15",
          scheduledAt: "2030-01-10T09:00:00Z",
          estimatedMinutes: 60,
          deploymentNotes: "Reboot after",
          reviewerId: f.users.manager,
          assetId: f.assetId,
          tags: ["hardware"],
          customerId: f.admin.customer.id,
        },
      }),
      extras: (["dueDate", "scheduledAt"] as const).flatMap((field) => [
        { label: `${field} "0000-01-01"`, input: (f: F) => ({ ticketId: f.draft.id, version: f.draft.version, changes: { [field]: "0000-01-01" } }), expect: { field: ["changes", field] } },
        { label: `${field} "0000-01-01T00:00:00Z"`, input: (f: F) => ({ ticketId: f.draft.id, version: f.draft.version, changes: { [field]: "0000-01-01T00:00:00Z" } }), expect: { field: ["changes", field] } },
      ]),
    },
    {
      label: "a kanban card",
      as: "admin",
      input: (f) => ({ ticketId: f.eng.id, version: f.eng.version, changes: { startDate: "2030-01-01", urgency: "high", importance: "high", type: "task" } }),
      extras: [
        { label: `startDate "0000-01-01"`, input: (f: F) => ({ ticketId: f.eng.id, version: f.eng.version, changes: { startDate: "0000-01-01" } }), expect: { field: ["changes", "startDate"] } },
      ],
    },
  ],
  setAssigneesAction: [
    {
      as: "admin",
      input: (f) => ({ ticketId: f.support.id, version: f.support.version, assigneeIds: [f.users.agent], primaryId: f.users.agent }),
      extras: [
        {
          label: "primaryId outside the assignee list",
          input: (f) => ({ ticketId: f.support.id, version: f.support.version, assigneeIds: [f.users.agent], primaryId: f.users.tech }),
          expect: { field: ["primaryId"] },
        },
      ],
    },
  ],
  acceptTicketAction: [{ as: "admin", input: (f) => ({ ticketId: f.support.id, version: f.support.version }) }],
  transferTicketAction: [{ as: "admin", input: (f) => ({ ticketId: f.support.id, version: f.support.version, toUserId: f.users.agent }) }],
  saveItemsAction: [{ as: "admin", input: (f) => ({ ticketId: f.draft.id, version: f.draft.version, items: [item()] }) }],
  fulfilItemAction: [
    { as: "admin", input: (f) => ({ ticketId: f.inProgress.id, itemId: f.inProgress.itemId, version: f.inProgress.version, fulfilledWith: "DIMM-B2", notes: "Swapped" }) },
  ],
  deleteTicketAction: [{ as: "admin", input: (f) => ({ ticketId: f.support.id, version: f.support.version }) }],
  // Users administration: every variant is refused before anything is written (the bases are not run).
  inviteUserAction: [
    {
      as: "admin",
      input: (f) => ({ email: "probe-invite@acme.test", name: "Probe Invite", roleId: f.roles.requester, projectIds: [f.admin.sup.id] }),
      extras: [{ label: "another organization's project", input: (f) => ({ email: "probe-invite@acme.test", name: "Probe Invite", roleId: f.roles.requester, projectIds: [f.admin.globexProjectId] }), expect: { field: ["projectIds"] } }],
    },
  ],
  // requester2 is not a member of ENG and stays so: the base is a no-op.
  saveUserMembershipsAction: [
    {
      as: "admin",
      input: (f) => ({ userId: f.users.requester2, changes: [{ projectId: f.admin.engProjectId, now: { member: false, triage: false }, seen: { member: false, triage: false } }] }),
      extras: [
        {
          label: "another organization's project",
          input: (f) => ({ userId: f.users.requester2, changes: [{ projectId: f.admin.globexProjectId, now: { member: true, triage: false }, seen: { member: false, triage: false } }] }),
          expect: "refused",
        },
        {
          label: "another organization's user",
          input: (f) => ({ userId: f.users.globexAgent, changes: [{ projectId: f.admin.engProjectId, now: { member: true, triage: false }, seen: { member: false, triage: false } }] }),
          expect: "refused",
        },
        {
          label: "triage without membership",
          input: (f) => ({ userId: f.users.requester2, changes: [{ projectId: f.admin.engProjectId, now: { member: false, triage: true }, seen: { member: false, triage: false } }] }),
          expect: { field: ["changes", 0, "now", "triage"] },
        },
        { label: "no change at all", input: (f) => ({ userId: f.users.requester2, changes: [] }), expect: { field: ["changes"] } },
      ],
    },
  ],
  // Acme's admin: Acme was not registered, so there is no confirmation to resend (refused before anything is written).
  resendConfirmationAction: [{ as: "admin", input: () => ({}) }],
  resendInviteAction: [{ as: "admin", input: (f) => ({ userId: f.users.requester2 }) }],
  changeUserRoleAction: [{ as: "admin", input: (f) => ({ userId: f.users.requester2, roleId: f.roles.agent, expectedRoleId: f.roles.requester }) }],
  deactivateUserAction: [{ as: "admin", input: (f) => ({ userId: f.users.requester2 }) }],
  reactivateUserAction: [{ as: "admin", input: (f) => ({ userId: f.users.requester2 }) }],
  // Signed out by design ("Forgot password?", an invite's or reset's link); replayed here with a session, which they ignore.
  requestPasswordResetAction: [{ as: "requester", input: () => ({ email: "nobody-probe@acme.test" }) }],
  setPasswordWithLinkAction: [{ as: "requester", input: () => ({ token: "A".repeat(43), purpose: "password_reset", password: "probe-password-9", confirmPassword: "probe-password-9" }) }],
  // Self-registration: this server runs as installed (ALLOW_REGISTRATION unset) and Acme has not opened its sign-up page, so even a valid form is refused.
  registerOrganizationAction: [
    {
      as: "requester",
      input: () => ({ organizationName: "Probe Org", name: "Probe Founder", email: "probe-register@acme.test", password: "probe-password-9", confirmPassword: "probe-password-9" }),
      extras: [
        {
          label: "a valid form while registration is off",
          input: () => ({ organizationName: "Probe Org", name: "Probe Founder", email: "probe-register@acme.test", password: "probe-password-9", confirmPassword: "probe-password-9" }),
          expect: "refused",
        },
        {
          label: "passwords that differ",
          input: () => ({ organizationName: "Probe Org", name: "Probe Founder", email: "probe-register@acme.test", password: "probe-password-9", confirmPassword: "probe-password-8" }),
          expect: { field: ["confirmPassword"] },
        },
      ],
    },
  ],
  registerRequesterAction: [
    {
      as: "requester",
      input: () => ({ orgSlug: "acme", name: "Probe Requester", email: "probe-signup@acme.test", password: "probe-password-9", confirmPassword: "probe-password-9" }),
      extras: [
        { label: "a valid form for a closed sign-up page", input: () => ({ orgSlug: "acme", name: "Probe Requester", email: "probe-signup@acme.test", password: "probe-password-9", confirmPassword: "probe-password-9" }), expect: "refused" },
        { label: "a slug that names nothing", input: () => ({ orgSlug: "no-such-org", name: "Probe Requester", email: "probe-signup@acme.test", password: "probe-password-9", confirmPassword: "probe-password-9" }), expect: "refused" },
      ],
    },
  ],
  confirmEmailAction: [{ as: "requester", input: () => ({ token: "A".repeat(43) }), extras: [{ label: "a token that is not one", input: () => ({ token: "../../etc/passwd" }), expect: { field: ["token"] } }] }],
  purgeTicketAction: [{ as: "admin", input: (f) => ({ ticketId: f.support.id, version: f.support.version }) }],
  // Administration (assets, projects, roles, tags, settings): every variant is refused before anything is written (the bases are not run).
  // A base that would change demo data if it were sent unchanged points at the probe rows loadFixture creates (f.admin), repeats what is
  // stored (a no-op), or names a membership that does not exist.
  createAssetAction: [{ as: "admin", input: () => ({ name: "Probe server", tag: "PROBE-NEW-1", location: "Rack 9", kind: "server" }) }],
  updateAssetAction: [
    {
      as: "admin",
      input: (f) => ({ id: f.admin.asset.id, version: f.admin.asset.version, name: "Bad-input probe asset", tag: f.admin.asset.tag, location: "Rack 9", kind: "server" }),
      extras: [{ label: "a tag with a space", input: (f) => ({ id: f.admin.asset.id, version: f.admin.asset.version, name: "Probe", tag: "PROBE 1", kind: "server" }), expect: { field: ["tag"] } }],
    },
  ],
  addComponentAction: [
    { as: "admin", input: (f) => ({ assetId: f.admin.asset.id, version: f.admin.asset.version, componentType: "ram", reference: "Probe DIMM", serial: "SN-1", quantity: 1 }) },
  ],
  updateComponentAction: [
    {
      as: "admin",
      input: (f) => ({ assetId: f.admin.asset.id, version: f.admin.asset.version, componentId: f.admin.asset.componentId, componentType: "ram", reference: "Probe DIMM", serial: "SN-1", quantity: 1 }),
    },
  ],
  removeComponentAction: [{ as: "admin", input: (f) => ({ assetId: f.admin.asset.id, version: f.admin.asset.version, componentId: f.admin.asset.componentId }) }],
  setSlotCapacitiesAction: [
    {
      as: "admin",
      input: (f) => ({ assetId: f.admin.asset.id, version: f.admin.asset.version, capacities: { ram: 4, cpu: 2 } }),
      extras: [
        { label: "an unknown component type", input: (f) => ({ assetId: f.admin.asset.id, version: f.admin.asset.version, capacities: { bogus: 1 } }), expect: { field: ["capacities"] } },
        { label: "a NUL in a component type", input: (f) => ({ assetId: f.admin.asset.id, version: f.admin.asset.version, capacities: { [`ram${NUL}`]: 1 } }), expect: { field: ["capacities"] } },
      ],
    },
  ],
  setAssetRetiredAction: [{ as: "admin", input: (f) => ({ id: f.admin.asset.id, version: f.admin.asset.version, retired: false }) }],
  deleteAssetAction: [{ as: "admin", input: (f) => ({ id: f.admin.asset.id, version: f.admin.asset.version }) }],
  // The settings as stored (10 MB and every type are the installation's defaults: stored as "unset").
  updateOrganizationSettingsAction: [
    {
      as: "admin",
      input: (f) => ({ ...orgSettings(f), updatedAt: f.admin.org.updatedAt }),
      extras: [
        { label: "an unknown time zone", input: (f) => ({ ...orgSettings(f), timeZone: "Mars/Olympus", updatedAt: f.admin.org.updatedAt }), expect: { field: ["timeZone"] } },
        { label: "an unknown file type", input: (f) => ({ ...orgSettings(f), allowedFileTypes: ["exe"], updatedAt: f.admin.org.updatedAt }), expect: { field: ["allowedFileTypes"] } },
        { label: "no file type", input: (f) => ({ ...orgSettings(f), allowedFileTypes: [], updatedAt: f.admin.org.updatedAt }), expect: { field: ["allowedFileTypes"] } },
        { label: "a size over the installation's limit", input: (f) => ({ ...orgSettings(f), attachmentMaxMb: 2000, updatedAt: f.admin.org.updatedAt }), expect: { field: ["attachmentMaxMb"] } },
        { label: "a blank name", input: (f) => ({ ...orgSettings(f), name: "   ", updatedAt: f.admin.org.updatedAt }), expect: { field: ["name"] } },
        { label: "an updatedAt that is not a timestamp", input: (f) => ({ ...orgSettings(f), updatedAt: "0000-01-01T00:00:00Z" }), expect: { field: ["updatedAt"] } },
      ],
    },
  ],
  createProjectAction: [
    {
      as: "admin",
      input: (f) => ({ key: "PROBEX", name: "Probe project", workflow: "support", numbering: "key_sequence", leadId: f.users.agent, description: "Probe" }),
      extras: [
        { label: "a key starting with a digit", input: () => ({ key: "1ABC", name: "Probe project", workflow: "support", numbering: "key_sequence" }), expect: { field: ["key"] } },
        { label: "another organization's lead", input: (f) => ({ key: "PROBEX", name: "Probe project", workflow: "support", numbering: "key_sequence", leadId: f.users.globexAgent }), expect: "refused" },
      ],
    },
  ],
  updateProjectAction: [
    {
      as: "admin",
      input: (f) => ({ projectId: f.admin.sup.id, updatedAt: f.admin.sup.updatedAt, name: f.admin.sup.name, leadId: f.admin.sup.leadId, description: f.admin.sup.description }),
      extras: [
        {
          label: "another organization's lead",
          input: (f) => ({ projectId: f.admin.sup.id, updatedAt: f.admin.sup.updatedAt, name: f.admin.sup.name, leadId: f.users.globexAgent, description: f.admin.sup.description }),
          expect: "refused",
        },
        { label: "another organization's project", input: (f) => ({ projectId: f.admin.globexProjectId, updatedAt: f.admin.sup.updatedAt, name: "Probe", leadId: null, description: "" }), expect: "refused" },
        {
          label: "a key with a NUL",
          input: (f) => ({ projectId: f.admin.sup.id, updatedAt: f.admin.sup.updatedAt, name: f.admin.sup.name, leadId: f.admin.sup.leadId, description: f.admin.sup.description, key: `S${NUL}UP` }),
          expect: { field: ["key"] },
        },
      ],
    },
  ],
  // Sets the state it already has: a no-op.
  archiveProjectAction: [
    {
      as: "admin",
      input: (f) => ({ projectId: f.admin.sup.id, archived: false }),
      extras: [{ label: "another organization's project", input: (f) => ({ projectId: f.admin.globexProjectId, archived: true }), expect: "refused" }],
    },
  ],
  addProjectMemberAction: [
    {
      as: "admin",
      input: (f) => ({ projectId: f.admin.engProjectId, userId: f.users.requester2, triage: false }),
      extras: [
        { label: "another organization's user", input: (f) => ({ projectId: f.admin.engProjectId, userId: f.users.globexAgent, triage: false }), expect: "refused" },
        { label: "another organization's project", input: (f) => ({ projectId: f.admin.globexProjectId, userId: f.users.requester2, triage: false }), expect: "refused" },
      ],
    },
  ],
  // The agent's triage flag as stored: a no-op.
  setMemberTriageAction: [
    {
      as: "admin",
      input: (f) => ({ projectId: f.admin.sup.id, userId: f.users.agent, triage: f.admin.sup.agentTriage }),
      extras: [{ label: "another organization's member", input: (f) => ({ projectId: f.admin.globexProjectId, userId: f.users.globexAgent, triage: false }), expect: "refused" }],
    },
  ],
  // requester2 is not a member of ENG: unchanged, the base is refused too.
  removeProjectMemberAction: [
    {
      as: "admin",
      input: (f) => ({ projectId: f.admin.engProjectId, userId: f.users.requester2 }),
      extras: [{ label: "another organization's member", input: (f) => ({ projectId: f.admin.globexProjectId, userId: f.users.globexAgent }), expect: "refused" }],
    },
  ],
  // The probe role (nobody holds it): never a built-in role, so no variant can take org.manage away from anyone.
  saveRolePermissionsAction: [
    {
      as: "admin",
      input: (f) => ({ roles: [{ id: f.admin.role.id, updatedAt: f.admin.role.updatedAt, permissions: ["ticket.view_own", "ticket.create"] }] }),
      extras: [
        { label: "an unknown permission", input: (f) => ({ roles: [{ id: f.admin.role.id, updatedAt: f.admin.role.updatedAt, permissions: ["org.everything"] }] }), expect: { field: ["roles"] } },
        {
          label: "a role listed twice",
          input: (f) => ({ roles: [0, 1].map(() => ({ id: f.admin.role.id, updatedAt: f.admin.role.updatedAt, permissions: ["ticket.create"] })) }),
          expect: { field: ["roles"] },
        },
        { label: "no role", input: () => ({ roles: [] }), expect: { field: ["roles"] } },
        { label: "another organization's role", input: (f) => ({ roles: [{ id: f.admin.globexRoleId, updatedAt: f.admin.role.updatedAt, permissions: ["ticket.create"] }] }), expect: "refused" },
      ],
    },
  ],
  createRoleAction: [
    {
      as: "admin",
      input: (f) => ({ name: "Probe role new", copyFromId: f.roles.requester }),
      extras: [
        { label: "a name with a symbol", input: () => ({ name: "Probe <role>" }), expect: { field: ["name"] } },
        { label: "copying another organization's role", input: (f) => ({ name: "Probe role new", copyFromId: f.admin.globexRoleId }), expect: "refused" },
      ],
    },
  ],
  // The probe role's own name: a no-op.
  renameRoleAction: [
    {
      as: "admin",
      input: (f) => ({ id: f.admin.role.id, name: f.admin.role.name, updatedAt: f.admin.role.updatedAt }),
      extras: [{ label: "another organization's role", input: (f) => ({ id: f.admin.globexRoleId, name: "Probe renamed", updatedAt: f.admin.role.updatedAt }), expect: "refused" }],
    },
  ],
  deleteRoleAction: [
    {
      as: "admin",
      input: (f) => ({ id: f.admin.role.id }),
      extras: [{ label: "another organization's role", input: (f) => ({ id: f.admin.globexRoleId }), expect: "refused" }],
    },
  ],
  createTagAction: [
    {
      as: "admin",
      input: () => ({ name: "probe-new-tag", color: "#64748b", description: "Probe" }),
      extras: [
        { label: "a colour that is not #rrggbb", input: () => ({ name: "probe-new-tag", color: "red", description: "" }), expect: { field: ["color"] } },
        { label: "a name with a symbol", input: () => ({ name: "probe<tag>", color: "#64748b" }), expect: { field: ["name"] } },
      ],
    },
  ],
  // Contacts administration (customers and contacts): every variant is refused before anything is written (the bases are not run);
  // an edit's base repeats the probe row as stored (a no-op).
  createCustomerAction: [
    {
      as: "admin",
      input: () => ({ name: "Probe customer new", domains: ["probe-new.test"], notes: "Probe" }),
      extras: [
        { label: "a domain that is not one", input: () => ({ name: "Probe customer new", domains: ["not a domain"], notes: "" }), expect: { field: ["domains"] } },
        { label: "a domain another customer claims", input: () => ({ name: "Probe customer new", domains: ["initech.test"], notes: "" }), expect: { field: ["domains"] } },
        { label: "an existing name in other capitals", input: () => ({ name: "INITECH", domains: [], notes: "" }), expect: { field: ["name"] } },
        { label: "21 domains", input: () => ({ name: "Probe customer new", domains: Array.from({ length: 21 }, (_, i) => `d${i}.test`), notes: "" }), expect: { field: ["domains"] } },
      ],
    },
  ],
  updateCustomerAction: [
    {
      as: "admin",
      input: (f) => ({ id: f.admin.customer.id, version: f.admin.customer.version, name: f.admin.customer.name, domains: [f.admin.customer.domain], notes: "Probe" }),
      extras: [
        { label: "another organization's customer", input: (f) => ({ id: f.admin.globexCustomerId, version: 1, name: "Probe", domains: [], notes: "" }), expect: "refused" },
        { label: "a stale version", input: (f) => ({ id: f.admin.customer.id, version: f.admin.customer.version + 1, name: "Probe renamed", domains: [], notes: "" }), expect: "refused" },
      ],
    },
  ],
  deleteCustomerAction: [
    {
      as: "admin",
      input: (f) => ({ id: f.admin.customer2.id }),
      extras: [{ label: "another organization's customer", input: (f) => ({ id: f.admin.globexCustomerId }), expect: "refused" }],
    },
  ],
  createContactAction: [
    {
      as: "admin",
      input: (f) => ({
        name: "Probe contact new",
        email: "probe-new-contact@acme.test",
        phone: "+1 555 0100",
        title: "Probe",
        notes: "Probe",
        customerId: f.admin.customer.id,
        userId: f.users.requester2,
        tags: [f.admin.tag.name],
      }),
      extras: [
        { label: "another organization's customer", input: (f) => ({ name: "Probe contact new", customerId: f.admin.globexCustomerId }), expect: { field: ["customerId"] } },
        { label: "another organization's user", input: (f) => ({ name: "Probe contact new", userId: f.users.globexAgent }), expect: { field: ["userId"] } },
        { label: "a staff user as the requester", input: (f) => ({ name: "Probe contact new", userId: f.users.agent }), expect: { field: ["userId"] } },
        { label: "a tag that does not exist", input: () => ({ name: "Probe contact new", tags: ["no-such-probe-tag"] }), expect: { field: ["tags"] } },
        { label: "an e-mail another contact has", input: () => ({ name: "Probe contact new", email: "alice@umbrella.test" }), expect: { field: ["email"] } },
        { label: "a phone of words", input: () => ({ name: "Probe contact new", phone: "call me" }), expect: { field: ["phone"] } },
      ],
    },
  ],
  updateContactAction: [
    {
      as: "admin",
      input: (f) => ({
        id: f.admin.contact.id,
        version: f.admin.contact.version,
        name: f.admin.contact.name,
        email: f.admin.contact.email,
        phone: null,
        title: null,
        notes: "",
        customerId: f.admin.customer.id,
        userId: null,
        tags: [f.admin.tag.name],
      }),
      extras: [
        { label: "another organization's customer", input: (f) => ({ id: f.admin.contact.id, version: f.admin.contact.version, name: "Probe", customerId: f.admin.globexCustomerId }), expect: { field: ["customerId"] } },
        { label: "a stale version", input: (f) => ({ id: f.admin.contact.id, version: f.admin.contact.version + 1, name: "Probe renamed" }), expect: "refused" },
      ],
    },
  ],
  deleteContactAction: [{ as: "admin", input: (f) => ({ id: f.admin.contact2.id }) }],
  // The probe tag as stored: a no-op.
  updateTagAction: [{ as: "admin", input: (f) => ({ id: f.admin.tag.id, version: f.admin.tag.version, name: f.admin.tag.name, color: "#64748b", description: "Probe" }) }],
  deleteTagAction: [{ as: "admin", input: (f) => ({ id: f.admin.tag2.id }) }],
  // Teams: the probe teams (f.admin.team has the manager as its one member); every base is refused or a no-op.
  createTeamAction: [
    {
      as: "admin",
      input: () => ({ name: "Probe new team", description: "Probe" }),
      extras: [{ label: "a name on two lines", input: () => ({ name: "Probe\nteam", description: "" }), expect: { field: ["name"] } }],
    },
  ],
  // The probe team as stored: a no-op.
  updateTeamAction: [
    {
      as: "admin",
      input: (f) => ({ id: f.admin.team.id, version: f.admin.team.version, name: f.admin.team.name, description: "Probe" }),
      extras: [
        { label: "another organization's team", input: (f) => ({ id: f.admin.globexTeamId, version: 1, name: "Probe renamed", description: "" }), expect: "refused" },
        { label: "the name of another team, in another case", input: (f) => ({ id: f.admin.team.id, version: f.admin.team.version, name: "SERVICE DESK", description: "" }), expect: { field: ["name"] } },
      ],
    },
  ],
  deleteTeamAction: [
    {
      as: "admin",
      input: (f) => ({ id: f.admin.team2.id, version: f.admin.team2.version }),
      extras: [{ label: "another organization's team", input: (f) => ({ id: f.admin.globexTeamId, version: 1 }), expect: "refused" }],
    },
  ],
  // The manager is already a member: refused.
  addTeamMemberAction: [
    {
      as: "admin",
      input: (f) => ({ teamId: f.admin.team.id, userId: f.users.manager }),
      extras: [
        { label: "a requester", input: (f) => ({ teamId: f.admin.team.id, userId: f.users.requester2 }), expect: { field: ["userId"] } },
        { label: "another organization's team", input: (f) => ({ teamId: f.admin.globexTeamId, userId: f.users.agent }), expect: "refused" },
      ],
    },
  ],
  // requester2 is not a member: refused.
  removeTeamMemberAction: [
    {
      as: "admin",
      input: (f) => ({ teamId: f.admin.team.id, userId: f.users.requester2 }),
      extras: [{ label: "another organization's team", input: (f) => ({ teamId: f.admin.globexTeamId, userId: f.users.globexAgent }), expect: "refused" }],
    },
  ],
  // SUP's default team as stored: a no-op.
  setProjectDefaultTeamAction: [
    {
      as: "admin",
      input: (f) => ({ projectId: f.admin.sup.id, updatedAt: f.admin.sup.updatedAt, teamId: f.admin.supDefaultTeamId }),
      extras: [
        { label: "another organization's team", input: (f) => ({ projectId: f.admin.sup.id, updatedAt: f.admin.sup.updatedAt, teamId: f.admin.globexTeamId }), expect: "refused" },
        { label: "another organization's project", input: (f) => ({ projectId: f.admin.globexProjectId, updatedAt: f.admin.sup.updatedAt, teamId: null }), expect: "refused" },
      ],
    },
  ],
  // The probe ticket's own team: a no-op.
  setTicketTeamAction: [
    {
      as: "admin",
      input: (f) => ({ ticketId: f.support.id, version: f.support.version, teamId: f.admin.supportTeamId, reason: "Probe" }),
      extras: [{ label: "another organization's team", input: (f) => ({ ticketId: f.support.id, version: f.support.version, teamId: f.admin.globexTeamId, reason: "" }), expect: "refused" }],
    },
  ],
  // The admin is not in the probe ticket's team: refused.
  acceptForTeamAction: [{ as: "admin", input: (f) => ({ ticketId: f.support.id, version: f.support.version }) }],
  mergeTagsAction: [
    {
      as: "admin",
      input: (f) => ({ sourceId: f.admin.tag.id, target: f.admin.tag2.name }),
      extras: [
        { label: "a target that does not exist", input: (f) => ({ sourceId: f.admin.tag.id, target: "no-such-probe-tag" }), expect: { field: ["target"] } },
        { label: "a tag merged into itself", input: (f) => ({ sourceId: f.admin.tag.id, target: f.admin.tag.name }), expect: { field: ["target"] } },
      ],
    },
  ],
};

/** /admin/settings' form as the organization stores it now. */
const orgSettings = (f: F) => ({
  name: f.admin.org.name,
  timeZone: f.admin.org.timeZone,
  defaultPriority: f.admin.org.defaultPriority,
  requestersMayCreateTags: f.admin.org.requestersMayCreateTags,
  requestersMayRegister: f.admin.org.requestersMayRegister,
  attachmentMaxMb: 10,
  allowedFileTypes: ["pdf", "png", "jpg", "jpeg", "doc", "docx", "xls", "xlsx", "txt", "csv", "log"],
});

// ─── Variants generated from each base's shape ──────────────────────────────

interface ActionCase {
  title: string;
  action: string;
  as: Who;
  input: (f: F) => unknown;
  expect: Expectation;
  /** For another organization's id: the answer must equal the one for an unknown id (no existence oracle). */
  sameAs?: (f: F) => unknown;
}

const TICKET_FIELD = /^(ticketId|ticketIds|parentId|targetId|otherId|afterId|sourceId)$/;
const USER_FIELD = /^(assigneeId|assigneeIds|primaryId|reviewerId|toUserId)$/;
const UNKNOWN_ID = "0196f5a0-0000-7000-8000-00000000beef";

function globexIdFor(fieldPath: (string | number)[], f: F): string | null {
  const name = String(fieldPath.filter((p) => typeof p === "string").pop());
  if (TICKET_FIELD.test(name)) return f.globexTicket;
  if (USER_FIELD.test(name)) return f.users.globexAdmin;
  return null;
}

function actionCases(): ActionCase[] {
  const out: ActionCase[] = [];
  for (const [action, bases] of Object.entries(ACTIONS)) {
    for (const b of bases) {
      const name = b.label ? `${action} (${b.label})` : action;
      const add = (what: string, input: (f: F) => unknown, expectation: Expectation, sameAs?: (f: F) => unknown) => {
        const wants = expectation === "refused" ? "refused" : expectation === "not-internal" ? "no 500, no write" : "field message";
        out.push({ title: `[bad input] server action ${name} as ${b.as}: ${what} → ${wants}`, action, as: b.as, input, expect: expectation, sameAs });
      };
      // The whole argument.
      add("an unknown key (organizationId)", (f) => ({ ...b.input(f), organizationId: f.globexOrg }), { field: ["organizationId"] });
      add("a string instead of an object", () => "garbage", "refused");
      add("null instead of an object", () => null, "refused");
      add("a list instead of an object", (f) => [b.input(f)], "refused");

      for (const leaf of walk(b.input(DUMMY))) {
        const p = leaf.path;
        const at = p.map(String).join(".");
        const set = (v: unknown) => (f: F) => withLeaf(b.input(f), p, v);
        const setFn = (fn: (current: unknown) => unknown) => (f: F) => {
          const input = b.input(f);
          const current = walk(input).find((l) => l.path.join(".") === p.join("."))?.value;
          return withLeaf(input, p, fn(current));
        };
        const field = { field: p };
        const v = leaf.value;
        if (typeof v === "string" && UUID_RE.test(v)) {
          add(`NUL in ${at}`, setFn((c) => `${c}${NUL}`), field);
          add(`a malformed id in ${at}`, set("not-a-uuid"), field);
          add(`a number in ${at}`, set(42), field);
          add(`an unknown id in ${at}`, set(UNKNOWN_ID), "not-internal");
          if (globexIdFor(p, DUMMY)) {
            add(`another organization's id in ${at}`, (f) => withLeaf(b.input(f), p, globexIdFor(p, f)), "not-internal", set(UNKNOWN_ID));
          }
        } else if (typeof v === "string") {
          const textExpect: Expectation = b.refusedAnyhow?.includes(at) ? "refused" : field;
          if (!b.normalised?.includes(at)) {
            add(`NUL in ${at}`, setFn((c) => `${String(c).slice(0, 1)}${NUL}${String(c).slice(1)}`), textExpect);
            add(`a lone surrogate in ${at}`, setFn((c) => `${String(c).slice(0, 1)}${LONE_SURROGATE}${String(c).slice(1)}`), textExpect);
          }
          add(`${OVERSIZED.toLocaleString("en")} characters in ${at}`, set("x".repeat(OVERSIZED)), field);
          add(`a number in ${at}`, set(42), field);
        } else if (typeof v === "number") {
          add(`-1 in ${at}`, set(-1), field);
          add(`a string in ${at}`, set("abc"), field);
          add(`2^31 in ${at}`, set(2 ** 31), "not-internal");
        } else if (typeof v === "boolean") {
          add(`a string in ${at}`, set("yes"), field);
        } else if (v === null) {
          add(`an object in ${at}`, set({}), field);
        } else if (Array.isArray(v)) {
          add(`a string instead of the list ${at}`, set("x"), field);
        } else if (v && typeof v === "object") {
          add(`a string instead of the object ${at}`, set("x"), field);
        }
      }
      for (const e of b.extras ?? []) add(e.label, e.input, e.expect);
    }
  }
  return out;
}

// ─── Pages and route handlers ───────────────────────────────────────────────

const APP_PATHS = sourceAppPaths();
const PAGES = APP_PATHS.filter((p) => p.endsWith("/page")).map(routeOf);
const ROUTES = APP_PATHS.filter((p) => p.endsWith("/route")).map(routeOf);

/** Valid values for each dynamic segment (Acme's demo data). */
const GOOD_PARAMS: Record<string, string> = { number: "SUP-1", projectKey: "ENG", id: UNKNOWN_ID, nextauth: "session", token: "A".repeat(43), key: "SUP", orgSlug: "acme" };
const BAD_PATH_VALUES: [string, string][] = [
  ["a malformed %-escape (%E0)", "%E0"],
  ["a lone %", "%"],
  ["an encoded NUL (%00)", "SUP-1%00"],
  ["a lone-surrogate escape (%ED%A0%80)", "%ED%A0%80"],
  ["10,000 characters", "A".repeat(10_000)],
  ["an encoded path (..%2F..%2Fetc)", "..%2F..%2Fetc"],
];

/** Query parameters each page reads (app/**\/page.tsx); every page also gets `q`. */
const PAGE_PARAMS: Record<string, string[]> = {
  "/desk": ["q", "cursor", "sort", "dir", "state", "status", "priority", "type", "project", "assignee", "requester", "team", "tag", "customer", "createdFrom", "updatedTo", "box"],
  "/board/[projectKey]": ["q", "assignee", "team", "tag", "type"],
  "/portal": ["cursor", "state"],
  "/login": ["callbackUrl"],
  "/admin/users": ["q", "role", "status", "after", "before"],
  "/admin/assets": ["q", "after"],
  "/admin/projects": ["q", "page"],
  "/admin/projects/[key]": ["q", "page"],
  "/admin/tags": ["q", "page"],
  "/admin/teams": ["q", "page"],
  "/admin/teams/[id]": ["q", "page"],
  "/admin/contacts": ["cq", "cafter", "cbefore", "q", "customer", "after", "before"],
  "/admin/audit": ["action", "actor", "from", "to", "tz", "older", "newer"],
  "/admin/tokens": ["before"],
};
const BAD_QUERY_VALUES: [string, string][] = [
  ["%00", "%00"],
  ["a malformed %-escape (%E0)", "%E0"],
  ["a lone-surrogate escape (%ED%A0%80)", "%ED%A0%80"],
  ["10,000 characters", "x".repeat(10_000)],
  ["a NUL inside a value (a%00b)", "a%00b"],
];
const EXTRA_QUERIES: Record<string, [string, string][]> = {
  "/desk": [
    ["repeated params (?q=a&q=b&sort=number&sort=priority)", "q=a&q=b&sort=number&sort=priority"],
    ["a crafted cursor with a garbage date and a 36-dash id", `cursor=${cursorOf(["updated", "garbage", DASHES])}`],
    ["a crafted cursor carrying a NUL", `cursor=${cursorOf(["updated", `2026-01-01T00:00:00.000Z${NUL}`, "0196f5a0-0000-7000-8000-000000000001"])}`],
    ["a crafted number-sort cursor with a string number", `sort=number&cursor=${cursorOf(["number", "x", "0196f5a0-0000-7000-8000-000000000001"])}`],
    ["createdFrom 0000-01-01", "createdFrom=0000-01-01"],
    ["tag with a NUL", "tag=a%00b"],
    ["a 36-dash customer", `customer=${DASHES}`],
    ["21 customers", `customer=${Array.from({ length: 21 }, () => UNKNOWN_ID).join(",")}`],
    ["a state that is neither open nor all", "state=closed"],
  ],
  "/portal": [
    ["a crafted cursor with a 36-dash id", `cursor=${cursorOf(["2026-01-01T00:00:00.000Z", DASHES])}`],
    ["a crafted cursor with a garbage date", `cursor=${cursorOf(["garbage", "0196f5a0-0000-7000-8000-000000000001"])}`],
    ["a cursor that is not base64 JSON", "cursor=%%%25"],
  ],
  "/board/[projectKey]": [["repeated params (?q=a&q=b)", "q=a&q=b"]],
  "/admin/users": [
    ["a crafted cursor with a 36-dash id", `after=${cursorOf(["Alice", DASHES])}`],
    ["a crafted cursor carrying a NUL", `before=${cursorOf([`Al${NUL}ice`, "0196f5a0-0000-7000-8000-000000000001"])}`],
    ["a cursor that is not base64 JSON", "after=%%%25"],
    ["LIKE wildcards in q", "q=%25_%5C"],
    ["repeated params (?q=a&q=b&status=x&status=active)", "q=a&q=b&status=x&status=active"],
  ],
  "/admin/assets": [
    ["a crafted cursor with a 36-dash id", `after=${cursorOf(["SRV-001", DASHES])}`],
    ["a crafted cursor carrying a NUL", `after=${cursorOf([`SRV${NUL}-001`, "0196f5a0-0000-7000-8000-000000000001"])}`],
    ["a crafted cursor carrying a lone surrogate", `after=${cursorOf([`SRV${LONE_SURROGATE}-001`, "0196f5a0-0000-7000-8000-000000000001"])}`],
    ["a cursor that is not base64 JSON", "after=%%%25"],
    ["LIKE wildcards in q", "q=%25_%5C"],
  ],
  "/admin/projects": [
    ["page 2^31", `page=${2 ** 31}`],
    ["page -1", "page=-1"],
    ["LIKE wildcards in q", "q=%25_%5C"],
  ],
  "/admin/projects/[key]": [
    ["page 2^31", `page=${2 ** 31}`],
    ["LIKE wildcards in q", "q=%25_%5C"],
  ],
  "/admin/tags": [
    ["page 2^31", `page=${2 ** 31}`],
    ["page -1", "page=-1"],
    ["LIKE wildcards in q", "q=%25_%5C"],
    ["repeated params (?q=a&q=b&page=2&page=x)", "q=a&q=b&page=2&page=x"],
  ],
  "/admin/teams": [
    ["page 2^31", `page=${2 ** 31}`],
    ["page -1", "page=-1"],
    ["LIKE wildcards in q", "q=%25_%5C"],
    ["repeated params (?q=a&q=b&page=2&page=x)", "q=a&q=b&page=2&page=x"],
  ],
  "/admin/contacts": [
    ["a crafted contacts cursor with a 36-dash id", `after=${cursorOf(["Alice", DASHES])}`],
    ["a crafted contacts cursor carrying a NUL", `before=${cursorOf([`Al${NUL}ice`, "0196f5a0-0000-7000-8000-000000000001"])}`],
    ["a crafted customers cursor with a 36-dash id", `cafter=${cursorOf(["Initech", DASHES])}`],
    ["a crafted customers cursor carrying a lone surrogate", `cbefore=${cursorOf([`Ini${LONE_SURROGATE}tech`, "0196f5a0-0000-7000-8000-000000000001"])}`],
    ["a cursor that is not base64 JSON", "after=%%%25&cafter=%%%25"],
    ["a 36-dash customer", `customer=${DASHES}`],
    ["an unknown customer", `customer=${UNKNOWN_ID}`],
    ["LIKE wildcards in both searches", "q=%25_%5C&cq=%25_%5C"],
    ["repeated params (?q=a&q=b&customer=x&customer=y)", "q=a&q=b&customer=x&customer=y"],
  ],
  "/admin/audit": [
    ["from 0000-01-01", "from=0000-01-01"],
    ["to before from", "from=2026-02-01&to=2026-01-01"],
    ["an unknown time zone", "from=2026-01-01&tz=Mars%2FOlympus"],
    ["a malformed actor id", "actor=not-a-uuid"],
    ["a 36-dash actor id", `actor=${DASHES}`],
    ["a crafted older cursor with a garbage date and a 36-dash id", `older=garbage_${DASHES}`],
    ["a crafted older cursor in year 0000", `older=0000-01-01T00:00:00.000Z_${UNKNOWN_ID}`],
    ["a crafted newer cursor carrying a NUL", `newer=2026-01-01T00:00:00.000Z%00_${UNKNOWN_ID}`],
    ["a crafted newer cursor with a third part", `newer=2026-01-01T00:00:00.000Z_${UNKNOWN_ID}_x`],
    ["a cursor that is not a cursor", "older=%%%25"],
    ["LIKE wildcards in action", "action=%25_%5C"],
    ["repeated params (?action=a&action=b&from=x&from=2026-01-01)", "action=a&action=b&from=x&from=2026-01-01"],
  ],
  "/admin/tokens": [
    ["a malformed cursor", "before=not-a-uuid"],
    ["a 36-dash cursor", `before=${DASHES}`],
    ["an unknown cursor", `before=${UNKNOWN_ID}`],
    ["a cursor with a NUL", `before=${UNKNOWN_ID}%00`],
    ["repeated params (?before=a&before=b)", `before=${UNKNOWN_ID}&before=x`],
  ],
};

interface HttpCase {
  title: string;
  as: Who | "anonymous";
  run: (ctx: APIRequestContext, f: F) => Promise<HttpAnswer>;
  /** "404": exactly 404; "4xx": 400–499; "<500": anything below 500 (a page with a message). */
  expect: "404" | "4xx" | "<500";
  /** New AuditLog rows allowed (the export records itself when it runs). */
  audit?: (answer: HttpAnswer) => number;
  /** The action of those rows (default desk.export). */
  auditAction?: string;
}
interface HttpAnswer {
  status: number;
  /** The body could not be read to its end (the server aborted the stream). */
  aborted?: string;
  body: string;
}

async function get(ctx: APIRequestContext, url: string, init: { method?: string; headers?: Record<string, string>; data?: string | Buffer } = {}): Promise<HttpAnswer> {
  let res;
  try {
    res = await ctx.fetch(url, { method: init.method ?? "GET", headers: init.headers, data: init.data, maxRedirects: 0, failOnStatusCode: false });
  } catch (e) {
    // The server sent its headers (or nothing) and then reset the connection.
    return { status: 0, aborted: (e as Error).message.split("\n")[0]!, body: "" };
  }
  try {
    return { status: res.status(), body: (await res.body()).toString("utf8").slice(0, 2_000) };
  } catch (e) {
    return { status: res.status(), aborted: (e as Error).message.split("\n")[0], body: "" };
  }
}

/**
 * The live stream (GET /api/live) never ends when it opens: its status and
 * headers are the answer. Read with the context's cookies, then let go.
 */
async function streamHead(ctx: APIRequestContext, url: string): Promise<HttpAnswer> {
  const cookie = (await ctx.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), 10_000);
  try {
    const r = await fetch(new URL(url, baseURL), { headers: { cookie }, signal: ac.signal, redirect: "manual" });
    const streaming = (r.headers.get("content-type") ?? "").includes("text/event-stream");
    return { status: r.status, body: streaming ? "" : (await r.text()).slice(0, 2_000) };
  } catch (e) {
    return { status: 0, aborted: (e as Error).message.split("\n")[0]!, body: "" };
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
}

function pageCases(): HttpCase[] {
  const out: HttpCase[] = [];
  for (const route of PAGES) {
    for (const who of ["admin", "requester"] as const) {
      const params = route.match(/\[(?:\.\.\.)?([^\]]+)\]/g)?.map((m) => m.slice(1, -1).replace("...", "")) ?? [];
      for (const param of params) {
        for (const [label, value] of BAD_PATH_VALUES) {
          const url = fillRoute(route, { ...GOOD_PARAMS, [param]: value });
          out.push({ title: `[bad input] page ${route} as ${who}: ${label} in [${param}] → 404`, as: who, expect: "404", run: (ctx) => get(ctx, url) });
        }
      }
      const base = fillRoute(route, GOOD_PARAMS);
      for (const key of PAGE_PARAMS[route] ?? ["q"]) {
        for (const [label, value] of BAD_QUERY_VALUES) {
          out.push({ title: `[bad input] page ${route} as ${who}: ?${key}= ${label} → no 500`, as: who, expect: "<500", run: (ctx) => get(ctx, `${base}?${key}=${value}`) });
        }
      }
      for (const [label, qs] of EXTRA_QUERIES[route] ?? []) {
        out.push({ title: `[bad input] page ${route} as ${who}: ${label} → no 500`, as: who, expect: "<500", run: (ctx) => get(ctx, `${base}?${qs}`) });
      }
    }
  }
  return out;
}

const exportAudit = (a: HttpAnswer) => (a.status === 200 ? 1 : 0);

function routeCases(): HttpCase[] {
  const out: HttpCase[] = [];
  const add = (c: HttpCase) => out.push(c);
  // /desk/export: the desk's query, streamed as CSV; a refused filter must be a 4xx before anything streams.
  for (const [label, qs] of [
    ["q with a NUL", "q=%00"],
    ["q=SUP-1%00", "q=SUP-1%00"],
    ["tag with a NUL", "tag=a%00b"],
    ["createdFrom 0000-01-01", "createdFrom=0000-01-01"],
  ] as const) {
    add({ title: `[bad input] route /desk/export as admin: ${label} → 4xx before streaming`, as: "admin", expect: "4xx", run: (ctx) => get(ctx, `/desk/export?${qs}`) });
  }
  for (const [label, qs] of [
    ["a malformed %-escape in q", "q=%E0"],
    // URLSearchParams decodes %ED%A0%80 to three U+FFFD: a valid (if odd) search.
    ["a lone-surrogate escape in q", "q=%ED%A0%80"],
    ["10,000 characters in q", `q=${"x".repeat(10_000)}`],
    ["repeated and unknown params", "status=open&status=bogus&sort=bogus&dir=sideways&box=nope"],
    ["a crafted cursor (ignored by the export)", `cursor=${cursorOf(["updated", "garbage", DASHES])}`],
  ] as const) {
    add({ title: `[bad input] route /desk/export as admin: ${label} → no 500, complete`, as: "admin", expect: "<500", audit: exportAudit, run: (ctx) => get(ctx, `/desk/export?${qs}`) });
  }
  add({ title: "[bad input] route /desk/export as requester: q with a NUL → 404", as: "requester", expect: "404", run: (ctx) => get(ctx, "/desk/export?q=%00") });
  // Signed out, the proxy sends every desk URL to /login (307) before the route runs.
  add({ title: "[bad input] route /desk/export signed out: q with a NUL → no 500 (sign-in redirect)", as: "anonymous", expect: "<500", run: (ctx) => get(ctx, "/desk/export?q=%00") });

  // /api/tickets/search: the link picker.
  for (const [label, qs] of [
    ["q=SUP-1%00", "q=SUP-1%00"],
    ["q with words and a NUL", "q=printer%00jam"],
    ["10,000 characters in q", `q=${"x".repeat(10_000)}`],
    ["a malformed exclude id", "q=printer&exclude=not-a-uuid"],
    ["a NUL in exclude", "q=printer&exclude=%00"],
    ["a 36-dash exclude", `q=printer&exclude=${DASHES}`],
  ] as const) {
    add({ title: `[bad input] route /api/tickets/search as admin: ${label} → 4xx`, as: "admin", expect: "4xx", run: (ctx) => get(ctx, `/api/tickets/search?${qs}`) });
  }
  // A NUL alone or a lone surrogate may equally be an empty result list (200) or a 400; never a 500.
  for (const [label, qs] of [
    ["a malformed %-escape in q", "q=%E0"],
    ["q that is only a NUL", "q=%00"],
    ["a lone-surrogate escape in q", "q=%ED%A0%80"],
  ] as const) {
    add({ title: `[bad input] route /api/tickets/search as admin: ${label} → no 500`, as: "admin", expect: "<500", run: (ctx) => get(ctx, `/api/tickets/search?${qs}`) });
  }
  add({ title: "[bad input] route /api/tickets/search as requester: q=SUP-1%00 → 4xx", as: "requester", expect: "4xx", run: (ctx) => get(ctx, "/api/tickets/search?q=SUP-1%00") });

  // /api/staff/search and /api/tags/search: the people and tag pickers, as you type.
  for (const [label, qs] of [
    ["a NUL in q", "q=ma%00ria"],
    ["10,000 characters in q", `q=${"x".repeat(10_000)}`],
    ["an unknown purpose", "q=ma&for=everyone"],
    ["a limit over 20", "q=ma&limit=21"],
    ["a limit that is not a number", "q=ma&limit=lots"],
    ["a malformed ticket id", "q=ma&for=mention&ticket=not-a-uuid"],
    ["a 36-dash ticket id", `q=ma&for=mention&ticket=${DASHES}`],
    ["a NUL in the ticket id", "q=ma&for=mention&ticket=%00"],
  ] as const) {
    add({ title: `[bad input] route /api/staff/search as admin: ${label} → 4xx`, as: "admin", expect: "4xx", run: (ctx) => get(ctx, `/api/staff/search?${qs}`) });
  }
  add({ title: "[bad input] route /api/staff/search as admin: another organization's ticket → 404", as: "admin", expect: "404", run: (ctx, f) => get(ctx, `/api/staff/search?q=a&for=mention&ticket=${f.globexTicket}`) });
  add({ title: "[bad input] route /api/staff/search as requester: q with a NUL → 404", as: "requester", expect: "404", run: (ctx) => get(ctx, "/api/staff/search?q=%00") });
  for (const [label, qs] of [
    ["a NUL in q", "q=hard%00ware"],
    ["10,000 characters in q", `q=${"x".repeat(10_000)}`],
    ["a lone-surrogate escape in q", "q=%ED%A0%80"],
  ] as const) {
    add({ title: `[bad input] route /api/tags/search as admin: ${label} → no 500`, as: "admin", expect: "<500", run: (ctx) => get(ctx, `/api/tags/search?${qs}`) });
  }
  add({ title: "[bad input] route /api/tags/search as requester: q with a NUL → 404", as: "requester", expect: "404", run: (ctx) => get(ctx, "/api/tags/search?q=%00") });

  // /api/assets/search: the target-asset picker (staff, and requesters who may open a change).
  for (const [label, qs] of [
    ["a NUL in q", "q=srv%00"],
    ["10,000 characters in q", `q=${"x".repeat(10_000)}`],
  ] as const) {
    add({ title: `[bad input] route /api/assets/search as admin: ${label} → 4xx`, as: "admin", expect: "4xx", run: (ctx) => get(ctx, `/api/assets/search?${qs}`) });
  }
  for (const [label, qs] of [
    ["a malformed %-escape in q", "q=%E0"],
    ["a lone-surrogate escape in q", "q=%ED%A0%80"],
    ["LIKE wildcards in q", "q=%25_%5C"],
    ["q given twice", "q=srv&q=db"],
  ] as const) {
    add({ title: `[bad input] route /api/assets/search as admin: ${label} → no 500`, as: "admin", expect: "<500", run: (ctx) => get(ctx, `/api/assets/search?${qs}`) });
  }
  add({ title: "[bad input] route /api/assets/search as requester: q with a NUL → 4xx", as: "requester", expect: "4xx", run: (ctx) => get(ctx, "/api/assets/search?q=%00") });
  add({ title: "[bad input] route /api/assets/search as Globex requester (no change project): → 404", as: "anonymous", expect: "404", run: async () => get(await sessionFor("globexRequester"), "/api/assets/search?q=srv") });

  // /api/assets/[id]/components: the change form's installed-component picker (issue 14).
  for (const [label, value] of BAD_PATH_VALUES) {
    add({ title: `[bad input] route /api/assets/[id]/components as admin: ${label} in [id] → 404`, as: "admin", expect: "404", run: (ctx) => get(ctx, `/api/assets/${value}/components`) });
  }
  for (const [label, qs] of [
    ["a NUL in q", "q=onb%00oard"],
    ["10,000 characters in q", `q=${"x".repeat(10_000)}`],
  ] as const) {
    add({ title: `[bad input] route /api/assets/[id]/components as requester: ${label} → 4xx`, as: "requester", expect: "4xx", run: (ctx, f) => get(ctx, `/api/assets/${f.assetId}/components?${qs}`) });
  }
  for (const [label, qs] of [
    ["a malformed %-escape in q", "q=%E0"],
    ["a lone-surrogate escape in q", "q=%ED%A0%80"],
    ["LIKE wildcards in q", "q=%25_%5C"],
    ["q given twice", "q=nic&q=ram"],
  ] as const) {
    add({ title: `[bad input] route /api/assets/[id]/components as admin: ${label} → no 500`, as: "admin", expect: "<500", run: (ctx, f) => get(ctx, `/api/assets/${f.assetId}/components?${qs}`) });
  }
  add({ title: "[bad input] route /api/assets/[id]/components as admin: an unknown asset → 404", as: "admin", expect: "404", run: (ctx) => get(ctx, `/api/assets/${UNKNOWN_ID}/components`) });
  add({ title: "[bad input] route /api/assets/[id]/components as Globex admin: Acme's asset → 404", as: "anonymous", expect: "404", run: async (_ctx, f) => get(await sessionFor("globexAdmin"), `/api/assets/${f.assetId}/components`) });

  // /api/live: a page's live stream; a topic that names nothing (or is malformed) is just not heard (issue 14).
  for (const [label, qs] of [
    ["a NUL in ticket", "ticket=SUP-1%00"],
    ["a malformed %-escape in ticket", "ticket=%E0"],
    ["10,000 characters in ticket", `ticket=${"A".repeat(10_000)}`],
    ["a desk view with a NUL and a crafted cursor", "desk=q%3D%2500%26cursor%3Dgarbage"],
    ["a lone-surrogate escape in board", "board=%ED%A0%80"],
    ["another organization's board key and a path in board", "board=..%2F..%2Fetc"],
    ["topics given twice", "ticket=SUP-1&ticket=SUP-2&portal=1&portal=yes"],
  ] as const) {
    add({ title: `[bad input] route /api/live as admin: ${label} → no 500`, as: "admin", expect: "<500", run: (ctx) => streamHead(ctx, `/api/live?${qs}`) });
    add({ title: `[bad input] route /api/live as requester: ${label} → no 500`, as: "requester", expect: "<500", run: (ctx) => streamHead(ctx, `/api/live?${qs}`) });
  }
  add({ title: "[bad input] route /api/live signed out: → no stream, no 500 (sent to sign in)", as: "anonymous", expect: "<500", run: (ctx) => streamHead(ctx, "/api/live?ticket=SUP-1") });

  // /api/live/presence: a staff composer saying its author is writing.
  const presence = (body: string) => ({ method: "POST", headers: { "Content-Type": "application/json" }, data: body });
  for (const [label, body] of [
    ["a body that is not JSON", "{ticketId:"],
    ["a malformed ticket id", JSON.stringify({ ticketId: "SUP-1", replying: true })],
    ["replying that is not a boolean", JSON.stringify({ ticketId: UNKNOWN_ID, replying: "yes" })],
    ["an unknown ticket", JSON.stringify({ ticketId: UNKNOWN_ID, replying: true })],
  ] as const) {
    add({ title: `[bad input] route /api/live/presence as admin: ${label} → 4xx`, as: "admin", expect: "4xx", run: (ctx) => get(ctx, "/api/live/presence", presence(body)) });
  }
  add({ title: "[bad input] route /api/live/presence as requester: → 404 (staff only)", as: "requester", expect: "404", run: (ctx) => get(ctx, "/api/live/presence", presence(JSON.stringify({ ticketId: UNKNOWN_ID, replying: true }))) });

  // /api/board/[projectKey]/cards: the cards a live board reads again.
  for (const [label, value] of BAD_PATH_VALUES) {
    add({ title: `[bad input] route /api/board/[projectKey]/cards as admin: ${label} in [projectKey] → 404`, as: "admin", expect: "404", run: (ctx) => get(ctx, `/api/board/${value}/cards?ids=${UNKNOWN_ID}`) });
  }
  for (const [label, qs] of [
    ["malformed ids", "ids=x,%00,SUP-1"],
    ["10,000 characters of ids", `ids=${"a,".repeat(5_000)}`],
    ["a NUL in the board search", `ids=${UNKNOWN_ID}&q=a%00b`],
    ["garbage filters", `ids=${UNKNOWN_ID}&assignee=%E0&type=bogus&totals=maybe`],
  ] as const) {
    add({ title: `[bad input] route /api/board/[projectKey]/cards as admin: ${label} → no 500`, as: "admin", expect: "<500", run: (ctx) => get(ctx, `/api/board/ENG/cards?${qs}`) });
  }
  add({ title: "[bad input] route /api/board/[projectKey]/cards as requester: → 404", as: "requester", expect: "404", run: (ctx) => get(ctx, `/api/board/SUP/cards?ids=${UNKNOWN_ID}`) });

  // /api/desk/boxes: the desk's counts, read again live.
  add({ title: "[bad input] route /api/desk/boxes as requester: → 404", as: "requester", expect: "404", run: (ctx) => get(ctx, "/api/desk/boxes") });
  add({ title: "[bad input] route /api/desk/boxes as admin: a stray query → no 500", as: "admin", expect: "<500", run: (ctx) => get(ctx, "/api/desk/boxes?x=%00") });

  // /api/changes/check-items: each item row checked as it is typed (issue 14).
  const check = (body: string) => ({ method: "POST", headers: { "Content-Type": "application/json" }, data: body });
  for (const [label, body] of [
    ["a body that is not JSON", "{items:"],
    ["items that are not a list", JSON.stringify({ items: "x" })],
    ["51 items", JSON.stringify({ items: Array.from({ length: 51 }, () => ({})) })],
    ["a malformed asset id", JSON.stringify({ assetId: "not-a-uuid", items: [] })],
    ["an asset id with a NUL", JSON.stringify({ assetId: "\u0000", items: [] })],
    ["an unknown field", JSON.stringify({ items: [], ticketId: UNKNOWN_ID })],
  ] as const) {
    add({ title: `[bad input] route /api/changes/check-items as requester: ${label} → 4xx`, as: "requester", expect: "4xx", run: (ctx) => get(ctx, "/api/changes/check-items", check(body)) });
  }
  for (const [label, item] of [
    ["a NUL in a value", { action: "replace", componentType: "nic", quantity: "1", currentValue: "Onboard\u00001GbE", requestedValue: "X710" }],
    ["a lone surrogate in a value", { action: "modify", componentType: "nic", quantity: "1", requestedValue: "\ud800" }],
    ["a quantity of 2^31", { action: "add", componentType: "ram", quantity: String(2 ** 31), componentRef: "DIMM" }],
    ["an item that is not an object", "x"],
  ] as const) {
    add({ title: `[bad input] route /api/changes/check-items as requester: ${label} → no 500 (the row reads its message)`, as: "requester", expect: "<500", run: (ctx, f) => get(ctx, "/api/changes/check-items", check(JSON.stringify({ assetId: f.assetId, items: [item] }))) });
  }
  add({ title: "[bad input] route /api/changes/check-items as Globex admin: Acme's asset → 404", as: "anonymous", expect: "404", run: async (_ctx, f) => get(await sessionFor("globexAdmin"), "/api/changes/check-items", check(JSON.stringify({ assetId: f.assetId, items: [] }))) });
  add({ title: "[bad input] route /api/changes/check-items as admin: GET → 4xx", as: "admin", expect: "4xx", run: (ctx) => get(ctx, "/api/changes/check-items") });

  // /api/canned-responses/search: the reply box's "Insert response", as you type.
  for (const [label, qs] of [
    ["a NUL in q", "q=greet%00"],
    ["10,000 characters in q", `q=${"x".repeat(10_000)}`],
  ] as const) {
    add({ title: `[bad input] route /api/canned-responses/search as admin: ${label} → 4xx`, as: "admin", expect: "4xx", run: (ctx) => get(ctx, `/api/canned-responses/search?${qs}`) });
  }
  for (const [label, qs] of [
    ["a malformed %-escape in q", "q=%E0"],
    ["a lone-surrogate escape in q", "q=%ED%A0%80"],
    ["LIKE wildcards in q", "q=%25_%5C"],
  ] as const) {
    add({ title: `[bad input] route /api/canned-responses/search as admin: ${label} → no 500`, as: "admin", expect: "<500", run: (ctx) => get(ctx, `/api/canned-responses/search?${qs}`) });
  }
  add({ title: "[bad input] route /api/canned-responses/search as requester: q with a NUL → 404", as: "requester", expect: "404", run: (ctx) => get(ctx, "/api/canned-responses/search?q=%00") });

  // /api/attachments/[id]
  for (const [label, id] of [...BAD_PATH_VALUES, ["a malformed id", "not-a-uuid"], ["36 dashes", DASHES], ["an unknown id", UNKNOWN_ID]] as [string, string][]) {
    add({ title: `[bad input] route /api/attachments/[id] as admin: ${label} → 4xx`, as: "admin", expect: "4xx", run: (ctx) => get(ctx, `/api/attachments/${id}`) });
  }
  add({ title: "[bad input] route /api/attachments/[id] as admin: ?inline=%00 on a real file → no 500", as: "admin", expect: "<500", run: (ctx, f) => get(ctx, `/api/attachments/${f.attachmentId}?inline=%00`, { method: "HEAD" }) });
  add({ title: "[bad input] route /api/attachments/[id] as Globex admin: Acme's file → 404", as: "anonymous", expect: "404", run: async (_ctx, f) => get(await sessionFor("globexAdmin"), `/api/attachments/${f.attachmentId}`) });

  // /api/notifications
  add({ title: "[bad input] route /api/notifications as admin: POST → 4xx", as: "admin", expect: "4xx", run: (ctx) => get(ctx, "/api/notifications", { method: "POST", data: "garbage{" }) });
  add({ title: "[bad input] route /api/notifications as admin: junk params → no 500", as: "admin", expect: "<500", run: (ctx) => get(ctx, "/api/notifications?limit=%00&cursor=%E0") });

  // /api/uploads: every refusal before a byte is kept.
  const upload = (qs: string, headers: Record<string, string>, data: string | Buffer = "hello\n") => (ctx: APIRequestContext) =>
    get(ctx, `/api/uploads?${qs}`, { method: "POST", headers: { "Content-Type": "text/plain", ...headers }, data });
  const uploadCases: [string, (ctx: APIRequestContext, f: F) => Promise<HttpAnswer>][] = [
    ["a NUL in ticketId", (ctx) => upload("ticketId=%00&purpose=ticket", { "X-Filename": "a.txt" })(ctx)],
    ["a 36-dash ticketId", (ctx) => upload(`ticketId=${DASHES}&purpose=ticket`, { "X-Filename": "a.txt" })(ctx)],
    ["an unknown purpose", (ctx, f) => upload(`ticketId=${f.support.id}&purpose=bogus`, { "X-Filename": "a.txt" })(ctx)],
    ["a malformed %-escape in X-Filename", (ctx, f) => upload(`ticketId=${f.support.id}&purpose=ticket`, { "X-Filename": "%E0.txt" })(ctx)],
    ["a NUL in X-Filename", (ctx, f) => upload(`ticketId=${f.support.id}&purpose=ticket`, { "X-Filename": "a%00b.txt" })(ctx)],
    ["a lone surrogate in X-Filename", (ctx, f) => upload(`ticketId=${f.support.id}&purpose=ticket`, { "X-Filename": "a%ED%A0%80.txt" })(ctx)],
    ["a 10,000-character X-Filename", (ctx, f) => upload(`ticketId=${f.support.id}&purpose=ticket`, { "X-Filename": `${"a".repeat(10_000)}.txt` })(ctx)],
    ["no X-Filename", (ctx, f) => upload(`ticketId=${f.support.id}&purpose=ticket`, {})(ctx)],
    ["Globex's ticket", (ctx, f) => upload(`ticketId=${f.globexTicket}&purpose=ticket`, { "X-Filename": "a.txt" })(ctx)],
    ["a new request's file with a ticketId", (ctx, f) => upload(`ticketId=${f.support.id}&purpose=request`, { "X-Filename": "a.txt" })(ctx)],
    ["a ticket's file with no ticketId", (ctx) => upload("purpose=ticket", { "X-Filename": "a.txt" })(ctx)],
    ["a new request's file with a NUL in X-Filename", (ctx) => upload("purpose=request", { "X-Filename": "a%00b.txt" })(ctx)],
  ];
  for (const [label, run] of uploadCases) add({ title: `[bad input] route /api/uploads as admin: ${label} → 4xx`, as: "admin", expect: "4xx", run });

  // /api/v1: bearer tokens only; every malformed part is a 4xx in the one error shape, before anything is written.
  const v1 = (url: string, init: { method?: string; headers?: Record<string, string>; data?: string } = {}, who: keyof typeof API_TOKENS = "write") => (ctx: APIRequestContext) =>
    get(ctx, `/api/v1${url}`, { ...init, headers: { ...bearer(who), ...(init.data !== undefined ? { "Content-Type": "application/json" } : {}), ...init.headers } });
  const json = (o: unknown) => JSON.stringify(o);
  const v1Cases: [string, string, (ctx: APIRequestContext, f: F) => Promise<HttpAnswer>][] = [
    ["/api/v1/me", "no token", (ctx) => get(ctx, "/api/v1/me")],
    ["/api/v1/me", "an unknown token", (ctx) => get(ctx, "/api/v1/me", { headers: { Authorization: `Bearer hd_pat_${"x".repeat(43)}` } })],
    ["/api/v1/me", "a NUL in the token", (ctx) => get(ctx, "/api/v1/me", { headers: { Authorization: "Bearer hd_pat_%00" } })],
    ["/api/v1/me", "POST", (ctx) => v1("/me", { method: "POST", data: "{}" })(ctx)],
    ["/api/v1/tickets", "limit=%00", (ctx) => v1("/tickets?limit=%00")(ctx)],
    ["/api/v1/tickets", "limit=101", (ctx) => v1("/tickets?limit=101")(ctx)],
    ["/api/v1/tickets", "a NUL in q", (ctx) => v1("/tickets?q=a%00b")(ctx)],
    ["/api/v1/tickets", "status=bogus", (ctx) => v1("/tickets?status=bogus")(ctx)],
    ["/api/v1/tickets", "a cursor that is not one", (ctx) => v1("/tickets?cursor=%E0%A4")(ctx)],
    ["/api/v1/tickets", "an unknown parameter", (ctx) => v1("/tickets?bogus=1")(ctx)],
    ["/api/v1/tickets", "assignee=not-a-uuid", (ctx) => v1("/tickets?assignee=not-a-uuid")(ctx)],
    ["/api/v1/tickets", "POST not JSON", (ctx) => v1("/tickets", { method: "POST", data: "{oops" })(ctx)],
    ["/api/v1/tickets", "POST text/plain", (ctx) => v1("/tickets", { method: "POST", data: "{}", headers: { "Content-Type": "text/plain" } })(ctx)],
    ["/api/v1/tickets", "POST a NUL in the title", (ctx) => v1("/tickets", { method: "POST", data: json({ project: "SUP", title: "a\u0000b" }) })(ctx)],
    ["/api/v1/tickets", "POST an unknown field", (ctx) => v1("/tickets", { method: "POST", data: json({ project: "SUP", title: "x", status: "closed" }) })(ctx)],
    ["/api/v1/tickets", "POST Globex's project key from Acme", (ctx) => v1("/tickets", { method: "POST", data: json({ project: "NOPE", title: "x" }) })(ctx)],
    ["/api/v1/tickets", "POST with a read-only token", (ctx) => v1("/tickets", { method: "POST", data: json({ project: "SUP", title: "x" }) }, "read")(ctx)],
    ["/api/v1/tickets", "POST a bad Idempotency-Key", (ctx) => v1("/tickets", { method: "POST", data: json({ project: "SUP", title: "" }), headers: { "Idempotency-Key": "has spaces" } })(ctx)],
    ["/api/v1/tickets", "POST a list as the body", (ctx) => v1("/tickets", { method: "POST", data: "[]" })(ctx)],
    ["/api/v1/tickets/[id]", "a malformed %-escape", (ctx) => v1("/tickets/%E0")(ctx)],
    ["/api/v1/tickets/[id]", "61 characters", (ctx) => v1(`/tickets/${"A".repeat(61)}`)(ctx)],
    ["/api/v1/tickets/[id]", "an unknown id", (ctx) => v1(`/tickets/${UNKNOWN_ID}`)(ctx)],
    ["/api/v1/tickets/[id]", "Acme's ticket for Globex", (ctx, f) => v1(`/tickets/${f.support.id}`, {}, "globex")(ctx)],
    ["/api/v1/tickets/[id]", "PATCH without a version", (ctx, f) => v1(`/tickets/${f.support.number}`, { method: "PATCH", data: json({ priority: "low" }) })(ctx)],
    ["/api/v1/tickets/[id]", "PATCH a stale version", (ctx, f) => v1(`/tickets/${f.support.number}`, { method: "PATCH", data: json({ priority: "low", version: 1 }), headers: { "If-Match": '"999999"' } })(ctx)],
    ["/api/v1/tickets/[id]", "PATCH If-Match garbage", (ctx, f) => v1(`/tickets/${f.support.number}`, { method: "PATCH", data: json({ priority: "low" }), headers: { "If-Match": "garbage" } })(ctx)],
    ["/api/v1/tickets/[id]", "PATCH an unknown field", (ctx, f) => v1(`/tickets/${f.support.number}`, { method: "PATCH", data: json({ status: "closed", version: f.support.version }) })(ctx)],
    ["/api/v1/tickets/[id]", "PATCH a NUL in the title", (ctx, f) => v1(`/tickets/${f.support.number}`, { method: "PATCH", data: json({ title: "a\u0000", version: f.support.version }) })(ctx)],
    ["/api/v1/tickets/[id]", "DELETE with a read-only token", (ctx, f) => v1(`/tickets/${f.support.number}`, { method: "DELETE" }, "read")(ctx)],
    ["/api/v1/tickets/[id]/transitions", "a NUL in to", (ctx, f) => v1(`/tickets/${f.support.number}/transitions`, { method: "POST", data: json({ to: "\u0000", version: f.support.version }) })(ctx)],
    ["/api/v1/tickets/[id]/transitions", "no version", (ctx, f) => v1(`/tickets/${f.support.number}/transitions`, { method: "POST", data: json({ to: "in_progress" }) })(ctx)],
    ["/api/v1/tickets/[id]/transitions", "a version of 2^40", (ctx, f) => v1(`/tickets/${f.support.number}/transitions`, { method: "POST", data: json({ to: "in_progress", version: 2 ** 40 }) })(ctx)],
    ["/api/v1/tickets/[id]/replies", "a cursor that is not one", (ctx, f) => v1(`/tickets/${f.support.number}/replies?cursor=junk`)(ctx)],
    ["/api/v1/tickets/[id]/replies", "limit=-1", (ctx, f) => v1(`/tickets/${f.support.number}/replies?limit=-1`)(ctx)],
    ["/api/v1/tickets/[id]/replies", "POST an empty body", (ctx, f) => v1(`/tickets/${f.support.number}/replies`, { method: "POST", data: json({ body: "" }) })(ctx)],
    ["/api/v1/tickets/[id]/replies", "POST a NUL", (ctx, f) => v1(`/tickets/${f.support.number}/replies`, { method: "POST", data: json({ body: "a\u0000" }) })(ctx)],
    ["/api/v1/tickets/[id]/replies", "POST to Globex's ticket from Acme", (ctx, f) => v1(`/tickets/${f.globexTicket}/replies`, { method: "POST", data: json({ body: "hi" }) })(ctx)],
    ["/api/v1/tickets/[id]/assign", "a malformed assignee id", (ctx, f) => v1(`/tickets/${f.support.number}/assign`, { method: "POST", data: json({ assignee_ids: ["nope"], version: f.support.version }) })(ctx)],
    ["/api/v1/tickets/[id]/assign", "eleven assignees", (ctx, f) => v1(`/tickets/${f.support.number}/assign`, { method: "POST", data: json({ assignee_ids: Array.from({ length: 11 }, () => UNKNOWN_ID), version: f.support.version }) })(ctx)],
    ["/api/v1/tickets/[id]/transfer", "no one to transfer to", (ctx, f) => v1(`/tickets/${f.support.number}/transfer`, { method: "POST", data: json({ version: f.support.version }) })(ctx)],
    ["/api/v1/tickets/[id]/transfer", "an unknown user", (ctx, f) => v1(`/tickets/${f.support.number}/transfer`, { method: "POST", data: json({ to_user_id: UNKNOWN_ID, version: f.support.version }) })(ctx)],
    ["/api/v1/tickets/[id]/accept", "If-Match garbage", (ctx, f) => v1(`/tickets/${f.support.number}/accept`, { method: "POST", data: "{}", headers: { "If-Match": "x" } })(ctx)],
    ["/api/v1/tickets/[id]/close", "no version", (ctx, f) => v1(`/tickets/${f.support.number}/close`, { method: "POST", data: "{}" })(ctx)],
    ["/api/v1/tickets/[id]/status", "a NUL in status", (ctx, f) => v1(`/tickets/${f.support.number}/status`, { method: "PUT", data: json({ status: "\u0000", version: f.support.version }) })(ctx)],
    ["/api/v1/tickets/[id]/relationships", "an unknown relationship_type", (ctx, f) => v1(`/tickets/${f.support.number}/relationships`, { method: "POST", data: json({ target_ticket_id: f.support2.id, relationship_type: "sibling" }) })(ctx)],
    ["/api/v1/tickets/[id]/relationships", "Globex's ticket as the target", (ctx, f) => v1(`/tickets/${f.support.number}/relationships`, { method: "POST", data: json({ target_ticket_id: f.globexTicket, relationship_type: "related" }) })(ctx)],
    ["/api/v1/tickets/[id]/relationships", "itself as the target", (ctx, f) => v1(`/tickets/${f.support.number}/relationships`, { method: "POST", data: json({ target_ticket_id: f.support.id, relationship_type: "related" }) })(ctx)],
    ["/api/v1/tickets/[id]/relationships/[relationship_id]", "a malformed link id", (ctx, f) => v1(`/tickets/${f.support.number}/relationships/nope`, { method: "DELETE" })(ctx)],
    ["/api/v1/tickets/[id]/relationships/[relationship_id]", "an unknown link id", (ctx, f) => v1(`/tickets/${f.support.number}/relationships/${UNKNOWN_ID}`, { method: "DELETE" })(ctx)],
    ["/api/v1/projects", "POST", (ctx) => v1("/projects", { method: "POST", data: "{}" })(ctx)],
    ["/api/v1/projects/[key]/columns", "a malformed %-escape", (ctx) => v1("/projects/%E0/columns")(ctx)],
    ["/api/v1/projects/[key]/columns", "an 11-character key", (ctx) => v1(`/projects/${"K".repeat(11)}/columns`)(ctx)],
    ["/api/v1/tags", "a NUL in q", (ctx) => v1("/tags?q=a%00")(ctx)],
    ["/api/v1/tags", "an unknown parameter", (ctx) => v1("/tags?x=1")(ctx)],
    ["/api/v1/users", "limit=0", (ctx) => v1("/users?limit=0")(ctx)],
    ["/api/v1/users", "a NUL in q", (ctx) => v1("/users?q=%00")(ctx)],
    ["/api/v1/notifications", "unread=maybe", (ctx) => v1("/notifications?unread=maybe")(ctx)],
    ["/api/v1/notifications/read-all", "with a read-only token", (ctx) => v1("/notifications/read-all", { method: "POST" }, "read")(ctx)],
    ["/api/v1/notifications/[notification_id]/read", "a malformed id", (ctx) => v1("/notifications/nope/read", { method: "POST" })(ctx)],
    ["/api/v1/notifications/[notification_id]/read", "an unknown id", (ctx) => v1(`/notifications/${UNKNOWN_ID}/read`, { method: "POST" })(ctx)],
    ["/api/v1/tickets/[id]/items", "a quantity of 99", (ctx, f) => v1(`/tickets/${f.draft.id}/items`, { method: "POST", data: json({ action: "add", component_type: "ram", quantity: 99, version: f.draft.version }) })(ctx)],
    ["/api/v1/tickets/[id]/items", "an unknown action", (ctx, f) => v1(`/tickets/${f.draft.id}/items`, { method: "POST", data: json({ action: "launch", component_type: "ram", version: f.draft.version }) })(ctx)],
    ["/api/v1/tickets/[id]/items", "a support ticket", (ctx, f) => v1(`/tickets/${f.support.number}/items`, { method: "POST", data: json({ action: "add", component_type: "ram", version: f.support.version }) })(ctx)],
    ["/api/v1/tickets/[id]/items/validate", "51 items", (ctx, f) => v1(`/tickets/${f.draft.id}/items/validate`, { method: "POST", data: json({ items: Array.from({ length: 51 }, () => ({})) }) })(ctx)],
    ["/api/v1/tickets/[id]/items/validate", "Globex's asset", (ctx, f) => v1(`/tickets/${f.draft.id}/items/validate`, { method: "POST", data: json({ items: [], asset_id: UNKNOWN_ID }) })(ctx)],
    ["/api/v1/tickets/[id]/items/[item_id]", "a malformed item id", (ctx, f) => v1(`/tickets/${f.draft.id}/items/nope`, { method: "PATCH", data: json({ quantity: 2, version: f.draft.version }) })(ctx)],
    ["/api/v1/tickets/[id]/items/[item_id]", "an unknown item", (ctx, f) => v1(`/tickets/${f.draft.id}/items/${UNKNOWN_ID}?version=${f.draft.version}`, { method: "DELETE" })(ctx)],
    ["/api/v1/tickets/[id]/items/[item_id]/fulfil", "an unknown item", (ctx, f) => v1(`/tickets/${f.draft.id}/items/${UNKNOWN_ID}/fulfil`, { method: "POST", data: json({ version: f.draft.version }) })(ctx)],
    ["/api/v1/tickets/[id]/attachments", "not multipart", (ctx, f) => v1(`/tickets/${f.support.number}/attachments`, { method: "POST", data: "{}" })(ctx)],
    ["/api/v1/tickets/[id]/attachments", "a broken multipart body", (ctx, f) => v1(`/tickets/${f.support.number}/attachments`, { method: "POST", data: "--x\r\nbroken", headers: { "Content-Type": "multipart/form-data; boundary=x" } })(ctx)],
    ["/api/v1/tickets/[id]/attachments", "an unknown purpose", (ctx, f) => v1(`/tickets/${f.support.number}/attachments?purpose=bogus`, { method: "POST", data: "x", headers: { "Content-Type": "multipart/form-data; boundary=x" } })(ctx)],
    ["/api/v1/uploads", "no file field", (ctx) => v1("/uploads", { method: "POST", data: "--x\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nhi\r\n--x--\r\n", headers: { "Content-Type": "multipart/form-data; boundary=x" } })(ctx)],
    ["/api/v1/uploads", "with a read-only token", (ctx) => v1("/uploads", { method: "POST", data: "x", headers: { "Content-Type": "multipart/form-data; boundary=x" } }, "read")(ctx)],
    ["/api/v1/attachments/[attachment_id]", "a malformed id", (ctx) => v1("/attachments/nope")(ctx)],
    ["/api/v1/attachments/[attachment_id]", "Acme's file for Globex", (ctx, f) => v1(`/attachments/${f.attachmentId}`, {}, "globex")(ctx)],
  ];
  // One route handler serves them all (app/api/v1/[...path]); grouped here by the operation's path.
  for (const [route, label, run] of v1Cases) add({ title: `[bad input] route /api/v1/[...path] (${route}) with a token: ${label} → 4xx`, as: "anonymous", expect: "4xx", run });
  add({ title: "[bad input] route /api/v1/[...path] (no operation): an unknown path → 404", as: "anonymous", expect: "404", run: (ctx) => v1("/tickets/SUP-1/nowhere")(ctx) });
  add({ title: "[bad input] route /api/v1/[...path] (no operation): a method the path does not have → 4xx", as: "anonymous", expect: "4xx", run: (ctx) => v1("/me", { method: "DELETE" })(ctx) });
  add({ title: "[bad input] route /api/v1/openapi.json signed out: junk params → no 500", as: "anonymous", expect: "<500", run: (ctx) => get(ctx, "/api/v1/openapi.json?x=%E0%00") });

  // /admin/audit/export: the audit log's filter, streamed as CSV (an audit.exported row when it runs); a refused filter is a 400 before anything streams.
  for (const [label, qs] of [
    ["an action with a NUL", "action=ticket.created%00"],
    ["from 0000-01-01", "from=0000-01-01"],
    ["to before from", "from=2026-02-01&to=2026-01-01"],
    ["an unknown time zone", "from=2026-01-01&tz=Mars%2FOlympus"],
    ["a malformed actor id", "actor=not-a-uuid"],
    ["a 36-dash actor id", `actor=${DASHES}`],
    ["10,000 characters in action", `action=${"x".repeat(10_000)}`],
  ] as const) {
    add({ title: `[bad input] route /admin/audit/export as admin: ${label} → 4xx before streaming`, as: "admin", expect: "4xx", run: (ctx) => get(ctx, `/admin/audit/export?${qs}`) });
  }
  for (const [label, qs] of [
    ["a malformed %-escape in action", "action=%E0"],
    ["a crafted cursor (ignored by the export)", `older=garbage_${DASHES}`],
    ["an unknown actor", `actor=${UNKNOWN_ID}`],
    ["repeated and unknown params", "action=a&action=b&bogus=1"],
  ] as const) {
    add({
      title: `[bad input] route /admin/audit/export as admin: ${label} → no 500, complete`,
      as: "admin",
      expect: "<500",
      audit: exportAudit,
      auditAction: "audit.exported",
      run: (ctx) => get(ctx, `/admin/audit/export?${qs}`),
    });
  }
  add({ title: "[bad input] route /admin/audit/export as requester: an action with a NUL → 404", as: "requester", expect: "404", run: (ctx) => get(ctx, "/admin/audit/export?action=a%00") });

  // /api/admin/audit/actors: the audit log's actor picker, as you type.
  for (const [label, qs] of [
    ["a NUL in q", "q=ad%00a"],
    ["10,000 characters in q", `q=${"x".repeat(10_000)}`],
  ] as const) {
    add({ title: `[bad input] route /api/admin/audit/actors as admin: ${label} → 4xx`, as: "admin", expect: "4xx", run: (ctx) => get(ctx, `/api/admin/audit/actors?${qs}`) });
  }
  for (const [label, qs] of [
    ["a malformed %-escape in q", "q=%E0"],
    ["a lone-surrogate escape in q", "q=%ED%A0%80"],
    ["LIKE wildcards in q", "q=%25_%5C"],
    ["q given twice", "q=ad&q=ma"],
  ] as const) {
    add({ title: `[bad input] route /api/admin/audit/actors as admin: ${label} → no 500`, as: "admin", expect: "<500", run: (ctx) => get(ctx, `/api/admin/audit/actors?${qs}`) });
  }
  add({ title: "[bad input] route /api/admin/audit/actors as requester: q with a NUL → 404", as: "requester", expect: "404", run: (ctx) => get(ctx, "/api/admin/audit/actors?q=%00") });

  // /api/admin/projects/member-candidates: "Add member" on a project's page, as you type.
  for (const [label, qs] of [
    ["a NUL in q", (f: F) => `project=${f.admin.sup.id}&q=ri%00ta`],
    ["10,000 characters in q", (f: F) => `project=${f.admin.sup.id}&q=${"x".repeat(10_000)}`],
    ["no project", () => "q=ri"],
    ["a malformed project id", () => "project=not-a-uuid&q=ri"],
    ["a NUL in the project id", () => "project=%00&q=ri"],
    ["a 36-dash project id", () => `project=${DASHES}&q=ri`],
    ["an unknown project", () => `project=${UNKNOWN_ID}&q=ri`],
    ["another organization's project", (f: F) => `project=${f.admin.globexProjectId}&q=ri`],
  ] as const) {
    add({ title: `[bad input] route /api/admin/projects/member-candidates as admin: ${label} → 4xx`, as: "admin", expect: "4xx", run: (ctx, f) => get(ctx, `/api/admin/projects/member-candidates?${qs(f)}`) });
  }
  for (const [label, qs] of [
    ["a malformed %-escape in q", (f: F) => `project=${f.admin.sup.id}&q=%E0`],
    ["a lone-surrogate escape in q", (f: F) => `project=${f.admin.sup.id}&q=%ED%A0%80`],
    ["LIKE wildcards in q", (f: F) => `project=${f.admin.sup.id}&q=%25_%5C`],
    ["project given twice", (f: F) => `project=${f.admin.sup.id}&project=not-a-uuid&q=ri`],
  ] as const) {
    add({ title: `[bad input] route /api/admin/projects/member-candidates as admin: ${label} → no 500`, as: "admin", expect: "<500", run: (ctx, f) => get(ctx, `/api/admin/projects/member-candidates?${qs(f)}`) });
  }
  add({
    title: "[bad input] route /api/admin/projects/member-candidates as requester: a NUL in q → 404",
    as: "requester",
    expect: "404",
    run: (ctx, f) => get(ctx, `/api/admin/projects/member-candidates?project=${f.admin.sup.id}&q=%00`),
  });

  // /api/admin/teams/member-candidates: "Add member" on a team's page, as you type.
  for (const [label, qs] of [
    ["a NUL in q", (f: F) => `team=${f.admin.team.id}&q=ma%00ria`],
    ["10,000 characters in q", (f: F) => `team=${f.admin.team.id}&q=${"x".repeat(10_000)}`],
    ["no team", () => "q=ma"],
    ["a malformed team id", () => "team=not-a-uuid&q=ma"],
    ["a NUL in the team id", () => "team=%00&q=ma"],
    ["a 36-dash team id", () => `team=${DASHES}&q=ma`],
    ["an unknown team", () => `team=${UNKNOWN_ID}&q=ma`],
    ["another organization's team", (f: F) => `team=${f.admin.globexTeamId}&q=ma`],
  ] as const) {
    add({ title: `[bad input] route /api/admin/teams/member-candidates as admin: ${label} → 4xx`, as: "admin", expect: "4xx", run: (ctx, f) => get(ctx, `/api/admin/teams/member-candidates?${qs(f)}`) });
  }
  for (const [label, qs] of [
    ["a malformed %-escape in q", (f: F) => `team=${f.admin.team.id}&q=%E0`],
    ["a lone-surrogate escape in q", (f: F) => `team=${f.admin.team.id}&q=%ED%A0%80`],
    ["LIKE wildcards in q", (f: F) => `team=${f.admin.team.id}&q=%25_%5C`],
    ["team given twice", (f: F) => `team=${f.admin.team.id}&team=not-a-uuid&q=ma`],
  ] as const) {
    add({ title: `[bad input] route /api/admin/teams/member-candidates as admin: ${label} → no 500`, as: "admin", expect: "<500", run: (ctx, f) => get(ctx, `/api/admin/teams/member-candidates?${qs(f)}`) });
  }
  add({
    title: "[bad input] route /api/admin/teams/member-candidates as requester: a NUL in q → 404",
    as: "requester",
    expect: "404",
    run: (ctx, f) => get(ctx, `/api/admin/teams/member-candidates?team=${f.admin.team.id}&q=%00`),
  });
  // /api/customers/search (the customer pickers) and /api/admin/contacts/requesters (a contact's requester account), as you type.
  for (const route of ["/api/customers/search", "/api/admin/contacts/requesters"]) {
    for (const [label, qs] of [
      ["a NUL in q", "q=ini%00tech"],
      ["10,000 characters in q", `q=${"x".repeat(10_000)}`],
    ] as const) {
      add({ title: `[bad input] route ${route} as admin: ${label} → 4xx`, as: "admin", expect: "4xx", run: (ctx) => get(ctx, `${route}?${qs}`) });
    }
    for (const [label, qs] of [
      ["a malformed %-escape in q", "q=%E0"],
      ["a lone-surrogate escape in q", "q=%ED%A0%80"],
      ["LIKE wildcards in q", "q=%25_%5C"],
      ["q given twice", "q=in&q=um"],
    ] as const) {
      add({ title: `[bad input] route ${route} as admin: ${label} → no 500`, as: "admin", expect: "<500", run: (ctx) => get(ctx, `${route}?${qs}`) });
    }
    add({ title: `[bad input] route ${route} as requester: q with a NUL → 404`, as: "requester", expect: "404", run: (ctx) => get(ctx, `${route}?q=%00`) });
  }
  // /api/admin/users/[id]/memberships: "Projects for <name>" on a user's row.
  for (const [label, id] of [...BAD_PATH_VALUES, ["a malformed id", "not-a-uuid"], ["36 dashes", DASHES], ["an unknown id", UNKNOWN_ID]] as [string, string][]) {
    add({ title: `[bad input] route /api/admin/users/[id]/memberships as admin: ${label} → 4xx`, as: "admin", expect: "4xx", run: (ctx) => get(ctx, `/api/admin/users/${id}/memberships`) });
  }
  add({ title: "[bad input] route /api/admin/users/[id]/memberships as admin: another organization's user → 404", as: "admin", expect: "404", run: (ctx, f) => get(ctx, `/api/admin/users/${f.users.globexAgent}/memberships`) });
  add({ title: "[bad input] route /api/admin/users/[id]/memberships as admin: junk params → no 500", as: "admin", expect: "<500", run: (ctx, f) => get(ctx, `/api/admin/users/${f.users.requester2}/memberships?q=%00&x=%E0`) });
  add({ title: "[bad input] route /api/admin/users/[id]/memberships as requester: a user of the organization → 404", as: "requester", expect: "404", run: (ctx, f) => get(ctx, `/api/admin/users/${f.users.requester2}/memberships`) });

  // next-auth's routes
  add({ title: "[bad input] route /api/auth/[...nextauth]: a malformed %-escape (GET /api/auth/%E0) → 4xx", as: "anonymous", expect: "4xx", run: (ctx) => get(ctx, "/api/auth/%E0") });
  add({ title: "[bad input] route /api/auth/[...nextauth]: an unknown action (GET /api/auth/nope) → 4xx", as: "anonymous", expect: "4xx", run: (ctx) => get(ctx, "/api/auth/nope") });
  add({
    title: "[bad input] route /api/auth/[...nextauth]: a credentials POST without a CSRF token → no 500, no session",
    as: "anonymous",
    expect: "<500",
    run: (ctx) => get(ctx, "/api/auth/callback/credentials", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, data: "email=admin%40acme.test&password=demo-password-1" }),
  });
  add({
    title: "[bad input] route /api/auth/[...nextauth]: a JSON body that is not JSON → no 500",
    as: "anonymous",
    expect: "<500",
    run: (ctx) => get(ctx, "/api/auth/callback/credentials", { method: "POST", headers: { "Content-Type": "application/json" }, data: "garbage{" }),
  });
  return out;
}

// ─── Sessions, probe data, fingerprint: one set per worker ──────────────────

const db = new Db();
let fixture: F | null = null;
const contexts = new Map<string, APIRequestContext>();
let actions: Map<string, ManifestAction> = new Map();
let baseURL = "";
const CACHE = path.join(ROOT, "test-results", "bad-input-setup.json");

type Session = keyof typeof EMAILS | "anonymous";
const SESSIONS: Session[] = ["admin", "requester", "globexAdmin", "globexRequester", "anonymous"];
const STATES = path.join(ROOT, "test-results", "bad-input-sessions.json");

/** The request context of a demo user; every session is opened in the fixture, before any fingerprint (a sign-in writes an audit row). */
async function sessionFor(who: Session): Promise<APIRequestContext> {
  const existing = contexts.get(who);
  if (existing) return existing;
  throw new Error(`no session for ${who}: open it in openSessions()`);
}

/** Signs in once per database; a new worker (Playwright starts one after each failed test) reuses the stored cookies. */
async function openSessions(adminId: string) {
  const cached = fs.existsSync(STATES) ? (JSON.parse(fs.readFileSync(STATES, "utf8")) as { adminId: string; states: Record<string, Awaited<ReturnType<APIRequestContext["storageState"]>>> }) : null;
  const states = cached?.adminId === adminId ? cached.states : {};
  for (const who of SESSIONS) {
    if (contexts.has(who)) continue;
    let ctx: APIRequestContext;
    if (who === "anonymous") ctx = await request.newContext({ baseURL });
    else if (states[who]) ctx = await request.newContext({ baseURL, storageState: states[who] });
    else {
      ctx = await signedInContext(baseURL, EMAILS[who]);
      states[who] = await ctx.storageState();
    }
    contexts.set(who, ctx);
  }
  fs.mkdirSync(path.dirname(STATES), { recursive: true });
  fs.writeFileSync(STATES, JSON.stringify({ adminId, states }));
}

/** The page to post an action to: a page whose bundle carries it (the portal one for a requester, never an admin page for them). */
function pageFor(a: ManifestAction, who: Who): string {
  const rank = (w: string) => Number(w.includes("portal") !== (who === "requester")) + (who === "requester" && w.includes("(admin)") ? 2 : 0);
  const workers = [...a.workers].sort((x, y) => rank(x) - rank(y));
  return fillRoute(routeOf("/" + workers[0]!.replace(/^app\//, "")), GOOD_PARAMS);
}

async function act(who: Who | "globexAdmin", name: string, input: unknown): Promise<ActionAnswer> {
  const a = actions.get(name);
  if (!a) throw new Error(`${name} is not in the build's server-reference manifest`);
  return callAction(await sessionFor(who), pageFor(a, who === "globexAdmin" ? "admin" : who), a.id, input);
}

async function must<T = Record<string, unknown>>(who: Who | "globexAdmin", name: string, input: unknown): Promise<T> {
  const r = await act(who, name, input);
  if (r.result?.ok !== true) throw new Error(`setup: ${name} failed: ${r.status} ${r.text.slice(0, 500)}`);
  return r.result.data as T;
}

const one = async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => {
  const rows = await db.query<T>(text, params);
  if (!rows[0]) throw new Error(`setup: no row for ${text} ${JSON.stringify(params)}`);
  return rows[0];
};

async function ticketRow(orgId: string, number: string) {
  return one<{ id: string; version: number }>(`SELECT id, version FROM "Ticket" WHERE "organizationId" = $1 AND number = $2`, [orgId, number]);
}

/** Creates the probe rows once per database (cached in test-results/ and checked against the database). */
async function loadFixture(): Promise<F> {
  const orgs = await db.query<{ slug: string; id: string }>(`SELECT slug, id FROM "Organization"`);
  const org = (slug: string) => orgs.find((o) => o.slug === slug)!.id;
  const user = async (email: string) => (await one<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email])).id;
  const users = {
    admin: await user("admin@acme.test"),
    agent: await user("agent@acme.test"),
    tech: await user("tech@acme.test"),
    manager: await user("manager@acme.test"),
    requester: await user("requester@acme.test"),
    requester2: await user("requester2@acme.test"),
    globexAdmin: await user("admin@globex.test"),
    globexAgent: await user("agent@globex.test"),
  };
  if (fs.existsSync(CACHE)) {
    const cached = JSON.parse(fs.readFileSync(CACHE, "utf8")) as F;
    const alive = await db.query(`SELECT 1 FROM "Ticket" WHERE id = $1 AND "deletedAt" IS NULL AND title LIKE 'Bad-input probe%'`, [cached.support.id]).catch(() => []);
    if (cached.users.admin === users.admin && cached.roles && cached.admin?.team && cached.admin?.customer && cached.tokens && alive.length === 1) return refreshVersions(cached);
  }
  const acmeOrg = org("acme");
  const globexOrg = org("globex");
  const asset = await one<{ id: string }>(`SELECT id FROM "Asset" WHERE "organizationId" = $1 AND tag = $2`, [acmeOrg, "SRV-001"]);
  const sfx = uniqueSuffix();
  const change = (title: string, submit: boolean) => ({ requestType: "change", title, description: "Probe", priority: "normal", assetId: asset.id, items: [item()], submit });

  const s1 = await must<{ number: string }>("requester", "createTicketAction", { requestType: "support", title: `Bad-input probe ${sfx}`, description: "Probe", priority: "normal" });
  const s2 = await must<{ number: string }>("requester", "createTicketAction", { requestType: "support", title: `Bad-input probe ${sfx} (link target)`, description: "Probe", priority: "low" });
  const d = await must<{ number: string }>("requester", "createTicketAction", change(`Bad-input probe ${sfx} (draft)`, false));
  const p = await must<{ number: string }>("requester", "createTicketAction", change(`Bad-input probe ${sfx} (pending)`, true));
  const ip = await must<{ number: string }>("requester", "createTicketAction", change(`Bad-input probe ${sfx} (in progress)`, true));
  const support = await ticketRow(acmeOrg, s1.number);
  const support2 = await ticketRow(acmeOrg, s2.number);
  const draft = await ticketRow(acmeOrg, d.number);
  const pending = await ticketRow(acmeOrg, p.number);
  let inProgress = await ticketRow(acmeOrg, ip.number);
  await must("admin", "transitionTicketAction", { ticketId: inProgress.id, to: "approved", version: inProgress.version });
  inProgress = await ticketRow(acmeOrg, ip.number);
  await must("admin", "setAssigneesAction", { ticketId: inProgress.id, version: inProgress.version, assigneeIds: [users.tech], primaryId: users.tech });
  inProgress = await ticketRow(acmeOrg, ip.number);
  await must("admin", "transitionTicketAction", { ticketId: inProgress.id, to: "in_progress", version: inProgress.version });

  const comment = await must<{ id: string }>("admin", "addCommentAction", { ticketId: support.id, body: "Probe reply from the admin." });
  const view = await must<{ id: string }>("admin", "saveViewAction", { name: `Bad-input probe ${sfx}`, query: "status=open" });
  const link = await must<{ id: string }>("admin", "linkTicketAction", { ticketId: support.id, side: "related_to", otherId: support2.id });
  const up = await (await sessionFor("admin")).post(`/api/uploads?ticketId=${support.id}&purpose=ticket`, {
    headers: { "Content-Type": "text/plain", "X-Filename": "probe.txt" },
    data: "probe file\n",
  });
  if (up.status() !== 201) throw new Error(`setup: upload failed: ${up.status()} ${await up.text()}`);
  const attachment = ((await up.json()) as { attachment: { id: string } }).attachment;

  const eng = await ticketRow(acmeOrg, "ENG-1");
  const eng2 = await ticketRow(acmeOrg, "ENG-2");
  const cols = await db.query<{ id: string }>(
    `SELECT k.id FROM "KanbanColumn" k JOIN "Project" p ON p.id = k."projectId" WHERE p."organizationId" = $1 AND p.key = 'ENG' ORDER BY k.position`,
    [acmeOrg],
  );
  const role = async (builtIn: string) => (await one<{ id: string }>(`SELECT id FROM "Role" WHERE "organizationId" = $1 AND "builtIn" = $2`, [acmeOrg, builtIn])).id;

  // Administration: an asset with one component, a role nobody holds and two tags, all the probe's own.
  const probeAsset = await must<{ id: string }>("admin", "createAssetAction", { name: "Bad-input probe asset", tag: `PROBE-${sfx}`, location: "Rack 9", kind: "server" });
  const probeComponent = await must<{ id: string }>("admin", "addComponentAction", { assetId: probeAsset.id, version: 1, componentType: "ram", reference: "Probe DIMM", serial: "SN-1", quantity: 1 });
  const probeRole = await must<{ id: string }>("admin", "createRoleAction", { name: `Bad-input probe ${sfx}`, copyFromId: await role("requester") });
  const probeTag = await must<{ id: string; name: string }>("admin", "createTagAction", { name: `bad-input-probe-${sfx}`, color: "#64748b", description: "Probe" });
  const probeTag2 = await must<{ id: string; name: string }>("admin", "createTagAction", { name: `bad-input-probe-${sfx}-2`, color: "#64748b", description: "Probe" });
  const probeTeam = await must<{ id: string; name: string }>("admin", "createTeamAction", { name: `Bad-input probe ${sfx}`, description: "Probe" });
  const probeTeam2 = await must<{ id: string; name: string }>("admin", "createTeamAction", { name: `Bad-input probe ${sfx} 2`, description: "Probe" });
  await must("admin", "addTeamMemberAction", { teamId: probeTeam.id, userId: users.manager });
  // Globex's team is made by Globex's admin (its own organization).
  const globexTeam = await must<{ id: string }>("globexAdmin", "createTeamAction", { name: `Bad-input probe ${sfx}`, description: "" });
  // Contacts administration: two customers and two contacts of the probe's own, and a customer of Globex's.
  const probeCustomer = await must<{ id: string; name: string }>("admin", "createCustomerAction", { name: `Bad-input probe customer ${sfx}`, domains: [`probe-${sfx}.test`], notes: "Probe" });
  const probeCustomer2 = await must<{ id: string }>("admin", "createCustomerAction", { name: `Bad-input probe customer ${sfx} 2`, domains: [], notes: "" });
  const probeContact = await must<{ id: string; name: string }>("admin", "createContactAction", {
    name: `Bad-input probe contact ${sfx}`,
    email: `probe-contact-${sfx}@acme.test`,
    customerId: probeCustomer.id,
    tags: [probeTag.name],
  });
  const probeContact2 = await must<{ id: string }>("admin", "createContactAction", { name: `Bad-input probe contact ${sfx} 2` });
  const globexCustomer = await one<{ id: string }>(`INSERT INTO "Customer" (id, "organizationId", name, "updatedAt") VALUES (gen_random_uuid(), $1, $2, now()) RETURNING id`, [globexOrg, `Bad-input probe ${sfx}`]);
  // Personal access tokens: one each for the requester, the admin and Globex's admin (the secrets are not kept).
  const probeToken = (who: Who | "globexAdmin") => must<{ id: string }>(who, "createApiTokenAction", { name: `Bad-input probe ${sfx}`, expires: "30", scope: "read" });
  const tokens = { requester: (await probeToken("requester")).id, admin: (await probeToken("admin")).id, globex: (await probeToken("globexAdmin")).id };
  const project = (orgId: string, key: string) => one<{ id: string; name: string; leadId: string; description: string }>(`SELECT id, name, "leadId", description FROM "Project" WHERE "organizationId" = $1 AND key = $2`, [orgId, key]);
  const sup = await project(acmeOrg, "SUP");
  const agentTriage = await one<{ triage: boolean }>(`SELECT triage FROM "ProjectMember" WHERE "projectId" = $1 AND "userId" = $2`, [sup.id, users.agent]);
  const orgRow = await one<{ name: string; settings: Record<string, unknown> | null }>(`SELECT name, settings FROM "Organization" WHERE id = $1`, [acmeOrg]);
  const setting = <T,>(key: string, fallback: T) => (orgRow.settings?.[key] ?? fallback) as T;
  const f: F = {
    acmeOrg,
    globexOrg,
    users,
    roles: { requester: await role("requester"), agent: await role("agent") },
    support: { ...support, number: s1.number },
    support2: { id: support2.id, number: s2.number },
    draft: { ...draft, itemId: (await one<{ id: string }>(`SELECT id FROM "ChangeItem" WHERE "ticketId" = $1`, [draft.id])).id },
    pending,
    inProgress: { ...inProgress, itemId: (await one<{ id: string }>(`SELECT id FROM "ChangeItem" WHERE "ticketId" = $1`, [inProgress.id])).id },
    eng: { id: eng.id, version: eng.version, afterId: eng2.id, columnId: cols[0]!.id, column2Id: cols[cols.length - 1]!.id, rank: "a0" },
    assetId: asset.id,
    commentId: comment.id,
    commentVersion: 1,
    viewId: view.id,
    relationshipId: link.id,
    attachmentId: attachment.id,
    cannedId: (await one<{ id: string }>(`SELECT id FROM "CannedResponse" WHERE "organizationId" = $1 AND "ownerId" IS NULL ORDER BY title LIMIT 1`, [acmeOrg])).id,
    notificationId: (await one<{ id: string }>(`SELECT id FROM "Notification" WHERE "userId" = $1 ORDER BY "createdAt" DESC LIMIT 1`, [users.requester])).id,
    globexTicket: (await ticketRow(globexOrg, "SUP-1")).id,
    admin: {
      asset: { id: probeAsset.id, version: 1, tag: `PROBE-${sfx}`, componentId: probeComponent.id },
      role: { id: probeRole.id, name: `Bad-input probe ${sfx}`, updatedAt: "" },
      tag: { id: probeTag.id, version: 1, name: probeTag.name },
      tag2: { id: probeTag2.id, name: probeTag2.name },
      sup: { id: sup.id, name: sup.name, leadId: sup.leadId, description: sup.description, updatedAt: "", agentTriage: agentTriage.triage },
      engProjectId: (await project(acmeOrg, "ENG")).id,
      globexProjectId: (await project(globexOrg, "SUP")).id,
      globexRoleId: (await one<{ id: string }>(`SELECT id FROM "Role" WHERE "organizationId" = $1 AND "builtIn" = 'agent'`, [globexOrg])).id,
      team: { id: probeTeam.id, version: 1, name: probeTeam.name },
      team2: { id: probeTeam2.id, version: 1 },
      globexTeamId: globexTeam.id,
      supportTeamId: (await one<{ teamId: string | null }>(`SELECT "teamId" FROM "Ticket" WHERE id = $1`, [support.id])).teamId,
      supDefaultTeamId: (await one<{ defaultTeamId: string | null }>(`SELECT "defaultTeamId" FROM "Project" WHERE id = $1`, [sup.id])).defaultTeamId,
      org: {
        name: orgRow.name,
        updatedAt: "",
        timeZone: setting("timeZone", "UTC"),
        defaultPriority: setting("defaultPriority", "normal"),
        requestersMayCreateTags: setting("requestersMayCreateTags", false),
        requestersMayRegister: setting("requestersMayRegister", false),
      },
      customer: { id: probeCustomer.id, version: 1, name: probeCustomer.name, domain: `probe-${sfx}.test` },
      customer2: { id: probeCustomer2.id },
      contact: { id: probeContact.id, version: 1, name: probeContact.name, email: `probe-contact-${sfx}@acme.test` },
      contact2: { id: probeContact2.id },
      globexCustomerId: globexCustomer.id,
    },
    tokens,
  };
  fs.mkdirSync(path.dirname(CACHE), { recursive: true });
  fs.writeFileSync(CACHE, JSON.stringify(f, null, 2));
  return refreshVersions(f);
}

/** Versions move when a case is (wrongly) accepted: read them again so later cases stay valid. */
async function refreshVersions(f: F): Promise<F> {
  const v = async (id: string) => (await one<{ version: number }>(`SELECT version FROM "Ticket" WHERE id = $1`, [id])).version;
  const c = await one<{ version: number; rank: string | null }>(`SELECT (SELECT version FROM "Comment" WHERE id = $1) AS version, (SELECT rank FROM "Ticket" WHERE id = $2) AS rank`, [f.commentId, f.eng.id]);
  return {
    ...f,
    support: { ...f.support, version: await v(f.support.id) },
    draft: { ...f.draft, version: await v(f.draft.id) },
    pending: { ...f.pending, version: await v(f.pending.id) },
    inProgress: { ...f.inProgress, version: await v(f.inProgress.id) },
    eng: { ...f.eng, version: await v(f.eng.id), rank: c.rank ?? "a0" },
    commentVersion: c.version ?? 1,
    admin: await refreshAdmin(f.admin),
  };
}

/** The compare-and-set tokens of the administration rows (versions and updatedAt), read now. */
async function refreshAdmin(a: F["admin"]): Promise<F["admin"]> {
  const r = await one<{ assetVersion: number; roleAt: string; tagVersion: number; supAt: string; orgAt: string; teamVersion: number; team2Version: number; customerVersion: number; contactVersion: number }>(
    `SELECT (SELECT version FROM "Asset" WHERE id = $1) AS "assetVersion",
            (SELECT version FROM "Team" WHERE id = $5) AS "teamVersion",
            (SELECT version FROM "Team" WHERE id = $6) AS "team2Version",
            (SELECT version FROM "Customer" WHERE id = $7) AS "customerVersion",
            (SELECT version FROM "Contact" WHERE id = $8) AS "contactVersion",
            (SELECT to_char("updatedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') FROM "Role" WHERE id = $2) AS "roleAt",
            (SELECT version FROM "Tag" WHERE id = $3) AS "tagVersion",
            (SELECT to_char("updatedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') FROM "Project" WHERE id = $4) AS "supAt",
            (SELECT to_char(o."updatedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') FROM "Organization" o JOIN "Project" p ON p."organizationId" = o.id WHERE p.id = $4) AS "orgAt"`,
    [a.asset.id, a.role.id, a.tag.id, a.sup.id, a.team.id, a.team2.id, a.customer.id, a.contact.id],
  );
  return {
    ...a,
    asset: { ...a.asset, version: r.assetVersion ?? a.asset.version },
    role: { ...a.role, updatedAt: r.roleAt ?? a.role.updatedAt },
    tag: { ...a.tag, version: r.tagVersion ?? a.tag.version },
    team: { ...a.team, version: r.teamVersion ?? a.team.version },
    team2: { ...a.team2, version: r.team2Version ?? a.team2.version },
    sup: { ...a.sup, updatedAt: r.supAt ?? a.sup.updatedAt },
    org: { ...a.org, updatedAt: r.orgAt ?? a.org.updatedAt },
    customer: { ...a.customer, version: r.customerVersion ?? a.customer.version },
    contact: { ...a.contact, version: r.contactVersion ?? a.contact.version },
  };
}

// /api/v1's callers: a token per scope for Acme's admin and one for Globex's,
// written as /settings/tokens would. Their last use is set in the future so
// that using them writes no last-use row: a refused request must write nothing.
const API_TOKENS = { write: `hd_pat_${randomBytes(32).toString("base64url")}`, read: `hd_pat_${randomBytes(32).toString("base64url")}`, globex: `hd_pat_${randomBytes(32).toString("base64url")}` };
const bearer = (which: keyof typeof API_TOKENS) => ({ Authorization: `Bearer ${API_TOKENS[which]}` });

async function issueApiTokens(): Promise<void> {
  for (const [which, email, scope] of [["write", EMAILS.admin, "write"], ["read", EMAILS.admin, "read"], ["globex", "admin@globex.test", "write"]] as const) {
    const secret = API_TOKENS[which];
    await db.query(
      `INSERT INTO "ApiToken" ("id", "organizationId", "userId", "name", "prefix", "tokenHash", "scope", "lastUsedAt", "createdAt")
       SELECT gen_random_uuid(), u."organizationId", u."id", $2, $3, $4, $5::"ApiTokenScope", '2999-01-01', now() FROM "User" u WHERE u."email" = $1`,
      [email, `Bad-input probe ${which}`, secret.slice(0, 13), createHash("sha256").update(secret).digest("hex"), scope],
    );
  }
}

const test = base.extend<{ f: F }>({
  f: async ({ baseURL: url }, use) => {
    if (!fixture) {
      baseURL = url!;
      actions = manifestActions();
      const admin = await one<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [EMAILS.admin]);
      await openSessions(admin.id);
      fixture = await loadFixture();
      await issueApiTokens();
    } else {
      fixture = await refreshVersions(fixture);
    }
    await use(fixture);
  },
});

test.afterAll(async () => {
  for (const c of contexts.values()) await c.dispose();
  contexts.clear();
  await db.close();
});

/** Runs `run` between two fingerprints; returns what changed (AuditLog and OutboxMessage as "+n"). */
async function watched<T>(run: () => Promise<T>): Promise<{ answer: T; changed: string[]; newAudit: { action: string }[] }> {
  const before: Fingerprint = await db.fingerprint();
  const answer = await run();
  const after = await db.fingerprint();
  const added = Number(after.AuditLog) - Number(before.AuditLog);
  const newAudit = added > 0 ? await db.query<{ action: string }>(`SELECT action FROM "AuditLog" ORDER BY "createdAt" DESC LIMIT $1`, [added]) : [];
  return { answer, changed: changedTables(before, after), newAudit };
}

const brief = (a: ActionAnswer) => ({ status: a.status, result: a.result ?? a.text.slice(0, 300) });

// ─── The tests ──────────────────────────────────────────────────────────────

const ACTION_CASES = actionCases();
const PAGE_CASES = pageCases();
const ROUTE_CASES = routeCases();

test.describe("[bad input] the table", () => {
  test("[bad input] the table has a row for every server action in the build manifest, and every row is reachable", async ({ f }) => {
    expect(f.support.id).toMatch(UUID_RE);
    fs.rmSync(FAILURES, { force: true });
    const inManifest = [...actions.keys()].sort();
    expect(inManifest.length, "server actions found in .next/server/server-reference-manifest.json").toBeGreaterThan(30);
    const missing = inManifest.filter((name) => !ACTIONS[name]);
    expect(missing, "server actions without a row in ACTIONS (e2e/bad-input.spec.ts)").toEqual([]);
    // A row for an action the build does not expose (no client references it) is kept but cannot run over HTTP.
    const unreachable = Object.keys(ACTIONS).filter((name) => !actions.has(name));
    test.info().annotations.push({ type: "not in the manifest (no client calls them; not reachable over HTTP)", description: unreachable.join(", ") || "none" });
    test.info().annotations.push({
      type: "cases",
      description: `${ACTION_CASES.length} server-action cases, ${WIRE_CASES.length} wire-format cases × ${inManifest.length} actions, ${PAGE_CASES.length} page cases, ${ROUTE_CASES.length} route-handler cases, 1 sign-in case`,
    });
    console.log(`[bad input] ${inManifest.length} actions in the manifest; unreachable rows: ${unreachable.join(", ") || "none"}`);
    console.log(`[bad input] ${ACTION_CASES.length} action cases, ${WIRE_CASES.length * inManifest.length} wire cases, ${PAGE_CASES.length} page cases, ${ROUTE_CASES.length} route cases, 1 sign-in case`);
  });

  test("[bad input] the table covers every page and route handler in the build manifest", async ({ f }) => {
    expect(f.support.id).toMatch(UUID_RE);
    const built = manifestAppPaths()
      .filter((p) => !p.startsWith("/_") && !/\.(svg|png|ico|txt|xml)\//.test(p) && !p.includes("icon"))
      .sort();
    expect(built).toEqual(APP_PATHS.filter((p) => !p.includes("icon")));
    for (const route of ROUTES) expect(ROUTE_CASES.some((c) => c.title.includes(`route ${route} `) || c.title.includes(`route ${route}:`)), `cases for ${route}`).toBe(true);
    for (const page of PAGES) expect(PAGE_CASES.some((c) => c.title.includes(`page ${page} `)), `cases for ${page}`).toBe(true);
  });
});

// Bodies that are not what Next's action decoder expects: answered before any app code runs.
const WIRE_CASES: { label: string; body: () => string; headers?: Record<string, string> }[] = [
  { label: 'body "garbage{"', body: () => "garbage{" },
  { label: "an empty body", body: () => "" },
  { label: "a 5,000-deep nested array", body: () => "[".repeat(5_000) + "]".repeat(5_000) },
  { label: "a multipart content type with a garbage body", body: () => "garbage{", headers: { "Content-Type": "multipart/form-data; boundary=x" } },
];

test.describe("[bad input] server actions: the wire format", () => {
  for (const w of WIRE_CASES) {
    test(`[bad input] every server action in the manifest as admin: ${w.label} → 400, no write`, async ({ f }) => {
      expect(f.support.id).toMatch(UUID_RE);
      const ctx = await sessionFor("admin");
      const cases = [...actions.values()].map((a) => ({ title: `[bad input] server action ${a.exportedName} as admin: ${w.label} → 400`, a }));
      await runCases(cases, async ({ a }) => {
        const { answer, changed } = await watched(() => postAction(ctx, pageFor(a, "admin"), a.id, w.body(), w.headers));
        const problems = [answer.status !== 400 ? `HTTP ${answer.status}` : "", changed.length ? `wrote: ${changed.join(", ")}` : ""].filter(Boolean);
        return problems.length ? `${problems.join("; ")} — ${answer.text.slice(0, 120).replace(/\n/g, " ")}` : null;
      });
    });
  }
  test("[bad input] an unknown action id as admin → 4xx, no write", async ({ f }) => {
    expect(f.support.id).toMatch(UUID_RE);
    const { answer, changed } = await watched(async () => postAction(await sessionFor("admin"), "/desk", "7f" + "0".repeat(40), encodeReply({})));
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(changed).toEqual([]);
  });
});

/**
 * Cases run as steps of one test per action (or page, or route): Playwright
 * starts a new worker after every failed test, and the table fails by design
 * on a branch without the fixes. Each step is one case, titled as the case;
 * a failed case is a failed step (soft assertions), listed at the end of the
 * test and in test-results/bad-input-failures.txt.
 */
function groupBy<T extends { title: string }>(cases: T[], key: (c: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const c of cases) out.set(key(c), [...(out.get(key(c)) ?? []), c]);
  return out;
}

const FAILURES = path.join(ROOT, "test-results", "bad-input-failures.txt");

async function runCases<T extends { title: string }>(cases: T[], one: (c: T) => Promise<string | null>) {
  test.setTimeout(180_000);
  const failed: string[] = [];
  for (const c of cases) {
    await test.step(c.title, async () => {
      const problem = await one(c);
      if (problem) {
        failed.push(`${c.title}\n      observed: ${problem}`);
        expect.soft(problem, c.title).toBeNull();
      }
    });
  }
  test.info().annotations.push({ type: "cases", description: `${cases.length} run, ${failed.length} failed` });
  if (failed.length) fs.appendFileSync(FAILURES, failed.map((l) => `FAIL ${l}\n`).join(""));
}

const serverActionCase = async (c: ActionCase, f0: F): Promise<string | null> => {
  // Versions move when an earlier case was (wrongly) accepted: each case starts from the current ones.
  const f = await refreshVersions(f0);
  const input = c.input(f);
  const { answer, changed } = await watched(() => act(c.as, c.action, input));
  const seen = JSON.stringify(brief(answer)).slice(0, 400);
  const problems: string[] = [];
  if (answer.status !== 200) problems.push(`HTTP ${answer.status}`);
  const r = answer.result;
  if (!r) problems.push("no action result");
  else if (c.expect === "not-internal") {
    if (r.code === "INTERNAL") problems.push("INTERNAL");
  } else if (r.ok !== false) problems.push("accepted");
  else if (c.expect === "refused") {
    if (r.code === "INTERNAL") problems.push("INTERNAL");
  } else {
    if (r.code !== "VALIDATION") problems.push(`code ${String(r.code)}, not VALIDATION`);
    else if (!hasFieldError(r, c.expect.field)) problems.push(`no field message on ${c.expect.field.join(".")}`);
  }
  if (changed.length) problems.push(`wrote: ${changed.join(", ")}`);
  if (c.sameAs && !problems.length) {
    // Another organization's id behaves exactly like an id that does not exist.
    const unknown = await act(c.as, c.action, c.sameAs(f));
    const norm = (a: ActionAnswer) => JSON.stringify(a.result).replaceAll(UNKNOWN_ID, "<id>").replaceAll(f.globexTicket, "<id>").replaceAll(f.users.globexAdmin, "<id>");
    if (norm(answer) !== norm(unknown)) problems.push(`differs from an unknown id's answer ${norm(unknown)}`);
  }
  return problems.length ? `${problems.join("; ")} — ${seen}` : null;
};

test.describe("[bad input] server actions: the input", () => {
  for (const [group, cases] of groupBy(ACTION_CASES, (c) => c.title.split(":")[0]!)) {
    test(`${group} (${cases.length} cases)`, async ({ f }) => {
      const action = cases[0]!.action;
      test.skip(!actions.has(action), `${action} is not in the build's server-reference manifest (no client references it: not reachable over HTTP)`);
      await runCases(cases, (c) => serverActionCase(c, f));
    });
  }
});

const httpCase = async (c: HttpCase, f: F): Promise<string | null> => {
  const ctx = await sessionFor(c.as);
  const { answer, changed, newAudit } = await watched(() => c.run(ctx, f));
  const seen = `${answer.status}${answer.aborted ? ` then the body aborted (${answer.aborted})` : ""}: ${answer.body.slice(0, 160).replace(/\s+/g, " ")}`;
  const problems: string[] = [];
  if (c.expect === "404" && answer.status !== 404) problems.push(`HTTP ${answer.status}, not 404`);
  if (c.expect === "4xx" && !(answer.status >= 400 && answer.status < 500)) problems.push(`HTTP ${answer.status}, not 4xx`);
  if (answer.status >= 500) problems.push(`HTTP ${answer.status}`);
  if (answer.aborted) problems.push("the answer was cut off");
  const allowed = c.audit?.(answer) ?? 0;
  if (newAudit.length !== allowed || newAudit.some((r) => r.action !== (c.auditAction ?? "desk.export"))) problems.push(`audit rows ${JSON.stringify(newAudit)} (expected ${allowed})`);
  const wrote = changed.filter((t) => !t.startsWith("AuditLog"));
  if (wrote.length) problems.push(`wrote: ${wrote.join(", ")}`);
  return problems.length ? `${[...new Set(problems)].join("; ")} — ${seen}` : null;
};

test.describe("[bad input] pages and route handlers", () => {
  for (const [group, cases] of groupBy([...PAGE_CASES, ...ROUTE_CASES], (c) => c.title.split(":")[0]!)) {
    test(`${group} (${cases.length} cases)`, async ({ f }) => {
      await runCases(cases, (c) => httpCase(c, f));
    });
  }
});

test.describe("[bad input] sign-in", () => {
  test("[bad input] sign-in with a NUL in the e-mail → the generic failure, one auth.sign_in_failed audit row", async ({ f, baseURL: url }) => {
    expect(f.support.id).toMatch(UUID_RE);
    const answerOf = async (email: string, password: string) => {
      const ctx = await request.newContext({ baseURL: url });
      try {
        const res = await credentialsSignIn(ctx, url!, email, password);
        const body = await res.text();
        const cookies = (await ctx.storageState()).cookies.map((c) => c.name);
        return { status: res.status(), body, session: cookies.some((c) => c.endsWith("session-token")) };
      } finally {
        await ctx.dispose();
      }
    };
    // The reference: an unknown e-mail, answered generically.
    const reference = await watched(() => answerOf("nobody@acme.test", "demo-password-1"));
    expect(reference.newAudit.map((r) => r.action)).toEqual(["auth.sign_in_failed"]);

    const { answer, changed, newAudit } = await watched(() => answerOf(`agent@acme.test${NUL}`, "demo-password-1"));
    const seen = `${answer.status} ${answer.body.slice(0, 300)}`;
    expect(answer.session, seen).toBe(false);
    expect(answer.status, seen).toBe(reference.answer.status);
    expect(answer.body, `the same answer as an unknown e-mail (${seen})`).toBe(reference.answer.body);
    expect(newAudit.map((r) => r.action), `one auth.sign_in_failed row (${seen})`).toEqual(["auth.sign_in_failed"]);
    expect(changed.filter((t) => !t.startsWith("AuditLog")), seen).toEqual([]);
  });
});
