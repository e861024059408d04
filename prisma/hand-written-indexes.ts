// Indexes written by hand in migrations because Prisma's schema cannot express
// them (expression, GIN and partial indexes). An integration test fails when
// one is missing from the migrated database; Prisma's own `migrate dev` would
// propose to drop them — never accept those DROPs.
export const HAND_WRITTEN_INDEXES = [
  { table: "Ticket", name: "Ticket_live_idx", why: "desk box counts over live tickets (partial, covering the scope columns)" },
  { table: "Ticket", name: "Ticket_live_id_idx", why: "desk 'Assigned to me' count: live tickets by id (partial, covering)" },
  { table: "Ticket", name: "Ticket_desk_updated_idx", why: "desk keyset paging by activity (partial)" },
  { table: "Ticket", name: "Ticket_desk_created_idx", why: "desk keyset paging by creation (partial)" },
  { table: "Relationship", name: "Relationship_pair_key", why: "two tickets are linked at most once, whatever the direction (unique expression)" },
  { table: "Relationship", name: "Relationship_one_parent_key", why: "a ticket has at most one parent (unique partial)" },
  { table: "Comment", name: "Comment_one_solution_idx", why: "at most one solution per ticket (partial unique)" },
  { table: "CannedResponse", name: "CannedResponse_org_title_idx", why: "organization-wide response titles unique per organization, ignoring case (partial unique)" },
  { table: "CannedResponse", name: "CannedResponse_owner_title_idx", why: "personal response titles unique per owner, ignoring case (partial unique)" },
  { table: "ProjectMember", name: "ProjectMember_triage_idx", why: "a project's triage agents for new-ticket notices, without reading its requester members (partial)" },
  { table: "Tag", name: "Tag_search_idx", why: "tag filters: an organization's tags by lower(name) prefix, in order, under collation C (expression)" },
  { table: "Asset", name: "Asset_tag_search_idx", why: "target-asset picker: an organization's assets by lower(tag) prefix, in order, under collation C (expression)" },
  { table: "Asset", name: "Asset_name_search_idx", why: "target-asset picker: an organization's assets by lower(name) prefix, in order, under collation C (expression)" },
  { table: "Role", name: "Role_org_lower_name_key", why: "role names unique per organization, ignoring case (unique expression)" },
  { table: "User", name: "User_admin_order_idx", why: "/admin/users: an organization's users by lower(name) under collation C, then id (keyset paging, name-prefix search) (expression)" },
  { table: "User", name: "User_admin_role_idx", why: "/admin/users filtered by role, in list order (expression)" },
  { table: "User", name: "User_admin_deactivated_idx", why: "/admin/users filtered to deactivated users, in list order (partial expression)" },
  { table: "User", name: "User_admin_invited_idx", why: "/admin/users filtered to invited users who set no password yet, in list order (partial expression)" },
  { table: "User", name: "User_admin_search_idx", why: "/admin/users search: any part of lower(name) || ' ' || lower(email), through pg_trgm (GIN trigram)" },
  { table: "Team", name: "Team_org_lower_name_key", why: "team names unique per organization, ignoring case; the team lists' order (unique expression)" },
  { table: "Ticket", name: "Ticket_team_live_idx", why: "desk 'My teams' count: live tickets of the viewer's teams (partial, covering the scope columns)" },
  { table: "Customer", name: "Customer_name_key", why: "customer names unique per organization ignoring case; /admin/contacts' customer order and name-prefix search (unique expression)" },
  { table: "Customer", name: "Customer_search_idx", why: "customer search (list and pickers): any part of lower(name), through pg_trgm (GIN trigram)" },
  { table: "Contact", name: "Contact_admin_order_idx", why: "/admin/contacts: an organization's contacts by lower(name) under collation C, then id (keyset paging, name-prefix search) (expression)" },
  { table: "Contact", name: "Contact_customer_order_idx", why: "/admin/contacts filtered by customer, in list order; the contacts a deleted customer lets go (expression)" },
  { table: "Contact", name: "Contact_search_idx", why: "/admin/contacts search: any part of lower(name) || ' ' || email, through pg_trgm (GIN trigram)" },
  { table: "Ticket", name: "Ticket_customer_idx", why: "desk Customer filter by activity; tickets of a deleted customer (partial: only tickets with a customer)" },
] as const;
