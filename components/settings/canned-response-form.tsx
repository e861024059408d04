"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { createCannedResponseAction, updateCannedResponseAction } from "@/lib/actions/canned-responses";
import type { CannedScope } from "@/lib/validation/canned-responses";
import type { FieldErrors } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

export interface CannedResponseDraft {
  id?: string;
  title: string;
  body: string;
  scope: CannedScope;
}

/** Create or edit a canned response; messages sit under their fields and the input is kept. */
export function CannedResponseForm({
  initial,
  canManageOrganization,
  onDone,
}: {
  initial: CannedResponseDraft;
  canManageOrganization: boolean;
  onDone?: () => void;
}) {
  const router = useRouter();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const editing = !!initial.id;
  const prefix = initial.id ? `cr-${initial.id}` : "cr-new";

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setErrors({});
    setMessage(null);
    startTransition(async () => {
      const res = initial.id
        ? await updateCannedResponseAction({ id: initial.id, title: draft.title, body: draft.body })
        : await createCannedResponseAction({ title: draft.title, body: draft.body, scope: draft.scope });
      if (!res.ok) {
        const fieldErrors = res.fieldErrors ?? {};
        setErrors(fieldErrors);
        // A message not tied to a shown field goes above the buttons.
        if (!fieldErrors.title && !fieldErrors.body && !fieldErrors.scope) setMessage(res.message);
        return;
      }
      if (!editing) setDraft({ ...initial, title: "", body: "" });
      onDone?.();
      router.refresh();
    });
  }

  const describedBy = (field: string) => (errors[field]?.length ? `${prefix}-${field}-error` : undefined);
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <Field id={`${prefix}-title`} label="Title" error={errors.title}>
        <input
          id={`${prefix}-title`}
          value={draft.title}
          onChange={(e) => setDraft({ ...draft, title: e.target.value })}
          maxLength={200}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={describedBy("title")}
          className={inputClass}
        />
      </Field>
      <Field
        id={`${prefix}-body`}
        label="Text"
        error={errors.body}
        hint="Markdown. Placeholders: {{requester.name}}, {{requester.email}}, {{ticket.number}}, {{ticket.title}}, {{agent.name}}."
      >
        <textarea
          id={`${prefix}-body`}
          value={draft.body}
          onChange={(e) => setDraft({ ...draft, body: e.target.value })}
          rows={5}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={describedBy("body")}
          className={inputClass}
        />
      </Field>
      {!editing ? (
        <Field id={`${prefix}-scope`} label="Available to" error={errors.scope}>
          <select
            id={`${prefix}-scope`}
            value={draft.scope}
            onChange={(e) => setDraft({ ...draft, scope: e.target.value as CannedScope })}
            aria-invalid={errors.scope ? true : undefined}
            aria-describedby={describedBy("scope")}
            className={inputClass}
          >
            <option value="personal">Only me</option>
            {canManageOrganization ? <option value="organization">Everyone in the organization</option> : null}
          </select>
        </Field>
      ) : null}
      <Notice message={message} />
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : editing ? "Save" : "Add response"}
        </Button>
        {onDone && editing ? (
          <Button type="button" variant="secondary" onClick={onDone} disabled={pending}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
