"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { archiveProjectAction, updateProjectAction } from "@/lib/actions/projects";
import type { FieldErrors } from "@/lib/errors";
import { PROJECT_DESCRIPTION_MAX, PROJECT_NAME_MAX } from "@/lib/validation/projects";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { Notice, SaveResult } from "@/components/ui/notice";
import { PeoplePicker, type Person } from "@/components/ui/search-combobox";

export interface EditableProject {
  id: string;
  key: string;
  name: string;
  description: string;
  lead: Person | null;
  archived: boolean;
  updatedAt: string;
}

/** Name, lead, description and (while it has no tickets) the key; compare-and-set: a stale save reloads and says so. */
export function ProjectEditForm({ project, keyLocked, keyLockedReason }: { project: EditableProject; keyLocked: boolean; keyLockedReason: string }) {
  const router = useRouter();
  const [draft, setDraft] = useState({ key: project.key, name: project.name, description: project.description });
  const [lead, setLead] = useState<Person | null>(project.lead);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const [pending, startTransition] = useTransition();
  // A newer version from the server (after a save, or the refresh that follows a lost
  // compare-and-set) replaces the form's values; the message about it stays.
  const [seen, setSeen] = useState(project.updatedAt);
  if (seen !== project.updatedAt) {
    setSeen(project.updatedAt);
    setDraft({ key: project.key, name: project.name, description: project.description });
    setLead(project.lead);
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setErrors({});
    setMessage(null);
    startTransition(async () => {
      const res = await updateProjectAction({
        projectId: project.id,
        updatedAt: project.updatedAt,
        name: draft.name,
        description: draft.description,
        leadId: lead?.id ?? null,
        ...(keyLocked ? {} : { key: draft.key }),
      });
      if (!res.ok) {
        const fe = res.fieldErrors ?? {};
        setErrors(fe);
        if (!["key", "name", "description", "leadId"].some((f) => fe[f])) setMessage({ text: res.message, ok: false });
        // The loser of a concurrent edit is told, and shown the latest version.
        if (res.code === "CONFLICT") router.refresh();
        return;
      }
      setMessage({ text: res.data.changed ? "Saved." : "Nothing to save.", ok: true });
      if (res.data.key !== project.key) router.replace(`/admin/projects/${res.data.key}`);
      else router.refresh();
    });
  }

  const invalid = (f: string) => (errors[f]?.length ? true : undefined);
  const describedBy = (f: string) => (errors[f]?.length ? `pe-${f}-error` : undefined);
  return (
    <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
      <Field id="pe-key" label="Key" error={errors.key} hint={keyLocked ? <span id="pe-key-why">{keyLockedReason}</span> : "Editable until the project's first ticket."}>
        <input
          id="pe-key"
          value={draft.key}
          onChange={(e) => setDraft({ ...draft, key: e.target.value.toUpperCase() })}
          readOnly={keyLocked}
          aria-readonly={keyLocked || undefined}
          maxLength={10}
          spellCheck={false}
          aria-invalid={invalid("key")}
          aria-describedby={describedBy("key") ?? (keyLocked ? "pe-key-why" : undefined)}
          className={`${inputClass} font-mono uppercase ${keyLocked ? "bg-slate-50 text-slate-600" : ""}`}
        />
      </Field>
      <Field id="pe-name" label="Name" error={errors.name}>
        <input id="pe-name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} maxLength={PROJECT_NAME_MAX} aria-invalid={invalid("name")} aria-describedby={describedBy("name")} className={inputClass} />
      </Field>
      <Field id="pe-lead" label="Lead" error={errors.leadId} hint="A staff member, found as you type; empty the box for none.">
        <PeoplePicker id="pe-lead" value={lead} onPick={setLead} invalid={!!invalid("leadId")} describedBy={describedBy("leadId")} listLabel="Lead suggestions" />
      </Field>
      <div className="sm:col-span-2">
        <Field id="pe-description" label="Description" error={errors.description}>
          <textarea
            id="pe-description"
            rows={3}
            value={draft.description}
            onChange={(e) => setDraft({ ...draft, description: e.target.value })}
            maxLength={PROJECT_DESCRIPTION_MAX}
            aria-invalid={invalid("description")}
            aria-describedby={describedBy("description")}
            className={inputClass}
          />
        </Field>
      </div>
      <div className="space-y-3 sm:col-span-2">
        <SaveResult message={message} />
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save project"}
        </Button>
      </div>
    </form>
  );
}

/** "Archive" / "Unarchive", with what it means said before the click. */
export function ArchiveToggle({ projectId, archived }: { projectId: string; archived: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600">
        {archived
          ? "Archived: hidden from new requests, pickers and the board list. Its tickets and board still open by their links."
          : "Archiving hides the project from new requests, pickers and the board list; its tickets stay for history."}
      </p>
      <Button
        type="button"
        variant="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const res = await archiveProjectAction({ projectId, archived: !archived });
            if (!res.ok) setError(res.message);
            router.refresh();
          })
        }
      >
        {archived ? "Unarchive" : "Archive"}
      </Button>
      <Notice message={error} />
    </div>
  );
}
