// The audit log's action names and how people read them (pure: the page, the
// filter's select, the CSV export and the tests share it). Actions are
// `<entity>.<verb>`; a name missing here still reads well through the fallback.

export const AUDIT_ACTION_LABELS = {
  // Sign-in and account (lib/auth)
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.sign_out": "Signed out",
  "auth.password_changed": "Password changed",
  "auth.password_change_failed": "Password change failed",
  "auth.password_reset_requested": "Password reset requested",
  "auth.password_reset": "Password reset",
  "auth.password_reset_refused": "Password reset refused",
  // People and roles (/admin/users, /admin/roles)
  "user.invited": "User invited",
  "user.invite_resent": "Invite resent",
  "user.invite_accepted": "Invite accepted",
  "user.role_changed": "User role changed",
  "user.deactivated": "User deactivated",
  "user.reactivated": "User reactivated",
  // Self-registration (/register, /register/[orgSlug], /confirm)
  "organization.registered": "Organization registered",
  "user.registered": "Signed up on the portal",
  "registration.refused": "Sign-up refused",
  "user.email_confirmed": "E-mail address confirmed",
  "user.confirmation_resent": "Confirmation resent",
  "role.created": "Role created",
  "role.deleted": "Role deleted",
  "role.renamed": "Role renamed",
  "role.permissions_changed": "Role permissions changed",
  // Projects and boards
  "project.created": "Project created",
  "project.updated": "Project updated",
  "project.archived": "Project archived",
  "project.unarchived": "Project restored",
  "project.member_triage_changed": "Project triage changed",
  "project.member_added": "Project member added",
  "project.member_removed": "Project member removed",
  "project.default_team_changed": "Project default team changed",
  "board.column_added": "Board column added",
  "board.column_updated": "Board column updated",
  "board.column_moved": "Board column moved",
  "board.column_removed": "Board column removed",
  // Tags
  "tag.created": "Tag created",
  "tag.updated": "Tag updated",
  "tag.deleted": "Tag deleted",
  "tag.merged": "Tags merged",
  // Assets (/admin/assets)
  "asset.created": "Asset created",
  "asset.updated": "Asset updated",
  "asset.component_added": "Asset component added",
  "asset.component_updated": "Asset component updated",
  "asset.component_removed": "Asset component removed",
  "asset.retired": "Asset retired",
  "asset.restored": "Asset returned to service",
  "asset.deleted": "Asset deleted",
  // Teams (/admin/teams)
  "team.created": "Team created",
  "team.updated": "Team updated",
  "team.deleted": "Team deleted",
  "team.member_added": "Team member added",
  "team.member_removed": "Team member removed",
  // Customers and contacts (/admin/contacts)
  "customer.created": "Customer created",
  "customer.updated": "Customer updated",
  "customer.deleted": "Customer deleted",
  "contact.created": "Contact created",
  "contact.updated": "Contact updated",
  "contact.deleted": "Contact deleted",
  // Organization
  "settings.updated": "Settings updated",
  "canned_response.created": "Canned response created",
  "canned_response.updated": "Canned response updated",
  "canned_response.deleted": "Canned response deleted",
  // Tickets, files and exports
  "ticket.purged": "Ticket purged",
  "attachment.removed": "File removed",
  "desk.export": "Desk exported",
  "audit.exported": "Audit log exported",
  // Personal access tokens and the REST API (/settings/tokens, /admin/tokens, /api/v1)
  "api_token.created": "API token created",
  "api_token.revoked": "API token revoked",
  "api_token.used": "API token used (first time that day)",
  "api.write": "Change through the API",
} as const satisfies Record<string, string>;

export type KnownAuditAction = keyof typeof AUDIT_ACTION_LABELS;

/** Every known action, in the map's (grouped) order: the filter's options. */
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as KnownAuditAction[];

export const isKnownAuditAction = (action: string): action is KnownAuditAction => Object.hasOwn(AUDIT_ACTION_LABELS, action);

const words = (s: string) => s.replace(/[_-]+/g, " ").trim();

/**
 * "Signed in" for a known action; otherwise the name made readable
 * ("webhook.secret_rotated" → "Webhook: secret rotated"), never the raw code.
 */
export function auditActionLabel(action: string): string {
  if (isKnownAuditAction(action)) return AUDIT_ACTION_LABELS[action];
  const [entity, ...rest] = action.split(".");
  const head = words(entity ?? "");
  const verb = words(rest.join(" "));
  const capital = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
  if (!verb) return capital(head) || "Unknown event";
  return `${capital(head)}: ${verb}`;
}
