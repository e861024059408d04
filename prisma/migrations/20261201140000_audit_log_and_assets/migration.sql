-- /admin/audit (lib/domain/audit/list-audit.ts) pages an organization's audit
-- rows newest first by the (createdAt, id) keyset, for all actions, one action
-- or one actor: each filter walks its own index from the cursor, so a deep page
-- costs what the first one does. The export walks the same ranges.
DROP INDEX "AuditLog_organizationId_createdAt_idx";
CREATE INDEX "AuditLog_organizationId_createdAt_id_idx" ON "AuditLog"("organizationId", "createdAt", "id");
CREATE INDEX "AuditLog_organizationId_action_createdAt_id_idx" ON "AuditLog"("organizationId", "action", "createdAt", "id");
CREATE INDEX "AuditLog_organizationId_actorId_createdAt_id_idx" ON "AuditLog"("organizationId", "actorId", "createdAt", "id");

-- Assets are edited compare-and-set (/admin/assets): every edit of an asset or
-- its components, and every deploy or roll back applied to it, bumps version.
ALTER TABLE "Asset" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
