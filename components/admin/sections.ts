/** The administration sections, in the order DESIGN §11 names them (the nav and the e2e 404 sweep read this one list). */
export const ADMIN_SECTIONS = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/roles", label: "Roles" },
  { href: "/admin/projects", label: "Projects" },
  { href: "/admin/tags", label: "Tags" },
  { href: "/admin/assets", label: "Assets" },
  { href: "/admin/teams", label: "Teams" },
  { href: "/admin/contacts", label: "Contacts" },
  { href: "/admin/settings", label: "Settings" },
  { href: "/admin/tokens", label: "Tokens" },
  { href: "/admin/audit", label: "Audit log" },
] as const;
