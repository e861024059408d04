"use client";

import { createContext, useContext, useId, useState, useTransition, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { FieldErrors } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useModalDialog } from "@/components/ui/use-modal-dialog";

// The dialogs of /admin/contacts (new and edit customer or contact, delete):
// one shell, one way to save. Messages sit under their fields, the input is
// kept on a refusal, and a conflict loads the latest rows behind the dialog.

/** The outcome of the last save, said once above the lists. */
const Feedback = createContext<{ text: string | null; say: (text: string | null) => void }>({ text: null, say: () => {} });

export function FeedbackProvider({ children }: { children: ReactNode }) {
  const [text, say] = useState<string | null>(null);
  return <Feedback value={{ text, say }}>{children}</Feedback>;
}

export function FeedbackArea() {
  const { text } = useContext(Feedback);
  return (
    <div aria-live="polite" className="mb-4 empty:mb-0">
      {text ? (
        <p role="status" data-testid="contacts-feedback" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-600/20 ring-inset">
          {text}
        </p>
      ) : null}
    </div>
  );
}

/** The messages of `field` and of anything inside it ("domains.1", "tags.0"). */
export function errorsOf(errors: FieldErrors, field: string): string[] | undefined {
  const list = Object.entries(errors).flatMap(([k, v]) => (k === field || k.startsWith(`${field}.`) ? v : []));
  return list.length ? list : undefined;
}

/** Open/close, pending, field errors and the general message of one dialog's form. */
export function useDialogForm(fields: readonly string[]) {
  const router = useRouter();
  const { say } = useContext(Feedback);
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function close() {
    setOpen(false);
    setErrors({});
    setMessage(null);
  }

  /** Sends `call`; on success closes, says `done(data)` and reloads the lists; on a refusal shows it and keeps the input. */
  function save<T>(call: () => Promise<ActionResult<T>>, done: (data: T) => string) {
    setErrors({});
    setMessage(null);
    startTransition(async () => {
      const res = await call();
      if (!res.ok) {
        const fieldErrors = res.fieldErrors ?? {};
        setErrors(fieldErrors);
        if (!fields.some((f) => errorsOf(fieldErrors, f))) setMessage(res.message);
        if (res.code === "CONFLICT" || res.code === "NOT_FOUND") router.refresh();
        return;
      }
      say(done(res.data));
      close();
      router.refresh();
    });
  }

  return {
    open,
    show: () => {
      say(null);
      setOpen(true);
    },
    close,
    errors,
    message,
    pending,
    save,
  };
}

/** A modal form: title, the fields, the message, Cancel and the submit button. */
export function FormDialog({
  form,
  title,
  description,
  submitLabel,
  pendingLabel,
  danger = false,
  onSubmit,
  children,
}: {
  form: ReturnType<typeof useDialogForm>;
  title: string;
  description?: ReactNode;
  submitLabel: string;
  pendingLabel: string;
  danger?: boolean;
  onSubmit: () => void;
  children?: ReactNode;
}) {
  const ref = useModalDialog(form.open);
  const uid = useId();
  return (
    <dialog
      ref={ref}
      onClose={form.close}
      aria-labelledby={`${uid}-title`}
      className="m-auto max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] max-w-lg overflow-y-auto rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
        noValidate
        className="space-y-4 p-6"
      >
        <div>
          <h2 id={`${uid}-title`} className="text-base font-semibold">
            {title}
          </h2>
          {description ? <div className="mt-1 text-sm text-slate-600">{description}</div> : null}
        </div>
        {children}
        <Notice message={form.message} />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={form.close} disabled={form.pending}>
            Cancel
          </Button>
          <Button type="submit" variant={danger ? "danger" : "primary"} disabled={form.pending}>
            {form.pending ? pendingLabel : submitLabel}
          </Button>
        </div>
      </form>
    </dialog>
  );
}

/** "Delete" of a row: a dialog asks "Delete <name>?" and says what follows; the outcome is said above the lists. */
export function DeleteButton<T>({ name, description, submitLabel, run, done }: { name: string; description: ReactNode; submitLabel: string; run: () => Promise<ActionResult<T>>; done: (data: T) => string }) {
  const form = useDialogForm([]);
  return (
    <>
      <Button type="button" variant="ghost" className="px-2.5 py-1.5 text-red-700" aria-label={`Delete ${name}`} onClick={form.show}>
        Delete
      </Button>
      <FormDialog form={form} title={`Delete ${name}?`} description={description} submitLabel={submitLabel} pendingLabel="Deleting…" danger onSubmit={() => form.save(run, done)} />
    </>
  );
}

/**
 * "New <noun>" (no `editing`) or "Edit" of the row named `editing`: the
 * button that opens the dialog, and the dialog with the fields.
 */
export function EditorDialog({
  form,
  noun,
  editing,
  description,
  onOpen,
  onSubmit,
  children,
}: {
  form: ReturnType<typeof useDialogForm>;
  noun: string;
  editing?: string;
  description: string;
  /** Loads the draft before the dialog shows. */
  onOpen: () => void;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const open = () => {
    onOpen();
    form.show();
  };
  return (
    <>
      {editing ? (
        <Button type="button" variant="secondary" className="px-2.5 py-1.5" aria-label={`Edit ${editing}`} onClick={open}>
          Edit
        </Button>
      ) : (
        <Button type="button" onClick={open}>
          New {noun}
        </Button>
      )}
      <FormDialog
        form={form}
        title={editing ? `Edit ${editing}` : `New ${noun}`}
        description={description}
        submitLabel={editing ? `Save ${noun}` : `Create ${noun}`}
        pendingLabel="Saving…"
        onSubmit={onSubmit}
      >
        {children}
      </FormDialog>
    </>
  );
}
