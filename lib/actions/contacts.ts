"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getActor } from "@/lib/auth/actor";
import { defineAction } from "@/lib/actions/safe-action";
import { requestMeta } from "@/lib/audit";
import { createCustomer, updateCustomer } from "@/lib/domain/customers/save-customer";
import { deleteCustomer } from "@/lib/domain/customers/delete-customer";
import { createContact, updateContact } from "@/lib/domain/contacts/save-contact";
import { deleteContact } from "@/lib/domain/contacts/delete-contact";
import {
  createContactSchema,
  createCustomerSchema,
  deleteContactSchema,
  deleteCustomerSchema,
  updateContactSchema,
  updateCustomerSchema,
} from "@/lib/validation/contacts";

// Thin wrappers (lib/actions/safe-action.ts); the domain functions check org.manage.

const LIST = "/admin/contacts";
const meta = async () => requestMeta(await headers());

export const createCustomerAction = defineAction(getActor, createCustomerSchema, async (actor, input) => {
  const customer = await createCustomer(actor, input, await meta());
  revalidatePath(LIST);
  return { id: customer.id, name: customer.name };
});

export const updateCustomerAction = defineAction(getActor, updateCustomerSchema, async (actor, input) => {
  const r = await updateCustomer(actor, input, await meta());
  revalidatePath(LIST);
  return r;
});

export const deleteCustomerAction = defineAction(getActor, deleteCustomerSchema, async (actor, input) => {
  const r = await deleteCustomer(actor, input, await meta());
  revalidatePath(LIST);
  return r;
});

export const createContactAction = defineAction(getActor, createContactSchema, async (actor, input) => {
  const contact = await createContact(actor, input, await meta());
  revalidatePath(LIST);
  return { id: contact.id, name: contact.name };
});

export const updateContactAction = defineAction(getActor, updateContactSchema, async (actor, input) => {
  const r = await updateContact(actor, input, await meta());
  revalidatePath(LIST);
  return r;
});

export const deleteContactAction = defineAction(getActor, deleteContactSchema, async (actor, input) => {
  const r = await deleteContact(actor, input, await meta());
  revalidatePath(LIST);
  return r;
});
