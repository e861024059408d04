import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/actor";
import { createTicket } from "@/lib/domain/tickets/create-ticket";
import { createSubtask } from "@/lib/domain/relationships/create-subtask";
import { updateTicket } from "@/lib/domain/tickets/update-ticket";
import { receiveUpload, UploadRefused } from "@/lib/domain/attachments/upload";
import type { UploadConfig } from "@/lib/domain/attachments/config";
import { UPLOAD_TYPES } from "@/lib/domain/attachments/types";
import { organizationUploadLimits } from "@/lib/domain/attachments/organization-limits";
import { bytesToMb, DEFAULT_ORGANIZATION_SETTINGS, type UpdateOrganizationSettingsInput } from "@/lib/validation/organization-settings";
import * as files from "@/test/fixtures/files";
import { expectAppError, seededDemo, type Demo } from "@/test/integration/helpers";
import { loadOrganizationProfile } from "./settings";
import { SETTINGS_CONFLICT, updateOrganizationSettings } from "./update-settings";

let demo: Demo;
let dataDir: string;
const a = (email: keyof Demo["actors"]) => demo.actors[email];
const meta = { ip: "203.0.113.9", userAgent: "IntegrationTest/1.0 (settings)" };
const INSTALLATION = { maxBytes: 10 * 1024 * 1024, allowedTypes: [...UPLOAD_TYPES] };

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "helpdesk-settings-"));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});
beforeEach(async () => {
  demo = await seededDemo();
});

/** The settings form as the page would send it, for the actor's organization. */
async function form(actor: Actor, change: Partial<UpdateOrganizationSettingsInput> = {}): Promise<UpdateOrganizationSettingsInput> {
  const org = await loadOrganizationProfile(actor.organizationId);
  return {
    name: org.name,
    timeZone: org.settings.timeZone,
    defaultPriority: org.settings.defaultPriority,
    requestersMayCreateTags: org.settings.requestersMayCreateTags,
    requestersMayRegister: org.settings.requestersMayRegister,
    attachmentMaxMb: bytesToMb(org.settings.attachmentMaxBytes ?? INSTALLATION.maxBytes),
    allowedFileTypes: org.settings.allowedFileTypes ?? [...UPLOAD_TYPES],
    updatedAt: org.updatedAt.toISOString(),
    ...change,
  };
}
const save = async (actor: Actor, change: Partial<UpdateOrganizationSettingsInput> = {}) =>
  updateOrganizationSettings(actor, await form(actor, change), meta, { installation: INSTALLATION });

describe("organization settings", () => {
  it("read as the defaults for the demo organizations, and bad stored JSON never breaks a page", async () => {
    expect((await loadOrganizationProfile(demo.acme.id)).settings).toEqual(DEFAULT_ORGANIZATION_SETTINGS);
    await db.organization.update({ where: { id: demo.acme.id }, data: { settings: { timeZone: "Nowhere/Land", defaultPriority: 7, attachmentMaxBytes: "big", allowedFileTypes: "pdf" } } });
    expect((await loadOrganizationProfile(demo.acme.id)).settings).toEqual(DEFAULT_ORGANIZATION_SETTINGS);
    await db.organization.update({ where: { id: demo.acme.id }, data: { settings: ["not", "an", "object"] } });
    expect((await loadOrganizationProfile(demo.acme.id)).settings).toEqual(DEFAULT_ORGANIZATION_SETTINGS);
    // The page's form still saves over it.
    await save(a("admin@acme.test"), { timeZone: "Europe/Paris" });
    expect((await loadOrganizationProfile(demo.acme.id)).settings.timeZone).toBe("Europe/Paris");
  });

  it("save with one audit row holding the old and new value of each changed field, keeping other keys", async () => {
    const admin = a("admin@acme.test");
    await db.organization.update({ where: { id: demo.acme.id }, data: { settings: { branding: { colour: "#0f766e" } } } });
    const res = await save(admin, { name: "Acme Corporation", timeZone: "America/New_York", defaultPriority: "high", attachmentMaxMb: 2 });
    expect(res.changed.sort()).toEqual(["attachmentMaxBytes", "defaultPriority", "name", "timeZone"]);
    const org = await db.organization.findUniqueOrThrow({ where: { id: demo.acme.id } });
    expect(org.name).toBe("Acme Corporation");
    expect(org.settings).toMatchObject({ branding: { colour: "#0f766e" }, timeZone: "America/New_York", defaultPriority: "high", attachmentMaxBytes: 2 * 1024 * 1024, allowedFileTypes: null });
    const rows = await db.auditLog.findMany({ where: { action: "settings.updated" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      organizationId: demo.acme.id,
      actorId: admin.id,
      entityType: "Organization",
      ip: meta.ip,
      userAgent: meta.userAgent,
      data: {
        old: { name: "Acme", timeZone: "UTC", defaultPriority: "normal", attachmentMaxBytes: null },
        new: { name: "Acme Corporation", timeZone: "America/New_York", defaultPriority: "high", attachmentMaxBytes: 2 * 1024 * 1024 },
      },
    });
    // Saving the same values again writes nothing.
    expect((await save(admin)).changed).toEqual([]);
    expect(await db.auditLog.count({ where: { action: "settings.updated" } })).toBe(1);
    // Globex is untouched.
    expect((await db.organization.findUniqueOrThrow({ where: { id: demo.globex.id } })).name).toBe("Globex");
  });

  it("are compare-and-set: a save over someone else's is a CONFLICT and writes nothing", async () => {
    const admin = a("admin@acme.test");
    const stale = await form(admin, { name: "Acme (mine)" });
    await save(admin, { name: "Acme (theirs)" });
    const err = await expectAppError(updateOrganizationSettings(admin, stale, meta, { installation: INSTALLATION }), "CONFLICT");
    expect(err.message).toBe(SETTINGS_CONFLICT);
    expect((await db.organization.findUniqueOrThrow({ where: { id: demo.acme.id } })).name).toBe("Acme (theirs)");
    expect(await db.auditLog.count({ where: { action: "settings.updated" } })).toBe(1);
  });

  it("keep uploads within the installation's ceiling and need org.manage", async () => {
    const admin = a("admin@acme.test");
    const big = await expectAppError(save(admin, { attachmentMaxMb: 11 }), "VALIDATION");
    expect(big.fieldErrors?.attachmentMaxMb?.[0]).toMatch(/at most 10 MB/);
    const types = await expectAppError(updateOrganizationSettings(admin, await form(admin, { allowedFileTypes: ["pdf", "docx"] }), meta, { installation: { maxBytes: INSTALLATION.maxBytes, allowedTypes: ["pdf", "png"] } }), "VALIDATION");
    expect(types.fieldErrors?.allowedFileTypes?.[0]).toMatch(/DOCX/);
    await expectAppError(save(a("agent@acme.test"), { name: "Hijacked" }), "NOT_FOUND");
    // Globex's admin saves Globex's settings: the organization comes from the session.
    await save(a("admin@globex.test"), { name: "Globex Ltd" });
    expect((await db.organization.findUniqueOrThrow({ where: { id: demo.acme.id } })).name).toBe("Acme");
    expect((await db.organization.findUniqueOrThrow({ where: { id: demo.globex.id } })).name).toBe("Globex Ltd");
    expect(await db.auditLog.count({ where: { action: "settings.updated", organizationId: demo.acme.id } })).toBe(0);
  });
});

describe("settings where they act", () => {
  it("the default priority is given to tickets created without one (subtasks), never overriding a chosen one", async () => {
    await save(a("admin@acme.test"), { defaultPriority: "high" });
    const requester = a("requester@acme.test");
    const plain = await createTicket(requester, { requestType: "support", title: "No priority given" });
    const chosen = await createTicket(requester, { requestType: "support", title: "Low one", priority: "low" });
    const sub = await createSubtask(a("agent@acme.test"), { parentId: plain.id, title: "Check the cable", description: "" });
    const prio = async (id: string) => (await db.ticket.findUniqueOrThrow({ where: { id }, select: { priority: true } })).priority;
    expect(await prio(plain.id)).toBe("high");
    expect(await prio(chosen.id)).toBe("low");
    expect(await prio(sub.id)).toBe("high");
    // Globex keeps its own default.
    const g = await createTicket(a("requester@globex.test"), { requestType: "support", title: "Globex one" });
    expect(await prio(g.id)).toBe("normal");
  });

  it("uploads obey the organization's size and types (route check and the browser's hint alike)", async () => {
    const requester = a("requester@acme.test");
    const ticket = await createTicket(requester, { requestType: "support", title: "Files" });
    const config: UploadConfig = { dataDir, maxBytes: INSTALLATION.maxBytes, allowedTypes: [...UPLOAD_TYPES] };
    const send = (name: string, bytes: Uint8Array) =>
      receiveUpload(requester, { ticketId: ticket.id, fileName: name, contentLength: null, body: new Blob([new Uint8Array(bytes)]).stream() }, { config });
    const text = new TextEncoder().encode("x".repeat(200 * 1024));
    expect((await send("log.txt", text)).size).toBe(200 * 1024);

    await save(a("admin@acme.test"), { attachmentMaxMb: 0.1, allowedFileTypes: ["txt", "pdf"] });
    const tooBig = await send("log.txt", text).catch((e) => e);
    expect(tooBig).toBeInstanceOf(UploadRefused);
    expect(tooBig).toMatchObject({ status: 413, message: "File is larger than 102 KB" });
    const png = await send("photo.png", files.png()).catch((e) => e);
    expect(png).toMatchObject({ status: 415 });
    expect(png.message).toMatch(/Allowed types: PDF, TXT/);
    expect((await send("small.txt", new TextEncoder().encode("fine"))).size).toBe(4);
    expect(await organizationUploadLimits(demo.acme.id)).toEqual({ maxBytes: 104858, allowedTypes: ["pdf", "txt"] });
    // Another organization's uploads keep the installation's limits.
    expect((await organizationUploadLimits(demo.globex.id)).allowedTypes).toContain("png");
  });

  it("people who are not staff create new tags only when the setting allows; staff always; existing tags always", async () => {
    const admin = a("admin@acme.test");
    // A requester who may also edit ticket fields (and so tags): not staff.
    const requesterRole = await db.role.findFirstOrThrow({ where: { organizationId: demo.acme.id, builtIn: "requester" } });
    const role = await db.role.create({ data: { organizationId: demo.acme.id, name: "Requester who tags", permissions: [...requesterRole.permissions, "ticket.assign"] } });
    await db.user.update({ where: { id: a("requester2@acme.test").id }, data: { roleId: role.id } });
    const tagger = (await loadActor(a("requester2@acme.test").id))!;
    const ticket = await createTicket(tagger, { requestType: "support", title: "Tag me" });
    await db.tag.create({ data: { organizationId: demo.acme.id, name: "existing-tag" } });
    const version = async () => (await db.ticket.findUniqueOrThrow({ where: { id: ticket.id }, select: { version: true } })).version;

    const refused = await expectAppError(updateTicket(tagger, { ticketId: ticket.id, version: await version(), changes: { tags: ["brand-new"] } }), "VALIDATION");
    expect(refused.fieldErrors?.tags?.[0]).toMatch(/“brand-new” is not a tag yet/);
    expect(await db.tag.count({ where: { organizationId: demo.acme.id, name: "brand-new" } })).toBe(0);
    await updateTicket(tagger, { ticketId: ticket.id, version: await version(), changes: { tags: ["existing-tag"] } });

    await save(admin, { requestersMayCreateTags: true });
    await updateTicket(tagger, { ticketId: ticket.id, version: await version(), changes: { tags: ["existing-tag", "brand-new"] } });
    expect(await db.tag.count({ where: { organizationId: demo.acme.id, name: "brand-new" } })).toBe(1);

    await save(admin, { requestersMayCreateTags: false });
    const agent = a("agent@acme.test");
    const staffTicket = await createTicket(a("requester@acme.test"), { requestType: "support", title: "Staff tags it" });
    await updateTicket(agent, { ticketId: staffTicket.id, version: 1, changes: { tags: ["staff-made"] } });
    expect(await db.tag.count({ where: { organizationId: demo.acme.id, name: "staff-made" } })).toBe(1);
  });
});
