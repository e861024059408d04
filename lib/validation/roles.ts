import { z } from "zod";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { isIsoTimestamp, text } from "./text";

export const ROLE_NAME_MAX = 50;

export const roleNameSchema = text({ error: "Role name is required" })
  .trim()
  .min(1, "Role name is required")
  .max(ROLE_NAME_MAX, `Role name must be at most ${ROLE_NAME_MAX} characters`)
  // Empty is left to min()'s message alone.
  .regex(/^(?:[\p{L}\p{N}][\p{L}\p{N} ._&()/-]*)?$/u, "Use letters, digits, spaces and . _ & ( ) / -");

const roleId = z.uuid({ error: "Role not found" });
/** The role's updatedAt as the page loaded it: the compare-and-set token. */
const loadedAt = text({ error: "Reload the page and try again" }).refine(isIsoTimestamp, "Reload the page and try again");

const permission = z.enum(PERMISSIONS, { error: "Unknown permission" });

/** "Save permissions": the roles whose ticks changed, each with its full new set and the version it was loaded at. */
export const saveRolePermissionsSchema = z
  .object({
    roles: z
      .array(
        z
          .object({ id: roleId, updatedAt: loadedAt, permissions: z.array(permission).max(PERMISSIONS.length) })
          .strict(),
      )
      .min(1, "Nothing to save: no permission was changed")
      .max(200, "Too many roles at once"),
  })
  .strict()
  .refine((v) => new Set(v.roles.map((r) => r.id.toLowerCase())).size === v.roles.length, { message: "A role is listed twice", path: ["roles"] });
export type SaveRolePermissionsInput = z.input<typeof saveRolePermissionsSchema>;

/** "New role": a name, and optionally a role whose permissions it starts with. */
export const createRoleSchema = z
  .object({
    name: roleNameSchema,
    copyFromId: z.preprocess((v) => (v === "" ? undefined : v), roleId.optional()),
  })
  .strict();
export type CreateRoleInput = z.input<typeof createRoleSchema>;

export const renameRoleSchema = z.object({ id: roleId, name: roleNameSchema, updatedAt: loadedAt }).strict();
export type RenameRoleInput = z.input<typeof renameRoleSchema>;

export const deleteRoleSchema = z.object({ id: roleId }).strict();
export type DeleteRoleInput = z.input<typeof deleteRoleSchema>;
