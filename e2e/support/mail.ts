import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "@playwright/test";
import { sql } from "./db";

// The e-mails the e2e server's outbox writes without SMTP (an .eml per message
// under DATA_DIR/mail; npm start's default DATA_DIR is .data), read the way a
// person would: the newest message to an address, and the link in it.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const MAIL_DIR = path.resolve(process.env.DATA_DIR ?? path.join(ROOT, ".data"), "mail");

/** The .eml the outbox wrote for the newest message to `to` with this subject, once the worker has sent it (not an older one sent before). */
export async function readMail(to: string, subject: RegExp): Promise<string> {
  let file = "";
  await expect
    .poll(
      async () => {
        const rows = await sql<{ id: string; subject: string; status: string }>(`SELECT id, subject, status FROM "OutboxMessage" WHERE "to" = $1 ORDER BY "createdAt" DESC`, [to]);
        const row = rows.find((r) => subject.test(r.subject));
        file = row?.status === "sent" ? path.join(MAIL_DIR, `${row.id}.eml`) : "";
        return !!file && existsSync(file);
      },
      { timeout: 30_000, intervals: [250, 500, 1000] },
    )
    .toBe(true);
  const raw = readFileSync(file, "utf8");
  // The body may be quoted-printable: undo soft line breaks and =XX escapes.
  return raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The path of the one-time link of this kind in an e-mail (/invite/<token>, /reset/<token>, /confirm/<token>). */
export function linkIn(mail: string, kind: "invite" | "reset" | "confirm"): string {
  return urlIn(mail, kind).pathname;
}

/** The whole link, origin included (a second instance's e-mails point at it). */
export function urlIn(mail: string, kind: "invite" | "reset" | "confirm"): URL {
  const m = new RegExp(`https?://[^\\s]+/${kind}/([A-Za-z0-9_-]{43})`).exec(mail);
  if (!m) throw new Error(`no ${kind} link in the e-mail:\n${mail}`);
  return new URL(m[0]);
}
