import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { db } from "@/lib/db";
import { createMailer } from "./mailer";
import { claimDue, drainOutbox } from "./outbox";

// The outbox against a real SMTP server (smtp-server on a free local port) and
// against the file fallback. Messages are rows written straight into the table:
// how notify() writes them is covered by notify.integration.test.ts.

const ORG = "0190f5d4-0000-7000-8000-000000000001";

interface Received {
  rcpt: string[];
  raw: string;
}

interface TestSmtp {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** A local SMTP server; `refuse(n)` decides whether the n-th RCPT TO (1-based) is refused with a temporary 451. */
async function startSmtp(opts: { refuse?: (n: number) => boolean; delayMs?: number } = {}): Promise<TestSmtp> {
  const received: Received[] = [];
  let rcpts = 0;
  const options: SMTPServerOptions = {
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      rcpts++;
      if (opts.refuse?.(rcpts)) {
        const err = Object.assign(new Error("Mailbox busy, try again later"), { responseCode: 451 });
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        setTimeout(() => {
          received.push({ rcpt: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
          callback();
        }, opts.delayMs ?? 0);
      });
    },
  };
  const server = new SMTPServer(options);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The body of a received message, quoted-printable soft breaks and escapes undone. */
function bodyOf(raw: string): string {
  const body = raw.slice(raw.indexOf("\r\n\r\n") + 4);
  return body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function header(raw: string, name: string): string | undefined {
  const head = raw.slice(0, raw.indexOf("\r\n\r\n")).replace(/\r\n[ \t]+/g, " ");
  return head.split("\r\n").find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1).trim();
}

async function queue(n: number, over: Partial<{ to: string; subject: string; text: string }> = {}) {
  const rows = [];
  for (let i = 0; i < n; i++) {
    rows.push(
      await db.outboxMessage.create({
        data: { organizationId: ORG, to: over.to ?? `person${i}@acme.test`, subject: over.subject ?? `[SUP-9] Message ${i}`, text: over.text ?? `Body of message ${i}` },
      }),
    );
  }
  return rows;
}

let smtp: TestSmtp | null = null;
beforeEach(async () => {
  await db.outboxMessage.deleteMany();
});
afterEach(async () => {
  await smtp?.close();
  smtp = null;
});

describe("outbox over SMTP", () => {
  it("a message first refused (451) then accepted is sent on the second attempt, after the backoff", async () => {
    smtp = await startSmtp({ refuse: (n) => n === 1 });
    const [m] = await queue(1, { to: "rita@acme.test", subject: "[SUP-12] Sam Agent replied on SUP-12", text: "Please restart the printer.\n\nOpen SUP-12: http://localhost:3000/portal/tickets/SUP-12" });
    const mailer = createMailer({ smtpUrl: smtp.url, from: "Help desk <desk@acme.test>", timeoutMs: 5_000 });
    const t0 = new Date();

    const first = await drainOutbox({ mailer, now: () => t0 });
    expect(first).toEqual({ claimed: 1, sent: 0, retried: 1, failed: 0 });
    let row = await db.outboxMessage.findUniqueOrThrow({ where: { id: m!.id } });
    expect(row).toMatchObject({ status: "pending", attempts: 1, sentAt: null });
    expect(row.lastError).toMatch(/451/);
    expect(row.nextAttemptAt.getTime() - t0.getTime()).toBe(30_000);
    expect(smtp.received).toHaveLength(0);

    // Not due yet: nothing is claimed.
    expect(await drainOutbox({ mailer, now: () => new Date(t0.getTime() + 29_000) })).toMatchObject({ claimed: 0 });

    const later = new Date(t0.getTime() + 31_000);
    expect(await drainOutbox({ mailer, now: () => later })).toEqual({ claimed: 1, sent: 1, retried: 0, failed: 0 });
    row = await db.outboxMessage.findUniqueOrThrow({ where: { id: m!.id } });
    expect(row).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(row.sentAt).toEqual(later);
    mailer.close();

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.rcpt).toEqual(["rita@acme.test"]);
    expect(header(mail.raw, "To")).toBe("rita@acme.test");
    expect(header(mail.raw, "From")).toBe("Help desk <desk@acme.test>");
    expect(header(mail.raw, "Subject")).toBe("[SUP-12] Sam Agent replied on SUP-12");
    expect(header(mail.raw, "Message-ID")).toBe(`<${m!.id}@helpdesk.outbox>`);
    expect(bodyOf(mail.raw)).toContain("Please restart the printer.");
    expect(bodyOf(mail.raw)).toContain("http://localhost:3000/portal/tickets/SUP-12");
  });

  it("gives up after the configured number of attempts", async () => {
    smtp = await startSmtp({ refuse: () => true });
    const [m] = await queue(1);
    const mailer = createMailer({ smtpUrl: smtp.url, timeoutMs: 5_000 });
    let now = new Date();
    expect(await drainOutbox({ mailer, now: () => now, maxAttempts: 2 })).toMatchObject({ retried: 1 });
    now = new Date(now.getTime() + 31_000);
    expect(await drainOutbox({ mailer, now: () => now, maxAttempts: 2 })).toMatchObject({ failed: 1 });
    mailer.close();
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: m!.id } })).toMatchObject({ status: "failed", attempts: 2, sentAt: null });
    // A failed message is never tried again.
    expect(await drainOutbox({ mailer: createMailer({ smtpUrl: smtp.url }), now: () => new Date(now.getTime() + 86_400_000) })).toMatchObject({ claimed: 0 });
  });

  it("concurrent drains never send one message twice (FOR UPDATE SKIP LOCKED)", async () => {
    // Each delivery takes a while, so no single drain can take every message before the others start.
    smtp = await startSmtp({ delayMs: 20 });
    const rows = await queue(30);
    const mailers = [0, 1, 2, 3].map(() => createMailer({ smtpUrl: smtp!.url, timeoutMs: 5_000 }));
    const results = await Promise.all(mailers.map((mailer) => drainOutbox({ mailer, batchSize: 4 })));
    mailers.forEach((m) => m.close());
    const unsent = await db.outboxMessage.findMany({ where: { status: { not: "sent" } }, select: { status: true, attempts: true, lastError: true } });
    expect(unsent, JSON.stringify(results)).toEqual([]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(30);
    const ids = smtp.received.map((r) => header(r.raw, "Message-ID"));
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    expect(await db.outboxMessage.count({ where: { id: { in: rows.map((r) => r.id) }, status: "sent", attempts: 1 } })).toBe(30);
  });

  it("claims running at the same moment take disjoint messages", async () => {
    const rows = await queue(30);
    const now = new Date();
    const claims = await Promise.all([0, 1, 2, 3].map(() => claimDue(now, 10)));
    const ids = claims.flat().map((m) => m.id);
    expect(ids.sort()).toEqual(rows.map((r) => r.id).sort());
    expect(await db.outboxMessage.count({ where: { status: "sending" } })).toBe(30);
  });

  it("a message whose drain died mid-send is retried once its lease expires", async () => {
    smtp = await startSmtp();
    const [m] = await queue(1);
    const past = new Date(Date.now() - 60_000);
    await db.outboxMessage.update({ where: { id: m!.id }, data: { status: "sending", nextAttemptAt: past } });
    const mailer = createMailer({ smtpUrl: smtp.url, timeoutMs: 5_000 });
    expect(await drainOutbox({ mailer })).toMatchObject({ claimed: 1, sent: 1 });
    mailer.close();
    expect(smtp.received).toHaveLength(1);
  });
});

describe("outbox without SMTP", () => {
  it("writes each message as an .eml file under DATA_DIR/mail and marks it sent", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "outbox-"));
    try {
      const [m] = await queue(1, { to: "rita@acme.test", subject: "[SUP-3] SUP-3 is now Resolved", text: "Sam Agent moved it from In progress to Resolved." });
      const mailer = createMailer({ smtpUrl: "", dataDir, from: "Help desk <desk@acme.test>" });
      expect(mailer.kind).toBe("file");
      expect(await drainOutbox({ mailer })).toMatchObject({ claimed: 1, sent: 1 });
      const files = await readdir(path.join(dataDir, "mail"));
      expect(files).toEqual([`${m!.id}.eml`]);
      const raw = await readFile(path.join(dataDir, "mail", files[0]!), "utf8");
      expect(header(raw, "To")).toBe("rita@acme.test");
      expect(header(raw, "From")).toBe("Help desk <desk@acme.test>");
      expect(header(raw, "Subject")).toBe("[SUP-3] SUP-3 is now Resolved");
      expect(header(raw, "Date")).toBeTruthy();
      expect(header(raw, "MIME-Version")).toBe("1.0");
      expect(bodyOf(raw)).toContain("Sam Agent moved it from In progress to Resolved.");
      expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: m!.id } })).toMatchObject({ status: "sent", attempts: 1 });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
