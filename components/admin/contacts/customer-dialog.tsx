"use client";

import { useState } from "react";
import { createCustomerAction, deleteCustomerAction, updateCustomerAction } from "@/lib/actions/contacts";
import { CUSTOMER_NAME_MAX, NOTES_MAX } from "@/lib/validation/contacts";
import { Field, inputClass } from "@/components/ui/field";
import { DeleteButton, EditorDialog, errorsOf, useDialogForm } from "./form-dialog";

export interface CustomerView {
  id: string;
  version: number;
  name: string;
  domains: string[];
  notes: string;
}

const FIELDS = ["name", "domains", "notes"] as const;

/** "initech.test, @initech.example" → ["initech.test", "@initech.example"] (the server normalises each). */
const splitDomains = (text: string) => text.split(/[\s,;]+/).filter(Boolean);

/** "New customer" (no customer) or "Edit" of one: name, e-mail domains, notes. */
export function CustomerDialog({ customer }: { customer?: CustomerView }) {
  const form = useDialogForm(FIELDS);
  const initial = { name: customer?.name ?? "", domains: customer?.domains.join(", ") ?? "", notes: customer?.notes ?? "" };
  const [draft, setDraft] = useState(initial);
  const prefix = customer ? `customer-${customer.id}` : "customer-new";
  const described = (f: string) => (errorsOf(form.errors, f) ? `${prefix}-${f}-error` : undefined);

  function submit() {
    const body = { name: draft.name, domains: splitDomains(draft.domains), notes: draft.notes };
    if (customer) form.save(() => updateCustomerAction({ id: customer.id, version: customer.version, ...body }), (r) => (r.changed ? `${draft.name.trim()} was saved.` : "Nothing had changed."));
    else
      form.save(
        () => createCustomerAction(body),
        (r) => {
          setDraft({ name: "", domains: "", notes: "" });
          return `${r.name} was added.`;
        },
      );
  }

  return (
    <EditorDialog
      form={form}
      noun="customer"
      editing={customer?.name}
      description="A company you support. Its contacts and its requesters' tickets are found by it on the desk."
      onOpen={() => setDraft(initial)}
      onSubmit={submit}
    >
      <Field id={`${prefix}-name`} label="Name" error={errorsOf(form.errors, "name")}>
        <input
          id={`${prefix}-name`}
          value={draft.name}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          maxLength={CUSTOMER_NAME_MAX}
          autoComplete="off"
          aria-invalid={errorsOf(form.errors, "name") ? true : undefined}
          aria-describedby={described("name")}
          className={inputClass}
        />
      </Field>
      <Field
        id={`${prefix}-domains`}
        label="E-mail domains"
        error={errorsOf(form.errors, "domains")}
        hint="Separate with commas. A requester at one of these domains belongs to this customer, unless their contact record names another."
      >
        <input
          id={`${prefix}-domains`}
          value={draft.domains}
          onChange={(e) => setDraft({ ...draft, domains: e.target.value })}
          placeholder="e.g. initech.test"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={errorsOf(form.errors, "domains") ? true : undefined}
          aria-describedby={described("domains")}
          className={inputClass}
        />
      </Field>
      <Field id={`${prefix}-notes`} label="Notes" error={errorsOf(form.errors, "notes")}>
        <textarea
          id={`${prefix}-notes`}
          rows={3}
          value={draft.notes}
          onChange={(e) => setDraft({ ...draft, notes: e.target.value })}
          maxLength={NOTES_MAX}
          aria-invalid={errorsOf(form.errors, "notes") ? true : undefined}
          aria-describedby={described("notes")}
          className={inputClass}
        />
      </Field>
    </EditorDialog>
  );
}

/** "Delete" of a customer, said first: what happens to its contacts and tickets. */
export function DeleteCustomer({ customer, contactsLabel }: { customer: { id: string; name: string }; contactsLabel: string }) {
  const contacts = contactsLabel === "0" ? "No contact names it." : `Its ${contactsLabel} ${contactsLabel === "1" ? "contact stays" : "contacts stay"}, without a customer.`;
  return (
    <DeleteButton
      name={customer.name}
      description={<p>{`Its e-mail domains go with it. ${contacts} Tickets for ${customer.name} keep their history and no longer name a customer.`}</p>}
      submitLabel="Delete customer"
      run={() => deleteCustomerAction({ id: customer.id })}
      done={(r) => `${r.name} was deleted${r.tickets ? `; ${r.tickets === 1 ? "one ticket no longer names it" : `${r.tickets} tickets no longer name it`}` : ""}.`}
    />
  );
}
