import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { BUILT_IN_ROLE_PERMISSIONS, BUILT_IN_ROLES, canAny, PERMISSIONS, toPermissionSet, type BuiltInRole } from "@/lib/auth/permissions";
import type { TicketStatus } from "@/lib/generated/prisma/enums";
import {
  APPROVER_PERMISSIONS, ASSIGNER_PERMISSIONS, decideMove, mayApprove, mayAssign, mayComment, mayWriteInThread, replyRights, type MoveSubject,
} from "./policy";

const actor = (role: BuiltInRole, id = role): Actor => ({
  id,
  organizationId: "org",
  email: `${id}@x.test`,
  name: id,
  roleName: role,
  permissions: toPermissionSet(BUILT_IN_ROLE_PERMISSIONS[role]),
  projectIds: ["p"],
});

const change = (status: TicketStatus, over: Partial<MoveSubject> = {}): MoveSubject => ({
  workflow: "change",
  status,
  requesterId: "someone-else",
  approvedById: null,
  assigneeIds: [],
  ...over,
});

type Row = [string, MoveSubject, TicketStatus, Partial<Record<BuiltInRole, boolean>>];

// Who may make each change move when they are neither requester nor assignee (issue 3's matrix).
const MATRIX: Row[] = [
  ["approve", change("pending"), "approved", { requester: false, agent: false, technician: false, manager: true, admin: true }],
  ["reject", change("pending"), "rejected", { requester: false, agent: false, technician: false, manager: true, admin: true }],
  ["start", change("approved", { assigneeIds: ["x"] }), "in_progress", { requester: false, agent: true, technician: false, manager: true, admin: true }],
  ["deploy (not assigned)", change("in_progress", { assigneeIds: ["x"] }), "deployed", { requester: false, agent: false, technician: false, manager: false, admin: true }],
  ["complete", change("deployed"), "completed", { requester: false, agent: true, technician: true, manager: false, admin: true }],
  ["roll back (not assigned)", change("deployed"), "in_progress", { requester: false, agent: false, technician: false, manager: false, admin: true }],
  ["cancel approved", change("approved"), "cancelled", { requester: false, agent: false, technician: false, manager: true, admin: true }],
  ["submit someone else's draft", change("draft"), "pending", { requester: false, agent: false, technician: false, manager: false, admin: true }],
];

describe("change moves × built-in roles (not requester, not assignee)", () => {
  for (const [label, subject, to, expected] of MATRIX) {
    it.each(BUILT_IN_ROLES)(`${label}: %s`, (role) => {
      expect(decideMove(actor(role), subject, to).ok).toBe(expected[role]);
    });
  }
});

describe("the requester's own change", () => {
  it.each(BUILT_IN_ROLES)("%s may submit, resubmit and cancel their own draft or pending request", (role) => {
    const me = actor(role);
    expect(decideMove(me, change("draft", { requesterId: me.id }), "pending").ok).toBe(true);
    expect(decideMove(me, change("rejected", { requesterId: me.id }), "pending").ok).toBe(true);
    expect(decideMove(me, change("draft", { requesterId: me.id }), "cancelled").ok).toBe(true);
    expect(decideMove(me, change("pending", { requesterId: me.id }), "cancelled").ok).toBe(true);
  });
  it("a requester cannot cancel their approved change", () => {
    const me = actor("requester");
    expect(decideMove(me, change("approved", { requesterId: me.id }), "cancelled").ok).toBe(false);
  });
});

describe("assignees", () => {
  it("a technician deploys and rolls back the change assigned to them", () => {
    const tech = actor("technician");
    expect(decideMove(tech, change("in_progress", { assigneeIds: [tech.id] }), "deployed").ok).toBe(true);
    expect(decideMove(tech, change("deployed", { assigneeIds: [tech.id] }), "in_progress").ok).toBe(true);
    expect(decideMove(tech, change("approved", { assigneeIds: [tech.id] }), "in_progress").ok).toBe(true);
  });
  it("an agent assigned to a change still cannot deploy it (no ticket.deploy)", () => {
    const agent = actor("agent");
    expect(decideMove(agent, change("in_progress", { assigneeIds: [agent.id] }), "deployed").ok).toBe(false);
  });
});

describe("separation of duties — no role overrides it", () => {
  it.each(["manager", "admin"] as const)("%s cannot approve or reject a change they requested", (role) => {
    const me = actor(role);
    const d = decideMove(me, change("pending", { requesterId: me.id }), "approved");
    expect(d).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(decideMove(me, change("pending", { requesterId: me.id }), "rejected").ok).toBe(false);
  });
  it.each(["technician", "admin"] as const)("%s who approved a change cannot deploy it", (role) => {
    const me = actor(role);
    expect(decideMove(me, change("in_progress", { approvedById: me.id, assigneeIds: [me.id] }), "deployed").ok).toBe(false);
  });
  it("the sole assignee cannot approve (the approver would become the sole assignee)", () => {
    const me = actor("manager");
    expect(decideMove(me, change("pending", { assigneeIds: [me.id] }), "approved").ok).toBe(false);
    expect(decideMove(me, change("pending", { assigneeIds: [me.id, "other"] }), "approved").ok).toBe(true);
  });
});

describe("support moves", () => {
  const support = (status: TicketStatus, requesterId = "someone-else"): MoveSubject => ({ workflow: "support", status, requesterId, approvedById: null, assigneeIds: [] });
  it.each(BUILT_IN_ROLES)("%s: staff make any listed move, others none", (role) => {
    const staff = role !== "requester";
    expect(decideMove(actor(role), support("open"), "in_progress").ok).toBe(staff);
    expect(decideMove(actor(role), support("in_progress"), "resolved").ok).toBe(staff);
  });
  it("requesters only close their resolved ticket or reopen their resolved or closed one", () => {
    const me = actor("requester");
    expect(decideMove(me, support("resolved", me.id), "closed").ok).toBe(true);
    expect(decideMove(me, support("resolved", me.id), "open").ok).toBe(true);
    expect(decideMove(me, support("closed", me.id), "open").ok).toBe(true);
    expect(decideMove(me, support("open", me.id), "closed").ok).toBe(false);
    expect(decideMove(me, support("in_progress", me.id), "resolved").ok).toBe(false);
    expect(decideMove(me, support("resolved"), "closed").ok).toBe(false);
  });
  it("nobody reaches answered by a button, and illegal moves are INVALID_TRANSITION", () => {
    expect(decideMove(actor("admin"), support("open"), "answered")).toMatchObject({ ok: false, code: "INVALID_TRANSITION" });
    expect(decideMove(actor("admin"), support("open"), "resolved")).toMatchObject({ ok: false, code: "INVALID_TRANSITION" });
  });
});

describe("kanban", () => {
  const card = (assigneeIds: string[] = []): MoveSubject => ({ workflow: "kanban", status: "todo", requesterId: "x", approvedById: null, assigneeIds });
  it.each(BUILT_IN_ROLES)("%s moves a card only with ticket.assign or as its assignee", (role) => {
    const me = actor(role);
    const assigner = ["agent", "manager", "admin"].includes(role);
    expect(decideMove(me, card(), "in_progress").ok).toBe(assigner);
    expect(decideMove(me, card([me.id]), "in_progress").ok).toBe(role !== "requester");
  });
});

describe("the SQL pre-selections name every permission set their rule can say yes to", () => {
  // Every one of the 2^18 subsets of the catalog: the notification and desk SQL
  // pre-select by APPROVER_PERMISSIONS / ASSIGNER_PERMISSIONS and then ask the rule,
  // so a rule that could say yes without them would silently miss people.
  const subsets = function* () {
    for (let mask = 0; mask < 1 << PERMISSIONS.length; mask++) yield PERMISSIONS.filter((_, i) => mask & (1 << i));
  };
  const someone = (permissions: readonly string[]): Actor => ({ ...actor("requester"), id: "someone", permissions: toPermissionSet(permissions) });

  it("mayApprove implies a role with one of APPROVER_PERMISSIONS; mayAssign exactly ASSIGNER_PERMISSIONS", () => {
    let approvers = 0;
    let sets = 0;
    const wrong: string[] = [];
    const pending = change("pending");
    for (const set of subsets()) {
      const a = someone(set);
      sets++;
      const approves = mayApprove(a, pending);
      if (approves) approvers++;
      if (approves && !canAny(a, ...APPROVER_PERMISSIONS)) wrong.push(`approves without an approver permission: ${set.join(" ")}`);
      if (mayAssign(a) !== canAny(a, ...ASSIGNER_PERMISSIONS)) wrong.push(`assigns unlike ASSIGNER_PERMISSIONS: ${set.join(" ")}`);
      if (wrong.length > 5) break;
    }
    expect(wrong).toEqual([]);
    expect(sets).toBe(2 ** 18);
    expect(approvers).toBeGreaterThan(0);
  });

  it("a reply and a note are separate rights; files go with either", () => {
    const noteOnly = someone(["ticket.view_all", "ticket.view_internal"]);
    expect(replyRights(noteOnly)).toEqual({ publicReply: false, internalNote: true });
    expect(mayComment(noteOnly, false)).toBe(false);
    expect(mayComment(noteOnly, true)).toBe(true);
    expect(mayWriteInThread(noteOnly)).toBe(true);
    expect(mayWriteInThread(someone(["ticket.view_all"]))).toBe(false);
    expect(replyRights(actor("requester"))).toEqual({ publicReply: true, internalNote: false });
  });
});
