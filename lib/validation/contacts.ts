import { z } from "zod";
import { INT4_MAX, text } from "./text";
import { emailField } from "./users";
import { tagNameSchema } from "./tags";

// Customers and external contacts (/admin/contacts): the forms, the lists'
// query strings and the pickers' searches.

export const CUSTOMER_NAME_MAX = 120;
export const CONTACT_NAME_MAX = 100;
export const NOTES_MAX = 2000;
export const DOMAIN_MAX = 253;
/** E-mail domains one customer may claim. */
export const DOMAINS_MAX = 20;
export const PHONE_MAX = 40;
export const TITLE_MAX = 100;
export const CONTACT_TAGS_MAX = 20;
/** Rows per page of each list on /admin/contacts (keyset paged: "Next" / "Previous"). */
export const CONTACT_PAGE_SIZE = 50;
export const CUSTOMER_PAGE_SIZE = 25;
export const CONTACT_SEARCH_MAX = 100;
/** Searches shorter than this match the start of a name; from this length, any part of it (and of a contact's e-mail). */
export const CONTACT_SUBSTRING_MIN = 3;
/** The most a picker is ever sent: customers and requesters are searched, never listed. */
export const PICKER_LIMIT = 20;

const noControl = (v: string) => !/[\u0000-\u001f\u007f]/.test(v);

const name = (max: number) =>
  text({ error: "Enter a name" })
    .trim()
    .min(1, "Enter a name")
    .max(max, `A name has at most ${max} characters`)
    .refine(noControl, "A name cannot contain control characters");

const notes = text().trim().max(NOTES_MAX, `Notes have at most ${NOTES_MAX.toLocaleString("en")} characters`).default("");

/** An optional one-line text: blank is none (null). */
const optionalLine = (max: number, label: string) =>
  text()
    .trim()
    .max(max, `${label} has at most ${max} characters`)
    .refine(noControl, `${label} cannot contain control characters`)
    .transform((v) => v || null)
    .nullable()
    .optional();

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** "initech.test" (an "@" in front, capitals and spaces around are forgiven). */
export const domainSchema = text({ error: "Enter a domain such as initech.test" })
  .trim()
  .toLowerCase()
  .transform((v) => v.replace(/^@/, ""))
  .pipe(text().max(DOMAIN_MAX, `A domain has at most ${DOMAIN_MAX} characters`).regex(DOMAIN, "Enter a domain such as initech.test"));

const version = z.number({ error: "Reload the page and try again" }).int().positive().max(INT4_MAX, "Reload the page and try again");
const customerId = z.uuid({ error: "Customer not found" });
const contactId = z.uuid({ error: "Contact not found" });

const customerFields = {
  name: name(CUSTOMER_NAME_MAX),
  domains: z
    .array(domainSchema, { error: "List the domains" })
    .max(DOMAINS_MAX, `At most ${DOMAINS_MAX} domains`)
    .transform((list) => [...new Set(list)])
    .default([]),
  notes,
};

export const createCustomerSchema = z.object(customerFields).strict();
export type CreateCustomerInput = z.input<typeof createCustomerSchema>;

export const updateCustomerSchema = z.object({ id: customerId, version, ...customerFields }).strict();
export type UpdateCustomerInput = z.input<typeof updateCustomerSchema>;

export const deleteCustomerSchema = z.object({ id: customerId }).strict();
export type DeleteCustomerInput = z.input<typeof deleteCustomerSchema>;

const PHONE = /^\+?[0-9][0-9 ()./-]*(?:\s*(?:x|ext\.?)\s*[0-9]{1,6})?$/i;

const contactFields = {
  name: name(CONTACT_NAME_MAX),
  email: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), emailField().nullable().optional()),
  phone: optionalLine(PHONE_MAX, "A phone number").refine((v) => !v || PHONE.test(v), "Use digits, spaces and + ( ) - . / (an extension as x123)"),
  title: optionalLine(TITLE_MAX, "A title"),
  notes,
  /** The company this person works for (a customer of the organization), or none. */
  customerId: customerId.nullable().optional(),
  /** The requester account of this person (a user of the organization who is not staff), or none. */
  userId: z.uuid({ error: "Choose a requester" }).nullable().optional(),
  /** Existing tags of the organization, by name (the tag picker's value). */
  tags: z
    .array(tagNameSchema, { error: "Choose tags from the list" })
    .max(CONTACT_TAGS_MAX, `At most ${CONTACT_TAGS_MAX} tags`)
    .transform((list) => [...new Set(list)])
    .default([]),
};

export const createContactSchema = z.object(contactFields).strict();
export type CreateContactInput = z.input<typeof createContactSchema>;

export const updateContactSchema = z.object({ id: contactId, version, ...contactFields }).strict();
export type UpdateContactInput = z.input<typeof updateContactSchema>;

export const deleteContactSchema = z.object({ id: contactId }).strict();
export type DeleteContactInput = z.input<typeof deleteContactSchema>;

// ─── The lists' query strings and the pickers' searches ─────────────────────

const optionalParam = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());
const search = text().trim().max(CONTACT_SEARCH_MAX, `Search for at most ${CONTACT_SEARCH_MAX} characters`).default("");
const cursor = optionalParam(text().max(600));

/** /admin/contacts' customer list: ?cq=&cafter=&cbefore= (the contacts' own parameters are unprefixed). */
export const customerListSchema = z.object({ q: search, after: cursor, before: cursor });
export type CustomerListInput = z.input<typeof customerListSchema>;

/** /admin/contacts' contact list: ?q=&customer=&after=&before=. */
export const contactListSchema = z.object({
  q: search,
  customer: optionalParam(z.uuid({ error: "Unknown customer" })),
  after: cursor,
  before: cursor,
});
export type ContactListInput = z.input<typeof contactListSchema>;

/** GET /api/customers/search and /api/admin/contacts/requesters: what was typed. */
export const pickerSearchSchema = z.object({ q: search });
