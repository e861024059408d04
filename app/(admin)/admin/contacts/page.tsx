import type { Metadata } from "next";
import Link from "next/link";
import { adminPageActor } from "@/lib/auth/guards";
import { listCustomers, CUSTOMER_CONTACTS_CAP, CUSTOMER_TOTAL_CAP } from "@/lib/domain/customers/list-customers";
import { listContacts, CONTACT_TOTAL_CAP } from "@/lib/domain/contacts/list-contacts";
import { CONTACT_SUBSTRING_MIN, contactListSchema, customerListSchema } from "@/lib/validation/contacts";
import { PageHeader } from "@/components/layout/app-shell";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { cappedCount } from "@/components/admin/pager";
import { FeedbackArea, FeedbackProvider } from "@/components/admin/contacts/form-dialog";
import { CustomerDialog, DeleteCustomer } from "@/components/admin/contacts/customer-dialog";
import { ContactDialog, DeleteContact } from "@/components/admin/contacts/contact-dialog";

export const metadata: Metadata = { title: "Contacts" };

type SearchParams = Record<string, string | string[] | undefined>;
const one = (sp: SearchParams, k: string) => (typeof sp[k] === "string" ? sp[k] : undefined);

// Both lists' parameters: the customers' are prefixed (cq, cafter, cbefore), the contacts' are not (q, customer, after, before).
const PARAMS = ["cq", "cafter", "cbefore", "q", "customer", "after", "before"] as const;
type Params = Partial<Record<(typeof PARAMS)[number], string>>;

function href(current: Params, change: Params): string {
  const sp = new URLSearchParams();
  for (const k of PARAMS) {
    const v = k in change ? change[k] : current[k];
    if (v) sp.set(k, v);
  }
  const s = sp.toString();
  return `/admin/contacts${s ? `?${s}` : ""}`;
}

const pagerLink = "rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50";

function Pager({ label, prev, next }: { label: string; prev: string | null; next: string | null }) {
  if (!prev && !next) return null;
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between gap-2">
      {prev ? (
        <Link href={prev} className={pagerLink} rel="prev">
          Previous
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link href={next} className={pagerLink} rel="next">
          Next
        </Link>
      ) : null}
    </nav>
  );
}

function SearchForm({ id, label, name, value, placeholder, hidden, clear }: { id: string; label: string; name: string; value: string; placeholder: string; hidden: Params; clear: string | null }) {
  return (
    <form role="search" action="/admin/contacts" className="mb-4 flex flex-wrap items-center gap-2">
      {Object.entries(hidden).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="search"
        defaultValue={value}
        maxLength={100}
        placeholder={placeholder}
        aria-describedby={`${id}-hint`}
        className={`${inputClass} w-full sm:max-w-sm sm:flex-1`}
      />
      <p id={`${id}-hint`} className="sr-only">
        {`Fewer than ${CONTACT_SUBSTRING_MIN} characters match the start of a name; more match any part of it.`}
      </p>
      <button type="submit" className={buttonClass("secondary")}>
        Search
      </button>
      {clear ? (
        <Link href={clear} className="px-1 py-2 text-sm text-brand-700 hover:underline">
          Clear
        </Link>
      ) : null}
    </form>
  );
}

const th = "px-4 py-2.5";
const td = "px-4 py-2.5";
const none = <span className="text-slate-400">—</span>;

/** Customers and external contacts, each list searched and keyset-paged in SQL (an organization may hold 50,000 contacts). */
export default async function ContactsAdminPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await adminPageActor();
  const sp = await searchParams;
  const current: Params = Object.fromEntries(PARAMS.map((k) => [k, one(sp, k)]));
  // A malformed query string shows that list's first page, unfiltered.
  const cParsed = customerListSchema.safeParse({ q: current.cq, after: current.cafter, before: current.cbefore });
  const kParsed = contactListSchema.safeParse({ q: current.q, customer: current.customer, after: current.after, before: current.before });
  const [customers, contacts] = await Promise.all([listCustomers(actor, cParsed.success ? cParsed.data : {}), listContacts(actor, kParsed.success ? kParsed.data : {})]);
  const shown: Params = { ...current, cq: customers.q || undefined, q: contacts.q || undefined, customer: contacts.customer?.id };
  const customerHidden: Params = { q: shown.q, customer: shown.customer };
  const contactHidden: Params = { cq: shown.cq, customer: shown.customer };

  return (
    <FeedbackProvider>
      <PageHeader
        title="Contacts"
        description="The companies you support and the people there you deal with. A requester linked to a contact (or at a customer's e-mail domain) has their tickets made for that customer."
        actions={
          <>
            <CustomerDialog />
            <ContactDialog customer={contacts.customer} />
          </>
        }
      />
      <FeedbackArea />
      <div className="space-y-8">
        <section aria-labelledby="customers-heading">
          <div className="mb-3 flex flex-wrap items-baseline gap-x-3">
            <h2 id="customers-heading" className="text-base font-semibold text-slate-900">
              Customers
            </h2>
            <span className="text-sm text-slate-500">{cappedCount(customers.total, CUSTOMER_TOTAL_CAP)}</span>
          </div>
          <SearchForm
            id="customers-q"
            label="Search customers"
            name="cq"
            value={customers.q}
            placeholder="Search customer names…"
            hidden={customerHidden}
            clear={customers.q ? href(shown, { cq: undefined, cafter: undefined, cbefore: undefined }) : null}
          />
          <div className="relative overflow-x-auto rounded-lg bg-white shadow-xs ring-1 ring-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">Customers</caption>
              <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase">
                <tr>
                  <th scope="col" className={th}>Name</th>
                  <th scope="col" className={th}>E-mail domains</th>
                  <th scope="col" className={`${th} text-right`}>Contacts</th>
                  <th scope="col" className={th}>Tickets</th>
                  <th scope="col" className={`${th} text-right`}>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {customers.rows.length === 0 ? (
                  <tr>
                    <td colSpan={5} className="px-4 py-8 text-center text-slate-500">
                      {customers.q ? "No customer matches." : "No customers yet."}
                    </td>
                  </tr>
                ) : (
                  customers.rows.map((c) => {
                    const contactsLabel = cappedCount(c.contacts, CUSTOMER_CONTACTS_CAP);
                    return (
                      <tr key={`${c.id}:${c.version}`} className="align-top">
                        <th scope="row" className={`${td} text-left font-normal`}>
                          <div className="font-medium break-words text-slate-900">{c.name}</div>
                          {c.notes ? <div className="mt-0.5 max-w-md text-xs break-words text-slate-500">{c.notes}</div> : null}
                        </th>
                        <td className={`${td} text-slate-700`}>{c.domains.length ? <span className="break-all">{c.domains.join(", ")}</span> : none}</td>
                        <td className={`${td} text-right tabular-nums`}>
                          <Link href={href(shown, { customer: c.id, after: undefined, before: undefined, q: undefined })} className="text-brand-700 hover:underline" aria-label={`${contactsLabel} contacts of ${c.name}`}>
                            {contactsLabel}
                          </Link>
                        </td>
                        <td className={`${td} whitespace-nowrap`}>
                          <Link href={`/desk?customer=${c.id}`} className="text-brand-700 hover:underline" aria-label={`Tickets of ${c.name} on the desk`}>
                            On the desk
                          </Link>
                        </td>
                        <td className={td}>
                          <div className="flex justify-end gap-2">
                            <CustomerDialog customer={{ id: c.id, version: c.version, name: c.name, domains: c.domains, notes: c.notes }} />
                            <DeleteCustomer customer={{ id: c.id, name: c.name }} contactsLabel={contactsLabel} />
                          </div>
                        </td>
                      </tr>
                    );
                  })
                )}
              </tbody>
            </table>
          </div>
          <Pager
            label="Pages of customers"
            prev={customers.prev ? href(shown, { cbefore: customers.prev, cafter: undefined }) : null}
            next={customers.next ? href(shown, { cafter: customers.next, cbefore: undefined }) : null}
          />
        </section>

        <section aria-labelledby="contacts-heading">
          <div className="mb-3 flex flex-wrap items-baseline gap-x-3">
            <h2 id="contacts-heading" className="text-base font-semibold text-slate-900">
              Contacts
            </h2>
            <span className="text-sm text-slate-500">{cappedCount(contacts.total, CONTACT_TOTAL_CAP)}</span>
            {contacts.customer ? (
              <span className="inline-flex items-center gap-1 rounded-full bg-brand-50 px-2.5 py-0.5 text-xs text-brand-700 ring-1 ring-brand-200">
                Customer: {contacts.customer.name}
                <Link href={href(shown, { customer: undefined, after: undefined, before: undefined })} aria-label="Show the contacts of every customer" className="px-1 hover:underline">
                  ✕
                </Link>
              </span>
            ) : null}
          </div>
          <SearchForm
            id="contacts-q"
            label="Search contacts"
            name="q"
            value={contacts.q}
            placeholder="Search name or e-mail…"
            hidden={contactHidden}
            clear={contacts.q ? href(shown, { q: undefined, after: undefined, before: undefined }) : null}
          />
          <div className="relative overflow-x-auto rounded-lg bg-white shadow-xs ring-1 ring-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">Contacts</caption>
              <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase">
                <tr>
                  <th scope="col" className={th}>Name and e-mail</th>
                  <th scope="col" className={th}>Customer</th>
                  <th scope="col" className={th}>Title and phone</th>
                  <th scope="col" className={th}>Tags</th>
                  <th scope="col" className={th}>Requester account</th>
                  <th scope="col" className={`${th} text-right`}>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {contacts.rows.length === 0 ? (
                  <tr>
                    <td colSpan={6} className="px-4 py-8 text-center text-slate-500">
                      {contacts.q || contacts.customer ? "No contact matches." : "No contacts yet."}
                    </td>
                  </tr>
                ) : (
                  contacts.rows.map((k) => (
                    <tr key={`${k.id}:${k.version}`} className="align-top">
                      <th scope="row" className={`${td} text-left font-normal`}>
                        <div className="font-medium whitespace-nowrap text-slate-900">{k.name}</div>
                        <div className="whitespace-nowrap text-slate-500">{k.email ?? "No e-mail"}</div>
                      </th>
                      <td className={`${td} whitespace-nowrap text-slate-700`}>{k.customerName ?? none}</td>
                      <td className={`${td} text-slate-700`}>
                        <div className="whitespace-nowrap">{k.title ?? none}</div>
                        {k.phone ? <div className="whitespace-nowrap text-slate-500">{k.phone}</div> : null}
                      </td>
                      <td className={td}>
                        {k.tags.length ? (
                          <span className="flex flex-wrap gap-1">
                            {k.tags.map((t) => (
                              <span key={t} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs whitespace-nowrap text-slate-700">
                                {t}
                              </span>
                            ))}
                          </span>
                        ) : (
                          none
                        )}
                      </td>
                      <td className={`${td} text-slate-700`}>
                        {k.userName ? (
                          <>
                            <div>{k.userName}</div>
                            <div className="text-slate-500">{k.userEmail}</div>
                          </>
                        ) : (
                          none
                        )}
                      </td>
                      <td className={td}>
                        <div className="flex justify-end gap-2">
                          <ContactDialog
                            contact={{
                              id: k.id,
                              version: k.version,
                              name: k.name,
                              email: k.email,
                              phone: k.phone,
                              title: k.title,
                              notes: k.notes,
                              customer: k.customerId && k.customerName ? { id: k.customerId, name: k.customerName } : null,
                              user: k.userId && k.userName ? { id: k.userId, name: `${k.userName} · ${k.userEmail}` } : null,
                              tags: k.tags,
                            }}
                          />
                          <DeleteContact contact={{ id: k.id, name: k.name, linked: !!k.userId }} />
                        </div>
                      </td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
          <Pager
            label="Pages of contacts"
            prev={contacts.prev ? href(shown, { before: contacts.prev, after: undefined }) : null}
            next={contacts.next ? href(shown, { after: contacts.next, before: undefined }) : null}
          />
        </section>
      </div>
    </FeedbackProvider>
  );
}
