"use client";

import { useState } from "react";
import { createContactAction, deleteContactAction, updateContactAction } from "@/lib/actions/contacts";
import { CONTACT_NAME_MAX, CONTACT_TAGS_MAX, NOTES_MAX, PHONE_MAX, TITLE_MAX } from "@/lib/validation/contacts";
import { Field, inputClass } from "@/components/ui/field";
import { CustomerPicker, SearchCombobox, TagPicker, type Choice } from "@/components/ui/search-combobox";
import { DeleteButton, EditorDialog, errorsOf, useDialogForm } from "./form-dialog";

export interface ContactView {
  id: string;
  version: number;
  name: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  notes: string;
  customer: Choice | null;
  /** The linked requester ("Name · e-mail"). */
  user: Choice | null;
  tags: string[];
}

const FIELDS = ["name", "email", "phone", "title", "notes", "customerId", "userId", "tags"] as const;

const requesterSearchUrl = (q: string) => {
  const term = q.trim().slice(0, 100);
  return `/api/admin/contacts/requesters${term ? `?${new URLSearchParams({ q: term })}` : ""}`;
};

const blank = { name: "", email: "", phone: "", title: "", notes: "" };

/** "New contact" (no contact) or "Edit" of one; the customer, the requester account and the tags are found by typing. */
export function ContactDialog({ contact, customer: presetCustomer }: { contact?: ContactView; customer?: Choice | null }) {
  const form = useDialogForm(FIELDS);
  const initial = {
    text: contact ? { name: contact.name, email: contact.email ?? "", phone: contact.phone ?? "", title: contact.title ?? "", notes: contact.notes } : blank,
    customer: contact ? contact.customer : (presetCustomer ?? null),
    user: contact?.user ?? null,
    tags: contact?.tags ?? [],
  };
  const [draft, setDraft] = useState(initial.text);
  const [customer, setCustomer] = useState<Choice | null>(initial.customer);
  const [user, setUser] = useState<Choice | null>(initial.user);
  const [tags, setTags] = useState<string[]>(initial.tags);
  const prefix = contact ? `contact-${contact.id}` : "contact-new";
  const err = (f: string) => errorsOf(form.errors, f);
  const described = (f: string) => (err(f) ? `${prefix}-${f}-error` : undefined);

  function load() {
    setDraft(initial.text);
    setCustomer(initial.customer);
    setUser(initial.user);
    setTags(initial.tags);
  }

  function submit() {
    const body = { ...draft, customerId: customer?.id ?? null, userId: user?.id ?? null, tags };
    if (contact) form.save(() => updateContactAction({ id: contact.id, version: contact.version, ...body }), (r) => (r.changed ? `${draft.name.trim()} was saved.` : "Nothing had changed."));
    else form.save(() => createContactAction(body), (r) => `${r.name} was added.`);
  }

  const text = (f: keyof typeof blank, label: string, props: React.InputHTMLAttributes<HTMLInputElement>) => (
    <Field id={`${prefix}-${f}`} label={label} error={err(f)}>
      <input
        id={`${prefix}-${f}`}
        value={draft[f]}
        onChange={(e) => setDraft({ ...draft, [f]: e.target.value })}
        autoComplete="off"
        aria-invalid={err(f) ? true : undefined}
        aria-describedby={described(f)}
        className={inputClass}
        {...props}
      />
    </Field>
  );

  return (
    <EditorDialog
      form={form}
      noun="contact"
      editing={contact?.name}
      description="Someone outside your organization you deal with. Linked to a requester account, their tickets are for this contact's customer."
      onOpen={load}
      onSubmit={submit}
    >
      {text("name", "Name", { maxLength: CONTACT_NAME_MAX })}
      <div className="grid gap-4 sm:grid-cols-2">
        {text("email", "Email", { type: "email", maxLength: 254 })}
        {text("phone", "Phone", { type: "tel", maxLength: PHONE_MAX, placeholder: "+1 555 0100" })}
        {text("title", "Title", { maxLength: TITLE_MAX, placeholder: "e.g. Head of IT" })}
        <Field id={`${prefix}-customerId`} label="Customer" error={err("customerId")}>
          <CustomerPicker id={`${prefix}-customerId`} placeholder="None — type a company" value={customer} onPick={setCustomer} invalid={!!err("customerId")} describedBy={described("customerId")} />
        </Field>
      </div>
      <Field id={`${prefix}-userId`} label="Requester account" error={err("userId")} hint="Their requests are made for this contact's customer.">
        <SearchCombobox
          id={`${prefix}-userId`}
          searchUrl={requesterSearchUrl}
          value={user}
          onPick={setUser}
          placeholder="None — type a name or e-mail"
          emptyText="No requester without a contact matches."
          listLabel="Requester suggestions"
          invalid={!!err("userId")}
          describedBy={described("userId")}
        />
      </Field>
      <Field id={`${prefix}-tags`} label="Tags" error={err("tags")}>
        <TagPicker
          id={`${prefix}-tags`}
          placeholder={tags.length >= CONTACT_TAGS_MAX ? `At most ${CONTACT_TAGS_MAX} tags` : "Type a tag…"}
          exclude={tags}
          onPick={(t) => {
            if (t && !tags.includes(t.name) && tags.length < CONTACT_TAGS_MAX) setTags([...tags, t.name]);
          }}
          invalid={!!err("tags")}
          describedBy={described("tags")}
          listLabel="Tag suggestions"
        />
        {tags.length ? (
          <ul aria-label="Chosen tags" className="mt-2 flex flex-wrap gap-1.5">
            {tags.map((t) => (
              <li key={t} className="inline-flex items-center gap-1 rounded bg-slate-100 py-0.5 pr-0.5 pl-2 text-xs text-slate-700">
                {t}
                <button type="button" aria-label={`Remove tag ${t}`} onClick={() => setTags(tags.filter((x) => x !== t))} className="rounded px-1 text-slate-500 hover:bg-slate-200 hover:text-slate-800">
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </Field>
      <Field id={`${prefix}-notes`} label="Notes" error={err("notes")}>
        <textarea
          id={`${prefix}-notes`}
          rows={2}
          value={draft.notes}
          onChange={(e) => setDraft({ ...draft, notes: e.target.value })}
          maxLength={NOTES_MAX}
          aria-invalid={err("notes") ? true : undefined}
          aria-describedby={described("notes")}
          className={inputClass}
        />
      </Field>
    </EditorDialog>
  );
}

/** "Delete" of a contact, said first. */
export function DeleteContact({ contact }: { contact: { id: string; name: string; linked: boolean } }) {
  const account = contact.linked ? "Their requester account stays; new requests from it are for the customer of its e-mail's domain, if any. " : "";
  return (
    <DeleteButton
      name={contact.name}
      description={<p>{`${account}Tickets keep the customer they were given.`}</p>}
      submitLabel="Delete contact"
      run={() => deleteContactAction({ id: contact.id })}
      done={(r) => `${r.name} was deleted.`}
    />
  );
}
