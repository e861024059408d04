"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { createProjectAction } from "@/lib/actions/projects";
import type { FieldErrors } from "@/lib/errors";
import { NUMBERING_LABELS, NUMBERINGS, WORKFLOW_LABELS, WORKFLOWS, PROJECT_NAME_MAX } from "@/lib/validation/projects";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { PeoplePicker, type Person } from "@/components/ui/search-combobox";

type Workflow = (typeof WORKFLOWS)[number];
type Numbering = (typeof NUMBERINGS)[number];

const EMPTY = { key: "", name: "", workflow: "support" as Workflow, numbering: "key_sequence" as Numbering, description: "" };

/** "New project": a panel under its button; on success the project's page opens. Messages sit under their fields and the input is kept. */
export function NewProjectForm() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(EMPTY);
  const [lead, setLead] = useState<Person | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setErrors({});
    setMessage(null);
    startTransition(async () => {
      const res = await createProjectAction({ ...draft, leadId: lead?.id ?? null });
      if (!res.ok) {
        const fe = res.fieldErrors ?? {};
        setErrors(fe);
        if (!["key", "name", "workflow", "numbering", "leadId", "description"].some((f) => fe[f])) setMessage(res.message);
        return;
      }
      router.push(`/admin/projects/${res.data.key}`);
    });
  }

  const invalid = (f: string) => (errors[f]?.length ? true : undefined);
  const describedBy = (f: string, hint = false) => (errors[f]?.length ? `np-${f}-error` : hint ? `np-${f}-hint` : undefined);
  return (
    <div>
      <Button type="button" aria-expanded={open} aria-controls="new-project-panel" onClick={() => setOpen((o) => !o)}>
        New project
      </Button>
      {open ? (
        <section id="new-project-panel" aria-labelledby="new-project-title" className="mt-4 rounded-lg bg-white p-5 shadow-xs ring-1 ring-slate-200">
          <h2 id="new-project-title" className="text-sm font-semibold text-slate-900">
            New project
          </h2>
          <form onSubmit={submit} noValidate className="mt-4 grid gap-4 sm:grid-cols-2">
            <Field id="np-key" label="Key" error={errors.key} hint={<span id="np-key-hint">2–10 capitals or digits, a letter first. Ticket numbers start with it (OPS-1).</span>}>
              <input
                id="np-key"
                value={draft.key}
                onChange={(e) => setDraft({ ...draft, key: e.target.value.toUpperCase() })}
                maxLength={10}
                autoCapitalize="characters"
                spellCheck={false}
                aria-invalid={invalid("key")}
                aria-describedby={describedBy("key", true)}
                className={`${inputClass} font-mono uppercase`}
              />
            </Field>
            <Field id="np-name" label="Name" error={errors.name}>
              <input
                id="np-name"
                value={draft.name}
                onChange={(e) => setDraft({ ...draft, name: e.target.value })}
                maxLength={PROJECT_NAME_MAX}
                aria-invalid={invalid("name")}
                aria-describedby={describedBy("name")}
                className={inputClass}
              />
            </Field>
            <Field id="np-workflow" label="Workflow" error={errors.workflow}>
              <select
                id="np-workflow"
                value={draft.workflow}
                onChange={(e) => setDraft({ ...draft, workflow: e.target.value as Workflow })}
                aria-invalid={invalid("workflow")}
                aria-describedby={describedBy("workflow")}
                className={inputClass}
              >
                {WORKFLOWS.map((w) => (
                  <option key={w} value={w}>
                    {WORKFLOW_LABELS[w]}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="np-numbering" label="Numbering" error={errors.numbering}>
              <select
                id="np-numbering"
                value={draft.numbering}
                onChange={(e) => setDraft({ ...draft, numbering: e.target.value as Numbering })}
                aria-invalid={invalid("numbering")}
                aria-describedby={describedBy("numbering")}
                className={inputClass}
              >
                {NUMBERINGS.map((n) => (
                  <option key={n} value={n}>
                    {NUMBERING_LABELS[n]}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="np-lead" label="Lead" error={errors.leadId} hint="Optional: a staff member, found as you type.">
              <PeoplePicker id="np-lead" value={lead} onPick={setLead} invalid={!!invalid("leadId")} describedBy={describedBy("leadId")} listLabel="Lead suggestions" />
            </Field>
            <Field id="np-description" label="Description" error={errors.description}>
              <input
                id="np-description"
                value={draft.description}
                onChange={(e) => setDraft({ ...draft, description: e.target.value })}
                aria-invalid={invalid("description")}
                aria-describedby={describedBy("description")}
                className={inputClass}
              />
            </Field>
            <div className="space-y-3 sm:col-span-2">
              <Notice message={message} />
              <div className="flex gap-2">
                <Button type="submit" disabled={pending}>
                  {pending ? "Creating…" : "Create project"}
                </Button>
                <Button type="button" variant="secondary" onClick={() => setOpen(false)} disabled={pending}>
                  Cancel
                </Button>
              </div>
            </div>
          </form>
        </section>
      ) : null}
    </div>
  );
}
