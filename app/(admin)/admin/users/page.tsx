import type { Metadata } from "next";
import Link from "next/link";
import { format, formatDistanceToNowStrict } from "date-fns";
import { adminPageActor } from "@/lib/auth/guards";
import { listUsers } from "@/lib/domain/users/list-users";
import { USER_STATUSES, USER_STATUS_LABELS, USER_SUBSTRING_MIN, userListSchema } from "@/lib/validation/users";
import { PageHeader } from "@/components/layout/app-shell";
import { inputClass } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { InviteUser } from "@/components/admin/users/invite-user";
import { UserTable, type UserTableRow } from "@/components/admin/users/user-table";
import { ConfirmationNotice } from "@/components/admin/users/confirmation-notice";
import { invitationsOnHold, invitationsOnHoldText } from "@/lib/domain/registration/confirmation";
import { projectOptions } from "@/lib/domain/projects/options";

export const metadata: Metadata = { title: "Users" };

type SearchParams = Record<string, string | string[] | undefined>;

const one = (sp: SearchParams, k: string) => (typeof sp[k] === "string" ? sp[k] : undefined);

function lastSignIn(d: Date | null): UserTableRow["lastSignIn"] {
  if (!d) return null;
  return {
    iso: d.toISOString(),
    exact: format(d, "yyyy-MM-dd HH:mm"),
    relative: formatDistanceToNowStrict(d, { addSuffix: true }).replace(/ minutes?/, " min").replace(/ seconds?/, " s"),
  };
}

/** The organization's people: searched, filtered and paged in SQL (an organization may hold 50,000). */
export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await adminPageActor();
  const sp = await searchParams;
  // A malformed query string shows the first page, unfiltered.
  const parsed = userListSchema.safeParse({ q: one(sp, "q"), role: one(sp, "role"), status: one(sp, "status"), after: one(sp, "after"), before: one(sp, "before") });
  const [list, onHold, projects] = await Promise.all([
    listUsers(actor, parsed.success ? parsed.data : {}),
    invitationsOnHold(actor.organizationId),
    // What an invitee may be put into: the active projects (configuration, capped like every project list).
    projectOptions({ organizationId: actor.organizationId, archived: false }),
  ]);
  const { q, role, status } = list.filters;
  const filtered = !!(q || role || status);

  const href = (cursor: { after?: string; before?: string }) => {
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    if (role) params.set("role", role);
    if (status) params.set("status", status);
    if (cursor.after) params.set("after", cursor.after);
    if (cursor.before) params.set("before", cursor.before);
    const s = params.toString();
    return `/admin/users${s ? `?${s}` : ""}`;
  };
  const rows: UserTableRow[] = list.rows.map((r) => ({ id: r.id, name: r.name, email: r.email, roleId: r.roleId, status: r.status, unconfirmed: r.unconfirmed, lastSignIn: lastSignIn(r.lastLoginAt), projects: r.projects }));
  const defaultRoleId = (list.roles.find((r) => r.builtIn === "requester") ?? list.roles[0])?.id ?? "";
  // The filters sit beside the search on wide screens, each half a row on phones.
  const filterClass = `${inputClass.replace("w-full", "")} w-[calc(50%-0.25rem)] sm:w-44`;
  const pager = "rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset";

  return (
    <>
      <PageHeader
        title="Users"
        description="Everyone in your organization: invite people, change their role and projects, deactivate who should no longer sign in."
        actions={<InviteUser roles={list.roles} defaultRoleId={defaultRoleId} projects={projects.map((p) => ({ id: p.id, key: p.key, name: p.name }))} />}
      />
      {onHold ? <ConfirmationNotice text={invitationsOnHoldText(onHold, actor.id)} /> : null}
      <form role="search" action="/admin/users" className="mb-4 flex flex-wrap items-end gap-2">
        <div className="w-full sm:w-auto sm:min-w-48 sm:flex-1">
          <label htmlFor="users-q" className="sr-only">
            Search users
          </label>
          <input
            id="users-q"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={100}
            placeholder="Search name or e-mail…"
            aria-describedby="users-q-hint"
            className={inputClass}
          />
          <p id="users-q-hint" className="sr-only">
            {`Fewer than ${USER_SUBSTRING_MIN} characters match the start of a name; more match any part of a name or e-mail address.`}
          </p>
        </div>
        <label htmlFor="users-role" className="sr-only">
          Filter by role
        </label>
        <select id="users-role" name="role" defaultValue={role ?? ""} className={filterClass}>
          <option value="">All roles</option>
          {list.roles.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
        <label htmlFor="users-status" className="sr-only">
          Filter by status
        </label>
        <select id="users-status" name="status" defaultValue={status ?? ""} className={filterClass}>
          <option value="">All statuses</option>
          {USER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {USER_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <button type="submit" className={buttonClass("secondary")}>
          Search
        </button>
        {filtered ? (
          <Link href="/admin/users" className="px-1 py-2 text-sm text-brand-700 hover:underline">
            Clear
          </Link>
        ) : null}
      </form>
      <UserTable rows={rows} roles={list.roles} currentUserId={actor.id} empty={filtered ? "No user matches." : "No users yet."} />
      {list.prev || list.next ? (
        <nav aria-label="Pages of users" className="mt-4 flex items-center justify-between gap-2">
          {list.prev ? (
            <Link href={href({ before: list.prev })} className={`${pager} text-slate-700 ring-slate-300 hover:bg-slate-50`}>
              Previous
            </Link>
          ) : (
            <span />
          )}
          {list.next ? (
            <Link href={href({ after: list.next })} className={`${pager} text-slate-700 ring-slate-300 hover:bg-slate-50`}>
              Next
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
