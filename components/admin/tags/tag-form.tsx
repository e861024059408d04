"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { createTagAction, updateTagAction } from "@/lib/actions/tags";
import type { FieldErrors } from "@/lib/errors";
import { TAG_DESCRIPTION_MAX, TAG_NAME_MAX } from "@/lib/validation/tags";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

export interface TagDraft {
  id?: string;
  version?: number;
  name: string;
  color: string;
  description: string;
}

const HEX = /^#[0-9a-fA-F]{6}$/;

/** A colour's swatch beside its code: the code is the accessible text, the swatch only shows it. */
export function Swatch({ color }: { color: string }) {
  return (
    <span className="inline-flex items-center gap-1.5 font-mono text-xs text-slate-700">
      <span aria-hidden="true" className="inline-block size-4 shrink-0 rounded ring-1 ring-slate-300 ring-inset" style={{ backgroundColor: HEX.test(color) ? color : "transparent" }} />
      {color}
    </span>
  );
}

/** Create or edit a tag; messages sit under their fields and the input is kept. */
export function TagForm({ initial, onDone }: { initial: TagDraft; onDone?: () => void }) {
  const router = useRouter();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const editing = !!initial.id;
  const prefix = initial.id ? `tag-${initial.id}` : "tag-new";

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setErrors({});
    setMessage(null);
    startTransition(async () => {
      const body = { name: draft.name, color: draft.color, description: draft.description };
      const res = initial.id ? await updateTagAction({ id: initial.id, version: initial.version ?? 1, ...body }) : await createTagAction(body);
      if (!res.ok) {
        const fe = res.fieldErrors ?? {};
        setErrors(fe);
        if (!fe.name && !fe.color && !fe.description) setMessage(res.message);
        if (res.code === "CONFLICT") router.refresh();
        return;
      }
      if (!editing) setDraft(initial);
      onDone?.();
      router.refresh();
    });
  }

  const describedBy = (f: string) => (errors[f]?.length ? `${prefix}-${f}-error` : undefined);
  return (
    // Two columns where the form has room (a row being edited), one in the narrow "New tag" card: a container query.
    <div className="@container">
      <form onSubmit={submit} noValidate className="grid gap-4 @lg:grid-cols-[minmax(0,1fr)_12rem]">
        <Field id={`${prefix}-name`} label="Name" error={errors.name} hint="Stored in lower case: letters, digits, spaces, - and _.">
          <input
            id={`${prefix}-name`}
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            maxLength={TAG_NAME_MAX}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={describedBy("name")}
            className={inputClass}
          />
        </Field>
        <Field id={`${prefix}-color`} label="Colour" error={errors.color} hint="#rrggbb">
          <div className="flex items-center gap-2">
            <input
              type="color"
              aria-label="Colour picker"
              value={HEX.test(draft.color) ? draft.color.toLowerCase() : "#64748b"}
              onChange={(e) => setDraft({ ...draft, color: e.target.value })}
              className="h-9 w-10 shrink-0 cursor-pointer max-md:h-11 max-md:w-11 rounded-md border-0 bg-white p-0.5 ring-1 ring-slate-300 ring-inset"
            />
            <input
              id={`${prefix}-color`}
              value={draft.color}
              onChange={(e) => setDraft({ ...draft, color: e.target.value })}
              maxLength={7}
              spellCheck={false}
              aria-invalid={errors.color ? true : undefined}
              aria-describedby={describedBy("color")}
              className={`${inputClass} font-mono`}
            />
          </div>
        </Field>
        <div className="@lg:col-span-2">
          <Field id={`${prefix}-description`} label="Description" error={errors.description}>
            <input
              id={`${prefix}-description`}
              value={draft.description}
              onChange={(e) => setDraft({ ...draft, description: e.target.value })}
              maxLength={TAG_DESCRIPTION_MAX}
              aria-invalid={errors.description ? true : undefined}
              aria-describedby={describedBy("description")}
              className={inputClass}
            />
          </Field>
        </div>
        <div className="space-y-3 @lg:col-span-2">
          <Notice message={message} />
          <div className="flex gap-2">
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : editing ? "Save tag" : "Create tag"}
            </Button>
            {onDone && editing ? (
              <Button type="button" variant="secondary" onClick={onDone} disabled={pending}>
                Cancel
              </Button>
            ) : null}
          </div>
        </div>
      </form>
    </div>
  );
}
