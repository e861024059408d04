import "server-only";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { invalid } from "@/lib/errors";

export const DUPLICATE_ROLE_NAME = "A role with this name already exists";

/** Role names are unique per organization, ignoring case (also a unique index: Role_org_lower_name_key). */
export async function assertRoleNameFree(tx: Tx, organizationId: string, name: string, exceptId?: string): Promise<void> {
  const clash = await tx.role.findFirst({
    where: { organizationId, name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw invalid(DUPLICATE_ROLE_NAME, { name: [DUPLICATE_ROLE_NAME] });
}

/** A concurrent save of the same name loses on the unique index and reads as the same field error. */
export function duplicateRoleName(e: unknown): never {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw invalid(DUPLICATE_ROLE_NAME, { name: [DUPLICATE_ROLE_NAME] });
  throw e;
}
