import { createHash, randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { addComment } from "@/lib/domain/tickets/add-comment";
import { createTicket } from "@/lib/domain/tickets/create-ticket";
import { getTicketDetail } from "@/lib/domain/tickets/queries";
import { purgeTicket } from "@/lib/domain/tickets/delete-ticket";
import { removeAttachment } from "./remove";
import * as files from "@/test/fixtures/files";
import { expectAppError, seededDemo, type Demo } from "@/test/integration/helpers";
import type { UploadConfig } from "./config";
import { cleanupPendingUploads } from "./cleanup";
import { downloadResponse, uploadResponse } from "./http";
import { storedPath, tempDir } from "./store";
import { UPLOAD_TYPES } from "./types";

// Attachments end to end below the browser: the route handlers' functions
// called with real Request objects, a real PostgreSQL and real files in a
// temporary DATA_DIR.

let demo: Demo;
let config: UploadConfig;
let ticket: { id: string; number: string };
let other: { id: string; number: string };

const LIMIT = 256 * 1024;
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const actor = (email: keyof Demo["actors"]) => demo.actors[email];

beforeAll(async () => {
  demo = await seededDemo();
  config = { dataDir: await mkdtemp(path.join(tmpdir(), "helpdesk-uploads-")), maxBytes: LIMIT, allowedTypes: UPLOAD_TYPES };
  ticket = await createTicket(actor("requester@acme.test"), { requestType: "support", title: "Broken screen", description: "Photos attached" });
  other = await createTicket(actor("requester@acme.test"), { requestType: "support", title: "Second ticket" });
});

afterAll(async () => {
  await rm(config.dataDir, { recursive: true, force: true });
});

type Body = Uint8Array | ReadableStream<Uint8Array> | string | null;

function uploadRequest(ticketId: string, name: string | null, body: Body, opts: { purpose?: string; headers?: Record<string, string> } = {}) {
  const q = new URLSearchParams({ ticketId, ...(opts.purpose ? { purpose: opts.purpose } : {}) });
  return new Request(`http://localhost/api/uploads?${q}`, {
    method: "POST",
    headers: { ...(name === null ? {} : { "X-Filename": encodeURIComponent(name) }), "Content-Type": "text/html", ...opts.headers },
    body: (body instanceof Uint8Array ? new Uint8Array(body) : body) as BodyInit | null,
    // @ts-expect-error Node's fetch needs duplex for a streamed body (not in the DOM types)
    duplex: "half",
  });
}

async function upload(who: Actor | null, ticketId: string, name: string, bytes: Body, opts: { purpose?: string; config?: UploadConfig } = {}) {
  const res = await uploadResponse(who, uploadRequest(ticketId, name, bytes, opts), { config: opts.config ?? config });
  return { status: res.status, body: (await res.json()) as { ok: boolean; message?: string; code?: string; attachment?: { id: string; mimeType: string; size: number; pending: boolean } } };
}

async function download(who: Actor | null, id: string, query = "") {
  return downloadResponse(who, id, new Request(`http://localhost/api/attachments/${id}${query}`), { config });
}

/** A body that counts how much of it was pulled: proof that reading stopped. */
function endless(chunkSize: number) {
  const state = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulled++;
      controller.enqueue(new Uint8Array(chunkSize).fill(0x61));
      if (state.pulled > 10_000) controller.close();
    },
  });
  return { stream, state };
}

const rowCount = () => db.attachment.count();
const historyCount = (ticketId: string) => db.ticketHistory.count({ where: { ticketId, action: "attachment_added" } });
async function filesOnDisk(): Promise<string[]> {
  const root = path.join(config.dataDir, "uploads");
  const out: string[] = [];
  for (const dir of await readdir(root).catch(() => [] as string[])) {
    if (dir === "tmp") continue;
    for (const f of await readdir(path.join(root, dir))) out.push(`${dir}/${f}`);
  }
  return out.sort();
}
const tempFiles = () => readdir(tempDir(config)).catch(() => [] as string[]);

describe("upload to the ticket", () => {
  it("stores the file by content hash outside public/, decides the type from the bytes, and writes the history row", async () => {
    const png = files.png(8, 8);
    const before = await historyCount(ticket.id);
    const { status, body } = await upload(actor("requester@acme.test"), ticket.id, "screen.png", png);
    expect(status).toBe(201);
    // The request claimed text/html; the stored type is what the bytes are.
    expect(body.attachment).toMatchObject({ mimeType: "image/png", size: png.length, pending: false });
    const row = await db.attachment.findUniqueOrThrow({ where: { id: body.attachment!.id } });
    expect(row).toMatchObject({ ticketId: ticket.id, commentId: null, originalName: "screen.png", sha256: sha(png), uploadedById: actor("requester@acme.test").id });
    expect(storedPath(config, row.sha256)).toBe(path.join(config.dataDir, "uploads", row.sha256.slice(0, 2), row.sha256));
    expect(await readFile(storedPath(config, row.sha256))).toEqual(png);
    expect(await historyCount(ticket.id)).toBe(before + 1);
    const h = await db.ticketHistory.findFirstOrThrow({ where: { ticketId: ticket.id, action: "attachment_added" }, orderBy: { createdAt: "desc" } });
    expect(h).toMatchObject({ newValue: "screen.png", internal: false, actorId: actor("requester@acme.test").id });
    expect(await tempFiles()).toEqual([]);
  });

  it("the row and its history row share one transaction with placing the file: a failed placement leaves neither", async () => {
    const bytes = files.text("a file whose folder cannot be created\n");
    const digest = sha(bytes);
    const blocker = path.join(config.dataDir, "uploads", digest.slice(0, 2));
    await mkdir(path.dirname(blocker), { recursive: true });
    await writeFile(blocker, "not a folder");
    const [rows, history] = [await rowCount(), await historyCount(ticket.id)];
    const { status, body } = await upload(actor("requester@acme.test"), ticket.id, "notes.txt", bytes);
    expect(status).toBe(500);
    expect(body.message).toBe("The file could not be saved. Please try again.");
    expect(await rowCount()).toBe(rows);
    expect(await historyCount(ticket.id)).toBe(history);
    expect(await tempFiles()).toEqual([]);
    await rm(blocker);
  });

  it("dedupes by hash: the same bytes under two names and tickets are two rows and one file", async () => {
    const pdf = files.pdf("dedupe");
    const filesBefore = await filesOnDisk();
    const a = await upload(actor("requester@acme.test"), ticket.id, "invoice.pdf", pdf);
    const b = await upload(actor("agent@acme.test"), other.id, "copy of invoice.pdf", pdf);
    expect([a.status, b.status]).toEqual([201, 201]);
    const rows = await db.attachment.findMany({ where: { sha256: sha(pdf) } });
    expect(rows.map((r) => r.originalName).sort()).toEqual(["copy of invoice.pdf", "invoice.pdf"]);
    expect(await filesOnDisk()).toEqual([...filesBefore, `${sha(pdf).slice(0, 2)}/${sha(pdf)}`].sort());
  });

  it("accepts every allowed type by content", async () => {
    const cases: [string, Buffer, string][] = [
      ["a.pdf", files.pdf("all types"), "application/pdf"],
      ["b.jpeg", files.jpeg(), "image/jpeg"],
      ["c.doc", files.ole(), "application/msword"],
      ["d.xlsx", files.xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
      ["e.docx", files.docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
      ["f.csv", files.text("a,b\n1,2\n"), "text/csv; charset=utf-8"],
    ];
    for (const [name, bytes, mime] of cases) {
      const { status, body } = await upload(actor("agent@acme.test"), ticket.id, name, bytes);
      expect(status, name).toBe(201);
      expect(body.attachment?.mimeType, name).toBe(mime);
    }
  });
});

describe("refusals write nothing and say why", () => {
  let before: { rows: number; history: number; files: string[] };
  beforeEach(async () => {
    before = { rows: await rowCount(), history: await historyCount(ticket.id), files: await filesOnDisk() };
  });
  const nothingWritten = async () => {
    expect(await rowCount()).toBe(before.rows);
    expect(await historyCount(ticket.id)).toBe(before.history);
    expect(await filesOnDisk()).toEqual(before.files);
    expect(await tempFiles()).toEqual([]);
  };

  it("a body over the limit: reading stops at the limit, the partial file is deleted, 413", async () => {
    const { stream, state } = endless(64 * 1024);
    const { status, body } = await upload(actor("requester@acme.test"), ticket.id, "big.log", stream);
    expect(status).toBe(413);
    expect(body.message).toBe("File is larger than 256 KB");
    // 256 KB is four 64 KB chunks: the fifth crosses the limit; the stream offered 10,000.
    expect(state.pulled).toBeLessThanOrEqual(7);
    await nothingWritten();
  });

  it("the default limit says 'File is larger than 10 MB'", async () => {
    const tenMb = { ...config, maxBytes: 10 * 1024 * 1024 };
    const { stream, state } = endless(1024 * 1024);
    const { status, body } = await upload(actor("requester@acme.test"), ticket.id, "huge.txt", stream, { config: tenMb });
    expect(status).toBe(413);
    expect(body.message).toBe("File is larger than 10 MB");
    expect(state.pulled).toBeLessThanOrEqual(13);
    await nothingWritten();
  });

  it("a declared Content-Length over the limit is refused before reading", async () => {
    const { stream, state } = endless(1024);
    const res = await uploadResponse(actor("requester@acme.test"), uploadRequest(ticket.id, "big.pdf", stream, { headers: { "Content-Length": String(LIMIT + 1) } }), { config });
    expect(res.status).toBe(413);
    expect(state.pulled).toBeLessThanOrEqual(1);
    await nothingWritten();
  });

  it("exactly the limit is accepted", async () => {
    const { status } = await upload(actor("requester@acme.test"), other.id, "exact.txt", Buffer.alloc(LIMIT, 0x62));
    expect(status).toBe(201);
  });

  it.each<[string, () => Buffer, number, RegExp]>([
    ["empty.txt", () => Buffer.alloc(0), 422, /^The file is empty\.$/],
    ["photo.pdf", () => files.png(), 415, /does not match its \.pdf name: it is not a PDF document \(it looks like a PNG image\)/],
    ["setup.pdf", () => files.exe(), 415, /executable files cannot be attached/],
    ["readme.txt", () => files.exe(), 415, /executable files cannot be attached/],
    ["notes.txt", () => Buffer.from("a\0b"), 415, /NUL bytes/],
    ["latin1.csv", () => Buffer.from("M\xfcller", "latin1"), 415, /not valid UTF-8/],
    ["report.docx", () => files.zip({ "word/document.xml": "<w:document/>" }), 415, /not a Word document/],
    ["setup.exe", () => files.exe(), 415, /^\.exe files are not allowed\. Allowed types: PDF, PNG, JPG/],
    ["../../etc/passwd.txt", () => files.text(), 400, /slashes or folder names/],
    ["CON.txt", () => files.text(), 400, /reserved file name/],
    ["evil\u0000.txt", () => files.text(), 400, /control characters/],
  ])("%j → %d", async (name, bytes, status, message) => {
    const res = await upload(actor("requester@acme.test"), ticket.id, name, bytes());
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ ok: false, message: expect.stringMatching(message) });
    await nothingWritten();
  });

  it("a type the configuration does not allow", async () => {
    const pdfOnly = { ...config, allowedTypes: ["pdf"] as const };
    const res = await upload(actor("requester@acme.test"), ticket.id, "shot.png", files.png(), { config: pdfOnly });
    expect(res).toMatchObject({ status: 415, body: { message: ".png files are not allowed. Allowed types: PDF." } });
    await nothingWritten();
  });

  it("malformed requests are 4xx JSON, never 500", async () => {
    const agent = actor("agent@acme.test");
    const cases: [Request, number][] = [
      [uploadRequest(ticket.id, null, files.text()), 400],
      [new Request(`http://localhost/api/uploads?ticketId=${ticket.id}`, { method: "POST", headers: { "X-Filename": "%E0%A4%A.txt" }, body: "x" }), 400],
      [uploadRequest("not-a-uuid", "a.txt", files.text()), 400],
      [uploadRequest(ticket.id, "a.txt", files.text(), { purpose: "everything" }), 400],
      [uploadRequest(randomUUID(), "a.txt", files.text()), 404],
      [new Request("http://localhost/api/uploads", { method: "POST", headers: { "X-Filename": "a.txt" } }), 400],
    ];
    for (const [req, status] of cases) {
      const res = await uploadResponse(agent, req, { config });
      expect(res.status, req.url).toBe(status);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    }
    expect((await uploadResponse(null, uploadRequest(ticket.id, "a.txt", files.text()), { config })).status).toBe(401);
    await nothingWritten();
  });

  it("another organization's ticket and another requester's ticket answer like a ticket that does not exist", async () => {
    for (const who of [actor("agent@globex.test"), actor("requester2@acme.test")]) {
      const res = await upload(who, ticket.id, "a.txt", files.text());
      const missing = await upload(who, randomUUID(), "a.txt", files.text());
      expect(res).toEqual({ status: 404, body: { ok: false, code: "NOT_FOUND", message: "Ticket not found" } });
      expect(res).toEqual(missing);
    }
    await nothingWritten();
  });
});

describe("download", () => {
  let fileId: string;
  const bytes = files.png(16, 16, [200, 30, 30]);
  beforeAll(async () => {
    fileId = (await upload(actor("requester@acme.test"), ticket.id, "Bildschirm für Müller.png", bytes)).body.attachment!.id;
  });

  it("answers the file as an attachment with nosniff, its stored type and length, private caching", async () => {
    const res = await download(actor("agent@acme.test"), fileId);
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      "content-type": "image/png",
      "content-length": String(bytes.length),
      "content-disposition": `attachment; filename="Bildschirm fur Muller.png"; filename*=UTF-8''Bildschirm%20f%C3%BCr%20M%C3%BCller.png`,
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
    });
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
  });

  it("counts downloads (not inline previews)", async () => {
    const before = await db.attachment.findUniqueOrThrow({ where: { id: fileId } });
    await (await download(actor("requester@acme.test"), fileId)).arrayBuffer();
    await (await download(actor("agent@acme.test"), fileId)).arrayBuffer();
    const preview = await download(actor("agent@acme.test"), fileId, "?inline=1");
    await preview.arrayBuffer();
    const after = await db.attachment.findUniqueOrThrow({ where: { id: fileId } });
    expect(after.accessCount).toBe(before.accessCount + 2);
    expect(after.lastAccessedAt).toBeInstanceOf(Date);
    expect(after.lastAccessedAt!.getTime()).toBeGreaterThan(before.lastAccessedAt?.getTime() ?? 0);
  });

  it("inline preview only for PNG/JPEG, under a CSP that allows nothing to run", async () => {
    const png = await download(actor("agent@acme.test"), fileId, "?inline=1");
    expect(png.headers.get("content-disposition")).toMatch(/^inline; /);
    expect(png.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(png.headers.get("content-security-policy")).toContain("sandbox");
    const pdfId = (await upload(actor("agent@acme.test"), ticket.id, "inline.pdf", files.pdf("inline?"))).body.attachment!.id;
    const pdf = await download(actor("agent@acme.test"), pdfId, "?inline=1");
    expect(pdf.headers.get("content-disposition")).toMatch(/^attachment; /);
  });

  it("is not found for another organization, another requester, a bad id or a missing file", async () => {
    for (const who of [actor("agent@globex.test"), actor("admin@globex.test"), actor("requester2@acme.test")]) {
      const res = await download(who, fileId);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ ok: false, code: "NOT_FOUND", message: "File not found" });
    }
    expect((await download(actor("agent@acme.test"), "../../etc/passwd")).status).toBe(404);
    expect((await download(actor("agent@acme.test"), randomUUID())).status).toBe(404);
    expect((await download(null, fileId)).status).toBe(401);
    const count = (await db.attachment.findUniqueOrThrow({ where: { id: fileId } })).accessCount;
    const lonely = files.text("only row, then its file is lost\n");
    const lonelyId = (await upload(actor("agent@acme.test"), ticket.id, "lost.txt", lonely)).body.attachment!.id;
    await rm(storedPath(config, sha(lonely)));
    expect((await download(actor("agent@acme.test"), lonelyId)).status).toBe(404);
    expect((await db.attachment.findUniqueOrThrow({ where: { id: fileId } })).accessCount).toBe(count);
  });

  it("a soft-deleted ticket's files are not found", async () => {
    const t = await createTicket(actor("requester@acme.test"), { requestType: "support", title: "To be deleted" });
    const id = (await upload(actor("requester@acme.test"), t.id, "x.txt", files.text("deleted\n"))).body.attachment!.id;
    await db.ticket.update({ where: { id: t.id }, data: { deletedAt: new Date() } });
    expect((await download(actor("requester@acme.test"), id)).status).toBe(404);
    expect((await download(actor("agent@acme.test"), id)).status).toBe(404);
  });
});

describe("files for a reply: pending until the reply is sent", () => {
  it("a pending upload is seen by its uploader only, then bound to the reply in its transaction", async () => {
    const requester = actor("requester@acme.test");
    const agent = actor("agent@acme.test");
    const historyBefore = await historyCount(ticket.id);
    const up = await upload(requester, ticket.id, "error.log", files.text("ERROR 42\n"), { purpose: "comment" });
    expect(up.status).toBe(201);
    expect(up.body.attachment?.pending).toBe(true);
    const id = up.body.attachment!.id;
    expect(await historyCount(ticket.id)).toBe(historyBefore); // a pending upload writes no history yet

    expect((await download(agent, id)).status).toBe(404);
    expect((await download(requester, id)).status).toBe(200);
    for (const who of [agent, requester]) {
      const detail = await getTicketDetail(who, ticket.number);
      expect(detail.attachments.map((a) => a.id)).not.toContain(id);
    }

    // Only its uploader can bind it, only on its ticket; a refused reply writes nothing.
    const comments = await db.comment.count();
    const stale = await expectAppError(addComment(agent, { ticketId: ticket.id, body: "Mine now", attachmentIds: [id] }), "VALIDATION");
    expect(stale.fieldErrors?.attachmentIds?.[0]).toMatch(/no longer available/);
    await expectAppError(addComment(requester, { ticketId: other.id, body: "Wrong ticket", attachmentIds: [id] }), "VALIDATION");
    await expectAppError(addComment(actor("requester2@acme.test"), { ticketId: ticket.id, body: "Not mine", attachmentIds: [id] }), "NOT_FOUND");
    await expectAppError(addComment(requester, { ticketId: ticket.id, body: "Bad ids", attachmentIds: ["nope"] }), "VALIDATION");
    expect(await db.comment.count()).toBe(comments);
    expect(await db.attachment.findUniqueOrThrow({ where: { id } })).toMatchObject({ pending: true, commentId: null });

    const comment = await addComment(requester, { ticketId: ticket.id, body: "Here is the log", attachmentIds: [id, id] });
    expect(await db.attachment.findUniqueOrThrow({ where: { id } })).toMatchObject({ pending: false, commentId: comment.id });
    expect(await historyCount(ticket.id)).toBe(historyBefore + 1);
    expect((await download(agent, id)).status).toBe(200);
    const detail = await getTicketDetail(agent, ticket.number);
    expect(detail.attachments.find((a) => a.id === id)).toMatchObject({ commentId: comment.id, originalName: "error.log", uploadedBy: { name: expect.any(String) } });

    // Sent once: it cannot be bound again.
    await expectAppError(addComment(requester, { ticketId: ticket.id, body: "Again", attachmentIds: [id] }), "VALIDATION");
  });

  it("an internal note's files are internal: not found for the requester, anywhere", async () => {
    const agent = actor("agent@acme.test");
    const requester = actor("requester@acme.test");
    const id = (await upload(agent, ticket.id, "internal-diagnosis.pdf", files.pdf("internal"), { purpose: "comment" })).body.attachment!.id;
    await addComment(agent, { ticketId: ticket.id, body: "Looks like the vendor's bug", internal: true, attachmentIds: [id] });

    expect((await download(agent, id)).status).toBe(200);
    expect((await download(actor("manager@acme.test"), id)).status).toBe(200);
    expect((await download(requester, id)).status).toBe(404);
    expect((await download(requester, id, "?inline=1")).status).toBe(404);

    const portal = await getTicketDetail(requester, ticket.number, { requesterView: true, ownOnly: true });
    expect(portal.attachments.map((a) => a.id)).not.toContain(id);
    expect(JSON.stringify(portal)).not.toContain("internal-diagnosis.pdf");
    const desk = await getTicketDetail(agent, ticket.number);
    expect(desk.attachments.map((a) => a.id)).toContain(id);
    const row = await db.ticketHistory.findFirstOrThrow({ where: { ticketId: ticket.id, action: "attachment_added", newValue: "internal-diagnosis.pdf" } });
    expect(row.internal).toBe(true);
  });
});

describe("cleanupPendingUploads", () => {
  it("removes pending uploads older than a day and their files, keeping shared content and recent ones", async () => {
    const requester = actor("requester@acme.test");
    const shared = files.text("shared between a sent and an abandoned upload\n");
    const alone = files.text("abandoned alone\n");
    const recent = files.text("still being written\n");
    const sentId = (await upload(requester, ticket.id, "sent.txt", shared)).body.attachment!.id;
    const oldShared = (await upload(requester, ticket.id, "old-shared.txt", shared, { purpose: "comment" })).body.attachment!.id;
    const oldAlone = (await upload(requester, ticket.id, "old-alone.txt", alone, { purpose: "comment" })).body.attachment!.id;
    const fresh = (await upload(requester, ticket.id, "fresh.txt", recent, { purpose: "comment" })).body.attachment!.id;
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    await db.attachment.updateMany({ where: { id: { in: [oldShared, oldAlone] } }, data: { createdAt: twoDaysAgo } });
    await mkdir(tempDir(config), { recursive: true });
    const abandoned = path.join(tempDir(config), "abandoned.part");
    await writeFile(abandoned, "half an upload");
    await utimes(abandoned, twoDaysAgo, twoDaysAgo);

    const result = await cleanupPendingUploads({ config });
    expect(result).toEqual({ removed: 2, filesDeleted: 1, tempFilesDeleted: 1 });
    expect(await db.attachment.findMany({ where: { id: { in: [sentId, oldShared, oldAlone, fresh] } }, select: { id: true } })).toHaveLength(2);
    expect(await readFile(storedPath(config, sha(shared)))).toEqual(shared);
    await expect(readFile(storedPath(config, sha(alone)))).rejects.toThrow(/ENOENT/);
    expect(await readFile(storedPath(config, sha(recent)))).toEqual(recent);
    expect(await tempFiles()).toEqual([]);
  });
});

describe("purging a ticket", () => {
  it("deletes its files from disk, keeping content another ticket still shares", async () => {
    const requester = actor("requester@acme.test");
    const admin = actor("admin@acme.test");
    const t = await createTicket(requester, { requestType: "support", title: "To be purged" });
    const own = files.text("only on the purged ticket\n");
    const shared = files.text("on the purged ticket and on another\n");
    await upload(requester, t.id, "own.txt", own);
    await upload(requester, t.id, "shared.txt", shared);
    await upload(requester, other.id, "shared-too.txt", shared);
    await db.ticket.update({ where: { id: t.id }, data: { deletedAt: new Date() } });

    const result = await purgeTicket(admin, { ticketId: t.id }, {}, { uploads: config });
    expect(result.filesDeleted).toBe(1);
    expect(await db.attachment.count({ where: { ticketId: t.id } })).toBe(0);
    await expect(readFile(storedPath(config, sha(own)))).rejects.toThrow(/ENOENT/);
    expect(await readFile(storedPath(config, sha(shared)))).toEqual(shared);
  });
});

describe("removing a sent file", () => {
  const audits = (entityId: string) => db.auditLog.findMany({ where: { entityId, action: "attachment.removed" }, select: { actorId: true, data: true } });
  const removedHistory = (ticketId: string, name: string) =>
    db.ticketHistory.findMany({ where: { ticketId, action: "attachment_removed", oldValue: name }, select: { actorId: true, internal: true } });

  it("the uploader removes their own: row, history row and audit row in one go, and the unshared file leaves the disk", async () => {
    const requester = actor("requester@acme.test");
    const t = await createTicket(requester, { requestType: "support", title: "Oops, wrong file" });
    const bytes = files.text("password: hunter2\n");
    const id = (await upload(requester, t.id, "passwords.txt", bytes)).body.attachment!.id;

    await removeAttachment(requester, { attachmentId: id }, { config });
    expect(await db.attachment.count({ where: { id } })).toBe(0);
    expect(await removedHistory(t.id, "passwords.txt")).toEqual([{ actorId: requester.id, internal: false }]);
    expect(await audits(id)).toEqual([{ actorId: requester.id, data: expect.objectContaining({ ticket: t.number, name: "passwords.txt", sha256: sha(bytes) }) }]);
    await expect(readFile(storedPath(config, sha(bytes)))).rejects.toThrow(/ENOENT/);
    expect((await download(requester, id)).status).toBe(404);
    const portal = await getTicketDetail(requester, t.number, { requesterView: true, ownOnly: true });
    expect(portal.history.map((h) => h.action)).toContain("attachment_removed");
  });

  it("staff who edit tickets remove anyone's file; shared content stays on disk for the other row", async () => {
    const requester = actor("requester@acme.test");
    const shared = files.text("the same log on two tickets\n");
    const onTicket = (await upload(requester, ticket.id, "same.log", shared)).body.attachment!.id;
    const onOther = (await upload(requester, other.id, "same-again.log", shared)).body.attachment!.id;
    const result = await removeAttachment(actor("agent@acme.test"), { attachmentId: onTicket }, { config });
    expect(result.filesDeleted).toBe(0);
    expect(await readFile(storedPath(config, sha(shared)))).toEqual(shared);
    expect((await download(requester, onOther)).status).toBe(200);
  });

  it("a requester cannot remove staff's file (FORBIDDEN), nor see an internal note's (NOT_FOUND); other organizations and bad ids write nothing", async () => {
    const requester = actor("requester@acme.test");
    const agent = actor("agent@acme.test");
    const publicId = (await upload(agent, ticket.id, "agent-guide.pdf", files.pdf("guide"))).body.attachment!.id;
    const noteFile = (await upload(agent, ticket.id, "note.pdf", files.pdf("note"), { purpose: "comment" })).body.attachment!.id;
    await addComment(agent, { ticketId: ticket.id, body: "internal", internal: true, attachmentIds: [noteFile] });
    const before = { rows: await rowCount(), history: await db.ticketHistory.count(), audit: await db.auditLog.count() };

    await expectAppError(removeAttachment(requester, { attachmentId: publicId }, { config }), "FORBIDDEN");
    await expectAppError(removeAttachment(requester, { attachmentId: noteFile }, { config }), "NOT_FOUND");
    await expectAppError(removeAttachment(actor("admin@globex.test"), { attachmentId: publicId }, { config }), "NOT_FOUND");
    await expectAppError(removeAttachment(agent, { attachmentId: "not-a-uuid" }, { config }), "VALIDATION");
    await expectAppError(removeAttachment(agent, { attachmentId: randomUUID() }, { config }), "NOT_FOUND");
    expect({ rows: await rowCount(), history: await db.ticketHistory.count(), audit: await db.auditLog.count() }).toEqual(before);

    // Staff remove the internal note's file: the history row stays internal.
    await removeAttachment(agent, { attachmentId: noteFile }, { config });
    expect(await removedHistory(ticket.id, "note.pdf")).toEqual([{ actorId: agent.id, internal: true }]);
    const portal = await getTicketDetail(requester, ticket.number, { requesterView: true, ownOnly: true });
    expect(JSON.stringify(portal)).not.toContain("note.pdf");
  });
});

describe("files for a new request: staged with no ticket, bound in the creating transaction", () => {
  async function stage(who: Actor | null, name: string, bytes: Body, query = "purpose=request") {
    const req = new Request(`http://localhost/api/uploads?${query}`, {
      method: "POST",
      headers: { "X-Filename": encodeURIComponent(name), "Content-Type": "application/octet-stream" },
      body: (bytes instanceof Uint8Array ? new Uint8Array(bytes) : bytes) as BodyInit | null,
      // @ts-expect-error Node's fetch needs duplex for a streamed body (not in the DOM types)
      duplex: "half",
    });
    const res = await uploadResponse(who, req, { config });
    return { status: res.status, body: (await res.json()) as { ok: boolean; message?: string; attachment?: { id: string; pending: boolean } } };
  }
  const ticketsTitled = (title: string) => db.ticket.count({ where: { title } });

  it("a staged file has no ticket and is seen by nobody; creating the request binds it, with a history row, in one transaction", async () => {
    const requester = actor("requester@acme.test");
    const up = await stage(requester, "screen-photo.png", files.png());
    expect(up.status).toBe(201);
    const id = up.body.attachment!.id;
    expect(await db.attachment.findUniqueOrThrow({ where: { id } })).toMatchObject({ ticketId: null, pending: true, commentId: null, uploadedById: requester.id });
    // No ticket, so no scope lets anyone open it, its uploader included.
    for (const who of [requester, actor("agent@acme.test"), actor("admin@globex.test")]) expect((await download(who, id)).status).toBe(404);
    await expectAppError(removeAttachment(requester, { attachmentId: id }, { config }), "NOT_FOUND");

    const created = await createTicket(requester, { requestType: "support", title: "Cracked screen, photo attached", description: "See the photo", attachmentIds: [id, id] });
    expect(await db.attachment.findUniqueOrThrow({ where: { id } })).toMatchObject({ ticketId: created.id, pending: false, commentId: null });
    const history = await db.ticketHistory.findMany({ where: { ticketId: created.id }, orderBy: { id: "asc" }, select: { action: true, newValue: true, actorId: true, internal: true } });
    expect(history.map((h) => h.action)).toEqual(["created", "attachment_added"]);
    expect(history[1]).toMatchObject({ newValue: "screen-photo.png", actorId: requester.id, internal: false });
    const detail = await getTicketDetail(actor("agent@acme.test"), created.number);
    expect(detail.attachments.map((a) => a.originalName)).toEqual(["screen-photo.png"]);
    expect((await download(requester, id)).status).toBe(200);
  });

  it("another user's staged file, one already bound or a bad id fails the whole creation: no ticket, no number used, the file untouched", async () => {
    const requester = actor("requester@acme.test");
    const theirs = (await stage(actor("requester2@acme.test"), "theirs.txt", files.text("someone else's\n"))).body.attachment!.id;
    const mine = (await stage(requester, "mine.txt", files.text("mine\n"))).body.attachment!.id;
    const globex = (await stage(actor("admin@globex.test"), "globex.txt", files.text("another organization\n"))).body.attachment!.id;
    const counterBefore = await db.numberCounter.findMany({ where: { organizationId: requester.organizationId }, orderBy: { scope: "asc" } });

    for (const ids of [[mine, theirs], [globex], [mine, randomUUID()]]) {
      const e = await expectAppError(createTicket(requester, { requestType: "support", title: "Not with these files", description: "x", attachmentIds: ids }), "VALIDATION");
      expect(e.fieldErrors?.attachmentIds?.[0]).toMatch(/no longer available/);
    }
    await expectAppError(createTicket(requester, { requestType: "support", title: "Not with these files", description: "x", attachmentIds: ["nope"] }), "VALIDATION");
    expect(await ticketsTitled("Not with these files")).toBe(0);
    expect(await db.numberCounter.findMany({ where: { organizationId: requester.organizationId }, orderBy: { scope: "asc" } })).toEqual(counterBefore);
    for (const id of [theirs, mine, globex]) expect(await db.attachment.findUniqueOrThrow({ where: { id } })).toMatchObject({ ticketId: null, pending: true });

    // A reply's pending file (it has a ticket) is not a staged one either.
    const replyFile = (await upload(requester, ticket.id, "reply.txt", files.text("for a reply\n"), { purpose: "comment" })).body.attachment!.id;
    await expectAppError(createTicket(requester, { requestType: "support", title: "Not with these files", description: "x", attachmentIds: [replyFile] }), "VALIDATION");

    const created = await createTicket(requester, { requestType: "support", title: "With my file", description: "x", attachmentIds: [mine] });
    await expectAppError(createTicket(requester, { requestType: "support", title: "Not with these files", description: "x", attachmentIds: [mine] }), "VALIDATION");
    expect(await db.attachment.findUniqueOrThrow({ where: { id: mine } })).toMatchObject({ ticketId: created.id });
    expect(await ticketsTitled("Not with these files")).toBe(0);
  });

  it("the target is checked: a request's file takes no ticket, a ticket's file needs one; the route answers 4xx JSON, and 401 signed out", async () => {
    const requester = actor("requester@acme.test");
    const rows = await rowCount();
    const withTicket = await stage(requester, "a.txt", files.text("a\n"), `purpose=request&ticketId=${ticket.id}`);
    expect(withTicket.status).toBe(400);
    expect(withTicket.body.message).toMatch(/no ticket yet/);
    const noTicket = await stage(requester, "a.txt", files.text("a\n"), "purpose=ticket");
    expect(noTicket.status).toBe(400);
    expect(noTicket.body.message).toMatch(/Ticket not found/);
    expect((await stage(requester, "a.txt", files.text("a\n"), "purpose=draft")).status).toBe(400);
    expect((await stage(null, "a.txt", files.text("a\n"))).status).toBe(401);
    expect((await stage(requester, "setup.exe", files.exe())).status).toBe(415);
    expect((await stage(requester, "fake.pdf", files.exe())).status).toBe(415);
    expect(await rowCount()).toBe(rows);
  });

  it("a staged file never used is swept after a day like a reply's", async () => {
    const requester = actor("requester@acme.test");
    const bytes = files.text("chosen, then the form was abandoned\n");
    const id = (await stage(requester, "abandoned.txt", bytes)).body.attachment!.id;
    await db.attachment.update({ where: { id }, data: { createdAt: new Date(Date.now() - 2 * 24 * 3600 * 1000) } });
    const result = await cleanupPendingUploads({ config });
    expect(result.removed).toBe(1);
    expect(await db.attachment.findUnique({ where: { id } })).toBeNull();
    await expect(readFile(storedPath(config, sha(bytes)))).rejects.toThrow(/ENOENT/);
  });
});
