"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { saveUserMembershipsAction } from "@/lib/actions/users";
import { WORKFLOW_LABELS } from "@/lib/validation/projects";
import type { UserMemberships } from "@/lib/domain/users/memberships";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useModalDialog } from "@/components/ui/use-modal-dialog";

type State = { member: boolean; triage: boolean };
type Loaded = Pick<UserMemberships, "projects" | "more">;

function Check({ label, checked, disabled, onChange }: { label: string; checked: boolean; disabled: boolean; onChange: (on: boolean) => void }) {
  return <input type="checkbox" aria-label={label} checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} className="size-4 rounded border-slate-300 disabled:opacity-40" />;
}

/**
 * "Projects for <name>" on a user's row: the organization's projects (at most
 * 100, theirs always among them), a "Member of <KEY>" and a "Triage in <KEY>"
 * checkbox each, "Save projects" in one go. Loaded when opened, so the list
 * of users never reads anyone's memberships but its own counts.
 */
export function MembershipsButton({ user, onSaved }: { user: { id: string; name: string }; onSaved: (text: string) => void }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const ref = useModalDialog(open);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [draft, setDraft] = useState<Record<string, State>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const uid = useId();

  function load(notice: string | null = null) {
    startTransition(async () => {
      setMessage(notice);
      const res = await fetch(`/api/admin/users/${user.id}/memberships`, { cache: "no-store" });
      const body = (await res.json().catch(() => null)) as (Loaded & { message?: string }) | null;
      if (!res.ok || !body?.projects) {
        setMessage(body?.message ?? "The projects could not be loaded. Try again.");
        return;
      }
      setLoaded({ projects: body.projects, more: body.more });
      setDraft(Object.fromEntries(body.projects.map((p) => [p.projectId, { member: p.member, triage: p.triage }])));
    });
  }

  function show() {
    setOpen(true);
    setLoaded(null);
    load();
  }

  const set = (id: string, next: State) => setDraft((d) => ({ ...d, [id]: next.member ? next : { member: false, triage: false } }));
  const changes = (loaded?.projects ?? [])
    .filter((p) => draft[p.projectId] && (draft[p.projectId]!.member !== p.member || draft[p.projectId]!.triage !== p.triage))
    .map((p) => ({ projectId: p.projectId, now: draft[p.projectId]!, seen: { member: p.member, triage: p.triage } }));

  function save(e: React.FormEvent) {
    e.preventDefault();
    if (changes.length === 0) return setOpen(false);
    startTransition(async () => {
      setMessage(null);
      const res = await saveUserMembershipsAction({ userId: user.id, changes });
      if (!res.ok) {
        // Someone else changed one of them meanwhile: show what is stored now, with the reason.
        if (res.code === "CONFLICT") load(res.message);
        else setMessage(res.message);
        return;
      }
      setOpen(false);
      onSaved(`${user.name}'s projects were saved.`);
      router.refresh();
    });
  }

  const titleId = `${uid}-title`;
  return (
    <>
      <Button variant="secondary" className="px-2.5 py-1.5" onClick={show}>
        Projects<span className="sr-only"> for {user.name}</span>
      </Button>
      <dialog ref={ref} onClose={() => setOpen(false)} aria-labelledby={titleId} className="m-auto w-[calc(100%-2rem)] max-w-lg rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40">
        <form onSubmit={save} noValidate className="space-y-4 p-6">
          <div>
            <h2 id={titleId} className="text-base font-semibold">
              Projects for {user.name}
            </h2>
            <p className="mt-1 text-sm text-slate-600">Members see and open tickets of a project; triage members are told about every new ticket.</p>
          </div>
          {loaded ? (
            loaded.projects.length === 0 ? (
              <p className="text-sm text-slate-500">The organization has no projects yet.</p>
            ) : (
              <div className="max-h-[50vh] overflow-y-auto rounded-lg ring-1 ring-slate-200">
                <table className="min-w-full divide-y divide-slate-200 text-sm">
                  <caption className="sr-only">Projects for {user.name}</caption>
                  <thead className="sticky top-0 bg-slate-50 text-left text-xs font-semibold text-slate-600">
                    <tr>
                      <th scope="col" className="px-3 py-2">Project</th>
                      <th scope="col" className="px-3 py-2 text-center">Member</th>
                      <th scope="col" className="px-3 py-2 text-center">Triage</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100 bg-white">
                    {loaded.projects.map((p) => {
                      const s = draft[p.projectId] ?? { member: p.member, triage: p.triage };
                      return (
                        <tr key={p.projectId}>
                          <th scope="row" className="px-3 py-2 text-left font-normal">
                            <span className="font-mono text-xs font-semibold text-slate-700">{p.key}</span> <span className="text-slate-900">{p.name}</span>
                            <div className="text-xs text-slate-500">
                              {WORKFLOW_LABELS[p.workflow]}
                              {p.archived ? " · archived" : ""}
                            </div>
                          </th>
                          <td className="px-3 py-2 text-center">
                            <Check label={`Member of ${p.key}`} checked={s.member} disabled={pending} onChange={(on) => set(p.projectId, { member: on, triage: s.triage })} />
                          </td>
                          <td className="px-3 py-2 text-center">
                            <Check label={`Triage in ${p.key}`} checked={s.triage} disabled={pending || !s.member} onChange={(on) => set(p.projectId, { member: true, triage: on })} />
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )
          ) : message ? null : (
            <p role="status" className="text-sm text-slate-500">
              Loading projects…
            </p>
          )}
          {loaded?.more ? <p className="text-xs text-slate-500">Showing the first 100 projects by key, {user.name}&apos;s own among them.</p> : null}
          <Notice message={message} />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setOpen(false)} disabled={pending}>
              Cancel
            </Button>
            {loaded && loaded.projects.length > 0 ? (
              <Button type="submit" disabled={pending}>
                {pending ? "Saving…" : "Save projects"}
              </Button>
            ) : null}
          </div>
        </form>
      </dialog>
    </>
  );
}
