import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";

/**
 * Administration exists only for `org.manage`: to everyone else its reads and
 * writes are "not found" (as its pages are 404), never "forbidden".
 */
export function assertAdmin(actor: Actor, what = "Page"): void {
  if (!can(actor, "org.manage")) throw notFound(what);
}
