"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { setProjectDefaultTeamAction } from "@/lib/actions/projects";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { SaveResult } from "@/components/ui/notice";

/**
 * A project's "Default team": new tickets of the project start with it. The
 * organization's teams are few (a capped list, the current one kept);
 * compare-and-set on the project's updatedAt like its settings.
 */
export function DefaultTeamForm({ project, teams }: { project: { id: string; updatedAt: string; defaultTeamId: string | null }; teams: { id: string; name: string }[] }) {
  const router = useRouter();
  const [teamId, setTeamId] = useState(project.defaultTeamId ?? "");
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const [pending, startTransition] = useTransition();
  const [seen, setSeen] = useState(project.updatedAt);
  if (seen !== project.updatedAt) {
    setSeen(project.updatedAt);
    setTeamId(project.defaultTeamId ?? "");
  }
  function submit(e: React.FormEvent) {
    e.preventDefault();
    setMessage(null);
    startTransition(async () => {
      const res = await setProjectDefaultTeamAction({ projectId: project.id, updatedAt: project.updatedAt, teamId: teamId || null });
      if (!res.ok) {
        setMessage({ text: res.fieldErrors?.teamId?.[0] ?? res.message, ok: false });
        if (res.code === "CONFLICT") router.refresh();
        return;
      }
      setMessage({ text: res.data.changed ? "Saved." : "Nothing to save.", ok: true });
      router.refresh();
    });
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      <div>
        <label htmlFor="default-team" className="block text-sm font-medium text-slate-800">
          Default team
        </label>
        <select id="default-team" value={teamId} onChange={(e) => setTeamId(e.target.value)} className={`${inputClass} mt-1.5`}>
          <option value="">No default team</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <SaveResult message={message} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save default team"}
      </Button>
    </form>
  );
}
