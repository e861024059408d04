"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { addTeamMemberAction, removeTeamMemberAction } from "@/lib/actions/teams";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { SearchCombobox, type Person } from "@/components/ui/search-combobox";

export interface TeamMemberView {
  userId: string;
  name: string;
  email: string;
  roleName: string;
  active: boolean;
}

const candidatesUrl = (teamId: string) => (q: string) => {
  const params = new URLSearchParams({ team: teamId });
  const term = q.trim().slice(0, 100);
  if (term) params.set("q", term);
  return `/api/admin/teams/member-candidates?${params}`;
};

/** "Add member": staff of the organization not in the team yet, found on the server as you type. */
export function AddTeamMemberForm({ teamId }: { teamId: string }) {
  const router = useRouter();
  const [person, setPerson] = useState<Person | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!person) return setError("Choose a staff member to add.");
    startTransition(async () => {
      setError(null);
      const res = await addTeamMemberAction({ teamId, userId: person.id });
      if (!res.ok) return setError(res.fieldErrors?.userId?.[0] ?? res.message);
      setPerson(null);
      router.refresh();
    });
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-2">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1 basis-64">
          <label htmlFor="add-team-member" className="block text-sm font-medium text-slate-800">
            Staff member
          </label>
          <SearchCombobox
            id="add-team-member"
            className="mt-1.5"
            searchUrl={candidatesUrl(teamId)}
            value={person}
            onPick={setPerson}
            placeholder="Type a name…"
            listLabel="Staff suggestions"
            invalid={!!error}
            describedBy={error ? "add-team-member-error" : undefined}
          />
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add member"}
        </Button>
      </div>
      {error ? (
        <p id="add-team-member-error" role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function MemberRow({ teamId, member }: { teamId: string; member: TeamMemberView }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();
  const remove = () =>
    startTransition(async () => {
      setError(null);
      const res = await removeTeamMemberAction({ teamId, userId: member.userId });
      if (!res.ok) setError(res.message);
      setConfirming(false);
      router.refresh();
    });
  return (
    <tr>
      <td className="px-4 py-2.5">
        <div className="font-medium text-slate-900">{member.name}</div>
        <div className="text-xs break-all text-slate-500">{member.email}</div>
        {error ? <Notice message={error} /> : null}
      </td>
      <td className="px-4 py-2.5 whitespace-nowrap">
        {member.roleName}
        {member.active ? null : <span className="ml-2 text-xs text-slate-500">(deactivated)</span>}
      </td>
      <td className="px-4 py-2.5 text-right whitespace-nowrap">
        {confirming ? (
          <span className="inline-flex gap-2">
            <Button variant="danger" disabled={pending} onClick={remove}>
              Confirm remove
            </Button>
            <Button variant="secondary" disabled={pending} onClick={() => setConfirming(false)}>
              Keep
            </Button>
          </span>
        ) : (
          <Button variant="ghost" aria-label={`Remove ${member.name}`} onClick={() => setConfirming(true)}>
            Remove
          </Button>
        )}
      </td>
    </tr>
  );
}

/** The page of members, each with "Remove". */
export function TeamMembersTable({ teamId, members }: { teamId: string; members: TeamMemberView[] }) {
  return (
    <div className="overflow-x-auto rounded-lg ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Members</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2.5">Person</th>
            <th scope="col" className="px-4 py-2.5">Role</th>
            <th scope="col" className="px-4 py-2.5 text-right">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {members.map((m) => (
            <MemberRow key={m.userId} teamId={teamId} member={m} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
