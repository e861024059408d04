import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, AUDIT_ACTION_LABELS, auditActionLabel, isKnownAuditAction } from "./actions";

const ROOT = path.resolve(__dirname, "../../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "generated" || name === "node_modules") return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : [];
  });
}

/** Every `action: "<entity>.<verb>"` the app's code writes (audit rows; history actions have no dot). */
function writtenActions(): Set<string> {
  const found = new Set<string>();
  for (const file of [...sourceFiles(path.join(ROOT, "lib")), ...sourceFiles(path.join(ROOT, "app"))]) {
    for (const m of readFileSync(file, "utf8").matchAll(/action: "([a-z_]+\.[a-z_.]+)"/g)) found.add(m[1]!);
    // Helpers that take the action as an argument: auditAsset(tx, actor, meta, asset, "asset.updated", …).
    for (const m of readFileSync(file, "utf8").matchAll(/auditAsset\([^)]*?"([a-z_]+\.[a-z_]+)"/g)) found.add(m[1]!);
  }
  return found;
}

describe("audit action labels", () => {
  it("label every action the code writes today", () => {
    const written = writtenActions();
    // The scan finds the known writers (a scan that finds nothing proves nothing).
    for (const a of ["auth.sign_in", "auth.sign_in_failed", "desk.export", "attachment.removed", "audit.exported", "asset.created", "asset.component_added"]) expect(written).toContain(a);
    const unlabelled = [...written].filter((a) => !isKnownAuditAction(a));
    expect(unlabelled).toEqual([]);
  });

  it("label the actions the other admin sections write", () => {
    for (const a of [
      "user.invited", "user.role_changed", "user.deactivated", "user.reactivated",
      "role.permissions_changed", "role.created", "role.deleted",
      "project.created", "project.updated", "project.member_added", "project.member_removed",
      "tag.created", "tag.updated", "tag.deleted", "tag.merged",
      "settings.updated", "asset.created", "asset.updated", "audit.exported",
    ]) expect(isKnownAuditAction(a), a).toBe(true);
  });

  it("labels read as words, never as codes, and are distinct", () => {
    const labels = Object.values(AUDIT_ACTION_LABELS);
    expect(new Set(labels).size).toBe(labels.length);
    // Words, an acronym among them ("API token created"), and at most one aside in parentheses; never a code.
    const words = /^(?:[A-Z][a-z-]+|[A-Z]{2,})(?: (?:[a-z-]+|[A-Z]{2,}))*(?: \((?:[a-z-]+|[A-Z]{2,})(?: (?:[a-z-]+|[A-Z]{2,}))*\))?$/;
    for (const label of labels) expect(label).toMatch(words);
    for (const code of ["api_token.created", "auth.sign_in", "Api_token created", "SIGN_IN", "Signed in ()"]) expect(code).not.toMatch(words);
    expect(AUDIT_ACTIONS).toContain("auth.sign_in");
  });

  it("falls back to a readable label for an action it does not know", () => {
    expect(auditActionLabel("webhook.secret_rotated")).toBe("Webhook: secret rotated");
    expect(auditActionLabel("sla_policy.updated")).toBe("Sla policy: updated");
    expect(auditActionLabel("odd")).toBe("Odd");
    expect(auditActionLabel("")).toBe("Unknown event");
    expect(auditActionLabel("auth.sign_in")).toBe("Signed in");
  });
});
