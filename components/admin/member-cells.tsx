"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

/** The people of a members table (a project's, a team's): name and e-mail, then role. */
export interface MemberPerson {
  name: string;
  email: string;
  roleName: string;
  active: boolean;
}

/** The table around the member rows: Person, Role, the columns between, and the row actions. */
export function MembersTableShell({ columns = [], children }: { columns?: string[]; children: React.ReactNode }) {
  return (
    <div tabIndex={0} className="relative overflow-x-auto rounded-lg ring-1 ring-slate-200 focus-visible:outline-2 focus-visible:outline-brand-600">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Members</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2.5">Person</th>
            <th scope="col" className="px-4 py-2.5">Role</th>
            {columns.map((c) => (
              <th key={c} scope="col" className="px-4 py-2.5">
                {c}
              </th>
            ))}
            <th scope="col" className="px-4 py-2.5 text-right">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">{children}</tbody>
      </table>
    </div>
  );
}

/** A member's first two cells: who (with the last action's error under the name) and their role. */
export function MemberCells({ member, error }: { member: MemberPerson; error: string | null }) {
  return (
    <>
      <td className="min-w-44 px-4 py-2.5">
        <div className="font-medium text-slate-900">{member.name}</div>
        <div className="text-xs break-all text-slate-500">{member.email}</div>
        {error ? <Notice message={error} /> : null}
      </td>
      <td className="px-4 py-2.5 whitespace-nowrap">
        {member.roleName}
        {member.active ? null : <span className="ml-2 text-xs text-slate-500">(deactivated)</span>}
      </td>
    </>
  );
}

/** "Remove <name>", then "Confirm remove" / "Keep". */
export function RemoveMemberCell({ name, pending, onConfirm }: { name: string; pending: boolean; onConfirm: () => void }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <td className="px-4 py-2.5 text-right whitespace-nowrap">
      {confirming ? (
        <span className="inline-flex gap-2">
          <Button
            variant="danger"
            disabled={pending}
            onClick={() => {
              setConfirming(false);
              onConfirm();
            }}
          >
            Confirm remove
          </Button>
          <Button variant="secondary" disabled={pending} onClick={() => setConfirming(false)}>
            Keep
          </Button>
        </span>
      ) : (
        <Button variant="ghost" aria-label={`Remove ${name}`} disabled={pending} onClick={() => setConfirming(true)}>
          Remove
        </Button>
      )}
    </td>
  );
}
