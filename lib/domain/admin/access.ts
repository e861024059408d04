import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";

/**
 * Who may administer the organization (/admin and everything it does): the one
 * rule, `org.manage`. To everyone else administration does not exist: its pages
 * answer 404 (adminPageActor) and its reads and writes NOT_FOUND, never
 * FORBIDDEN, so a non-admin learns nothing about what is there (issue 13).
 */
export function mayAdminister(actor: Actor): boolean {
  return can(actor, "org.manage");
}

/** Throws NOT_FOUND (of `what`) unless the actor may administer. Every administration domain function asks it first. */
export function assertAdminister(actor: Actor, what = "Page"): void {
  if (!mayAdminister(actor)) throw notFound(what);
}
