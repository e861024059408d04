"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { createTeamAction, updateTeamAction } from "@/lib/actions/teams";
import type { FieldErrors } from "@/lib/errors";
import { TEAM_DESCRIPTION_MAX, TEAM_NAME_MAX } from "@/lib/validation/teams";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { SaveResult } from "@/components/ui/notice";

export interface TeamDraft {
  id?: string;
  version?: number;
  name: string;
  description: string;
}

/**
 * "Team name" and "Description": a new team (its page opens on success) or an
 * edit of one (compare-and-set: a stale save says so and shows the latest).
 * Messages sit under their fields and the input is kept.
 */
export function TeamForm({ initial }: { initial: TeamDraft }) {
  const router = useRouter();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const [pending, startTransition] = useTransition();
  const editing = !!initial.id;
  const prefix = initial.id ? "team-edit" : "team-new";
  // A newer version from the server (after a save, or the refresh after a lost compare-and-set) replaces the form's values.
  const [seen, setSeen] = useState(initial.version);
  if (seen !== initial.version) {
    setSeen(initial.version);
    setDraft(initial);
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setErrors({});
    setMessage(null);
    startTransition(async () => {
      const body = { name: draft.name, description: draft.description };
      if (!initial.id) {
        const res = await createTeamAction(body);
        if (!res.ok) {
          const fe = res.fieldErrors ?? {};
          setErrors(fe);
          if (!fe.name && !fe.description) setMessage({ text: res.message, ok: false });
          return;
        }
        router.push(`/admin/teams/${res.data.id}`);
        return;
      }
      const res = await updateTeamAction({ id: initial.id, version: initial.version ?? 1, ...body });
      if (!res.ok) {
        const fe = res.fieldErrors ?? {};
        setErrors(fe);
        if (!fe.name && !fe.description) setMessage({ text: res.message, ok: false });
        if (res.code === "CONFLICT") router.refresh();
        return;
      }
      setMessage({ text: res.data.changed ? "Saved." : "Nothing to save.", ok: true });
      router.refresh();
    });
  }

  const describedBy = (f: string) => (errors[f]?.length ? `${prefix}-${f}-error` : undefined);
  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      <Field id={`${prefix}-name`} label="Team name" error={errors.name}>
        <input
          id={`${prefix}-name`}
          value={draft.name}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          maxLength={TEAM_NAME_MAX}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describedBy("name")}
          className={inputClass}
        />
      </Field>
      <Field id={`${prefix}-description`} label="Description" error={errors.description} hint="What the team works on, for those who route tickets to it.">
        <textarea
          id={`${prefix}-description`}
          rows={2}
          value={draft.description}
          onChange={(e) => setDraft({ ...draft, description: e.target.value })}
          maxLength={TEAM_DESCRIPTION_MAX}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={describedBy("description")}
          className={inputClass}
        />
      </Field>
      <div className="space-y-3">
        <SaveResult message={message} />
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : editing ? "Save team" : "Create team"}
        </Button>
      </div>
    </form>
  );
}

/** "New team": a panel under its button. */
export function NewTeamPanel() {
  const [open, setOpen] = useState(false);
  return (
    <div>
      <Button type="button" aria-expanded={open} aria-controls="new-team-panel" onClick={() => setOpen((o) => !o)}>
        New team
      </Button>
      {open ? (
        <section id="new-team-panel" aria-labelledby="new-team-title" className="mt-4 max-w-xl rounded-lg bg-white p-5 shadow-xs ring-1 ring-slate-200">
          <h2 id="new-team-title" className="mb-4 text-sm font-semibold text-slate-900">
            New team
          </h2>
          <TeamForm initial={{ name: "", description: "" }} />
        </section>
      ) : null}
    </div>
  );
}
