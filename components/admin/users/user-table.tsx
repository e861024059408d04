"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { changeUserRoleAction, deactivateUserAction, reactivateUserAction, resendInviteAction } from "@/lib/actions/users";
import { USER_STATUS_LABELS, type UserStatus } from "@/lib/validation/users";
import { Button } from "@/components/ui/button";
import { MembershipsButton } from "./memberships-dialog";

export interface UserTableRow {
  id: string;
  name: string;
  email: string;
  roleId: string;
  status: UserStatus;
  /** Signed themself up and has not confirmed their e-mail address yet. */
  unconfirmed: boolean;
  /** Formatted on the server (no hydration drift): relative text, exact time, ISO. */
  lastSignIn: { iso: string; relative: string; exact: string } | null;
  projects: number;
}

type Feedback = { tone: "success" | "error"; text: string } | null;

const STATUS_TONE: Record<UserStatus, string> = {
  active: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  invited: "bg-sky-50 text-sky-700 ring-sky-600/20",
  deactivated: "bg-slate-100 text-slate-600 ring-slate-500/20",
};

function StatusBadge({ status }: { status: UserStatus }) {
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${STATUS_TONE[status]}`}>{USER_STATUS_LABELS[status]}</span>;
}

function Row({ row, roles, self, onFeedback }: { row: UserTableRow; roles: { id: string; name: string }[]; self: boolean; onFeedback: (f: Feedback) => void }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // The select shows what is saved: a refused change snaps back to it (the row is keyed by its saved role).
  const [roleId, setRoleId] = useState(row.roleId);
  const roleName = (id: string) => roles.find((r) => r.id === id)?.name ?? "another role";

  function run(work: () => Promise<Feedback>) {
    onFeedback(null);
    startTransition(async () => {
      onFeedback(await work());
      router.refresh();
    });
  }

  function changeRole(next: string) {
    setRoleId(next);
    run(async () => {
      const res = await changeUserRoleAction({ userId: row.id, roleId: next, expectedRoleId: row.roleId });
      if (!res.ok) {
        setRoleId(row.roleId);
        return { tone: "error", text: res.message };
      }
      return { tone: "success", text: `${row.name} is now ${res.data.roleName}.` };
    });
  }

  const deactivate = () =>
    run(async () => {
      const res = await deactivateUserAction({ userId: row.id });
      if (!res.ok) return { tone: "error", text: res.message };
      const n = res.data.sessionsEnded;
      return { tone: "success", text: `${row.name} was deactivated${n ? ` and signed out of ${n === 1 ? "one browser" : `${n} browsers`}` : ""}.` };
    });
  const reactivate = () =>
    run(async () => {
      const res = await reactivateUserAction({ userId: row.id });
      return res.ok ? { tone: "success", text: `${row.name} was reactivated.` } : { tone: "error", text: res.message };
    });
  const resend = () =>
    run(async () => {
      const res = await resendInviteAction({ userId: row.id });
      return res.ok ? { tone: "success", text: `A new invite was sent to ${res.data.email}. The earlier link no longer works.` } : { tone: "error", text: res.message };
    });

  const selectId = `role-${row.id}`;
  return (
    <tr className="align-middle">
      <th scope="row" className="px-4 py-2.5 text-left font-normal">
        <div className="flex items-center gap-2 whitespace-nowrap">
          <span className="font-medium text-slate-900">{row.name}</span>
          {self ? <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">You</span> : null}
        </div>
        <div className="whitespace-nowrap text-slate-500">{row.email}</div>
      </th>
      <td className="px-4 py-2.5">
        <label htmlFor={selectId} className="sr-only">
          Role for {row.name}
        </label>
        <select
          id={selectId}
          value={roleId}
          disabled={pending}
          onChange={(e) => changeRole(e.target.value)}
          className="rounded-md border-0 bg-white py-1.5 pr-8 pl-2 text-sm max-md:min-h-11 text-slate-900 shadow-xs ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600 disabled:opacity-60"
        >
          {roles.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
          {roles.some((r) => r.id === roleId) ? null : <option value={roleId}>{roleName(roleId)}</option>}
        </select>
      </td>
      <td className="px-4 py-2.5">
        <StatusBadge status={row.status} />
        {row.unconfirmed ? <div className="mt-1 text-xs whitespace-nowrap text-amber-700">E-mail not confirmed</div> : null}
      </td>
      <td className="px-4 py-2.5 whitespace-nowrap text-slate-600">
        {row.lastSignIn ? (
          <time dateTime={row.lastSignIn.iso} title={row.lastSignIn.exact}>
            {row.lastSignIn.relative}
          </time>
        ) : (
          <span className="text-slate-500">Never</span>
        )}
      </td>
      <td className="px-4 py-2.5 text-right tabular-nums text-slate-700">{row.projects}</td>
      <td className="px-4 py-2.5">
        <div className="flex justify-end gap-2">
          <MembershipsButton user={{ id: row.id, name: row.name }} onSaved={(text) => onFeedback({ tone: "success", text })} />
          {row.status === "invited" ? (
            <Button variant="secondary" className="px-2.5 py-1.5" disabled={pending} onClick={resend}>
              Resend invite
            </Button>
          ) : null}
          {row.status === "deactivated" ? (
            <Button variant="secondary" className="px-2.5 py-1.5" disabled={pending} onClick={reactivate}>
              Reactivate
            </Button>
          ) : self ? null : (
            <Button variant="secondary" className="px-2.5 py-1.5 text-red-700" disabled={pending} onClick={deactivate}>
              Deactivate
            </Button>
          )}
        </div>
      </td>
    </tr>
  );
}

/** The page of users; each row saves its own changes, and the outcome is announced above the table. */
export function UserTable({ rows, roles, currentUserId, empty }: { rows: UserTableRow[]; roles: { id: string; name: string }[]; currentUserId: string; empty: string }) {
  const [feedback, setFeedback] = useState<Feedback>(null);
  return (
    <div className="space-y-3">
      <div aria-live="polite">
        {feedback ? (
          <div
            role={feedback.tone === "error" ? "alert" : "status"}
            data-testid="users-feedback"
            className={
              feedback.tone === "error"
                ? "rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-600/20 ring-inset"
                : "rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-600/20 ring-inset"
            }
          >
            {feedback.text}
          </div>
        ) : null}
      </div>
      {/* relative: the sr-only labels inside (absolutely placed) must scroll with the table, not widen the page. */}
      <div tabIndex={0} className="relative overflow-x-auto rounded-lg bg-white shadow-xs ring-1 ring-slate-200 focus-visible:outline-2 focus-visible:outline-brand-600">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Users</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase">
            <tr>
              <th scope="col" className="px-4 py-2.5">Name and e-mail</th>
              <th scope="col" className="px-4 py-2.5">Role</th>
              <th scope="col" className="px-4 py-2.5">Status</th>
              <th scope="col" className="px-4 py-2.5">Last sign-in</th>
              <th scope="col" className="px-4 py-2.5 text-right">Projects</th>
              <th scope="col" className="px-4 py-2.5 text-right">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-4 py-8 text-center text-slate-500">
                  {empty}
                </td>
              </tr>
            ) : (
              rows.map((r) => <Row key={`${r.id}:${r.roleId}`} row={r} roles={roles} self={r.id === currentUserId} onFeedback={setFeedback} />)
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
