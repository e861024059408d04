import "server-only";
import { assertAdminister } from "@/lib/domain/admin/access";
import type { Actor } from "@/lib/auth/actor";

/**
 * Administration exists only for `org.manage`: to everyone else its reads and
 * writes are "not found" (as its pages are 404), never "forbidden".
 */
export function assertAdmin(actor: Actor, what = "Page"): void {
  assertAdminister(actor, what);
}
