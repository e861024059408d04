import { describe, expect, it } from "vitest";
import { changeUserRoleSchema, forgotPasswordSchema, inviteUserSchema, saveUserMembershipsSchema, setPasswordWithLinkSchema, TOKEN_PATTERN, userListSchema } from "./users";
import { newPasswordField } from "./account";

const ROLE = "0190a0b0-0000-7000-8000-000000000001";
const TOKEN = "A".repeat(43);

describe("users schemas", () => {
  it("an invite's e-mail is trimmed and lower-cased; bad input lands on its field", () => {
    expect(inviteUserSchema.parse({ email: "  Pat.Doe@Example.ORG ", name: " Pat Doe ", roleId: ROLE })).toEqual({ email: "pat.doe@example.org", name: "Pat Doe", roleId: ROLE, projectIds: [] });
    const bad = inviteUserSchema.safeParse({ email: "not-an-address", name: "", roleId: "x" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["email", "name", "roleId"]));
    expect(inviteUserSchema.safeParse({ email: "a@b.test", name: "Line\nbreak", roleId: ROLE }).success).toBe(false);
    expect(inviteUserSchema.safeParse({ email: "a@b.test", name: "Pat", roleId: ROLE, passwordHash: "x" }).success).toBe(false);
  });

  it("an invite's projects are ids, each once, at most 100", () => {
    const P = "0190a0b0-0000-7000-8000-000000000002";
    expect(inviteUserSchema.parse({ email: "a@b.test", name: "Pat", roleId: ROLE, projectIds: [P, P] }).projectIds).toEqual([P]);
    const bad = inviteUserSchema.safeParse({ email: "a@b.test", name: "Pat", roleId: ROLE, projectIds: ["SUP"] });
    expect(bad.error!.issues.map((i) => i.path.join("."))).toEqual(["projectIds.0"]);
    expect(inviteUserSchema.safeParse({ email: "a@b.test", name: "Pat", roleId: ROLE, projectIds: Array.from({ length: 101 }, () => P) }).success).toBe(false);
  });

  it("a user's memberships: what they become and what the admin saw; triage only for members, each project once", () => {
    const P = "0190a0b0-0000-7000-8000-000000000002";
    const change = { projectId: P, now: { member: true, triage: true }, seen: { member: false, triage: false } };
    expect(saveUserMembershipsSchema.safeParse({ userId: ROLE, changes: [change] }).success).toBe(true);
    const paths = (input: unknown) => saveUserMembershipsSchema.safeParse(input).error!.issues.map((i) => i.path.join("."));
    expect(paths({ userId: ROLE, changes: [] })).toEqual(["changes"]);
    expect(paths({ userId: ROLE, changes: [{ ...change, now: { member: false, triage: true } }] })).toEqual(["changes.0.now.triage"]);
    expect(paths({ userId: ROLE, changes: [change, change] })).toEqual(["changes.1.projectId"]);
    expect(paths({ userId: ROLE, changes: [{ ...change, seen: undefined }] })).toEqual(["changes.0.seen"]);
  });

  it("a role change carries the role the admin saw (compare-and-set)", () => {
    expect(changeUserRoleSchema.safeParse({ userId: ROLE, roleId: ROLE }).success).toBe(false);
    expect(changeUserRoleSchema.safeParse({ userId: ROLE, roleId: ROLE, expectedRoleId: ROLE }).success).toBe(true);
  });

  it("the link's password follows the same rules as /settings/password and must be typed twice alike", () => {
    const ok = { token: TOKEN, purpose: "invite", password: "long-enough-1", confirmPassword: "long-enough-1" };
    expect(setPasswordWithLinkSchema.safeParse(ok).success).toBe(true);
    const mismatch = setPasswordWithLinkSchema.safeParse({ ...ok, confirmPassword: "something-else" });
    expect(mismatch.error!.issues.map((i) => i.path.join("."))).toEqual(["confirmPassword"]);
    const short = setPasswordWithLinkSchema.safeParse({ ...ok, password: "short", confirmPassword: "short" });
    expect(short.error!.issues[0]!.message).toBe(newPasswordField().safeParse("short").error!.issues[0]!.message);
    expect(setPasswordWithLinkSchema.safeParse({ ...ok, token: "../../etc" }).success).toBe(false);
    expect(setPasswordWithLinkSchema.safeParse({ ...ok, purpose: "sign_in" }).success).toBe(false);
    // A confirmation link confirms an address; it never sets a password.
    expect(setPasswordWithLinkSchema.safeParse({ ...ok, purpose: "email_confirmation" }).success).toBe(false);
  });

  it("tokens are 43 base64url characters (32 bytes)", () => {
    expect(TOKEN_PATTERN.test(Buffer.alloc(32, 7).toString("base64url"))).toBe(true);
    expect(TOKEN_PATTERN.test(`${TOKEN}=`)).toBe(false);
  });

  it("the list's query string: empty values are no filter, unknown ones are refused", () => {
    expect(userListSchema.parse({ q: "  smith ", role: "", status: "" })).toEqual({ q: "smith" });
    expect(userListSchema.safeParse({ status: "pending" }).success).toBe(false);
    expect(userListSchema.safeParse({ role: "admin" }).success).toBe(false);
    expect(forgotPasswordSchema.parse({ email: " Me@Acme.Test" })).toEqual({ email: "me@acme.test" });
  });
});
