import type { Metadata } from "next";
import Link from "next/link";
import { adminPageActor } from "@/lib/auth/guards";
import { listCustomers, CUSTOMER_CONTACTS_CAP, CUSTOMER_TOTAL_CAP } from "@/lib/domain/customers/list-customers";
import { listContacts, CONTACT_TOTAL_CAP } from "@/lib/domain/contacts/list-contacts";
import { contactListSchema, customerListSchema } from "@/lib/validation/contacts";
import { PageHeader } from "@/components/layout/app-shell";
import { cappedCount } from "@/components/admin/pager";
import { FeedbackArea, FeedbackProvider } from "@/components/admin/contacts/form-dialog";
import { CustomerDialog, DeleteCustomer } from "@/components/admin/contacts/customer-dialog";
import { ContactDialog, DeleteContact } from "@/components/admin/contacts/contact-dialog";
import { ListSection } from "@/components/admin/contacts/list-section";

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

const td = "px-4 py-2.5";
const none = <span className="text-slate-500">—</span>;

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
        <ListSection
          id="customers"
          title="Customers"
          total={cappedCount(customers.total, CUSTOMER_TOTAL_CAP)}
          search={{
            id: "customers-q",
            label: "Search customers",
            name: "cq",
            value: customers.q,
            placeholder: "Search customer names…",
            hidden: customerHidden,
            clear: customers.q ? href(shown, { cq: undefined, cafter: undefined, cbefore: undefined }) : null,
          }}
          columns={["Name", "E-mail domains", "Contacts", "Tickets", ""]}
          empty={customers.rows.length ? null : customers.q ? "No customer matches." : "No customers yet."}
          pager={{
            label: "Pages of customers",
            prev: customers.prev ? href(shown, { cbefore: customers.prev, cafter: undefined }) : null,
            next: customers.next ? href(shown, { cafter: customers.next, cbefore: undefined }) : null,
          }}
        >
          {customers.rows.map((c) => {
            const contactsLabel = cappedCount(c.contacts, CUSTOMER_CONTACTS_CAP);
            return (
              <tr key={`${c.id}:${c.version}`} className="align-top">
                <th scope="row" className={`${td} text-left font-normal`}>
                  <div className="font-medium break-words text-slate-900">{c.name}</div>
                  {c.notes ? <div className="mt-0.5 max-w-md text-xs break-words text-slate-500">{c.notes}</div> : null}
                </th>
                <td className={`${td} text-slate-700`}>{c.domains.length ? <span className="break-all">{c.domains.join(", ")}</span> : none}</td>
                <td className={`${td} tabular-nums`}>
                  <Link href={href(shown, { customer: c.id, after: undefined, before: undefined, q: undefined })} className="text-brand-700 hover:underline max-md:inline-flex max-md:min-h-11 max-md:min-w-11 max-md:items-center" aria-label={`${contactsLabel} contacts of ${c.name}`}>
                    {contactsLabel}
                  </Link>
                </td>
                <td className={`${td} whitespace-nowrap`}>
                  <Link href={`/desk?customer=${c.id}`} className="text-brand-700 hover:underline max-md:inline-flex max-md:min-h-11 max-md:items-center" aria-label={`Tickets of ${c.name} on the desk`}>
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
          })}
        </ListSection>

        <ListSection
          id="contacts"
          title="Contacts"
          total={cappedCount(contacts.total, CONTACT_TOTAL_CAP)}
          filter={
            contacts.customer ? (
              <span className="inline-flex items-center gap-1 rounded-full bg-brand-50 px-2.5 py-0.5 text-xs text-brand-700 ring-1 ring-brand-200">
                Customer: {contacts.customer.name}
                <Link href={href(shown, { customer: undefined, after: undefined, before: undefined })} aria-label="Show the contacts of every customer" className="px-1 hover:underline">
                  ✕
                </Link>
              </span>
            ) : null
          }
          search={{
            id: "contacts-q",
            label: "Search contacts",
            name: "q",
            value: contacts.q,
            placeholder: "Search name or e-mail…",
            hidden: contactHidden,
            clear: contacts.q ? href(shown, { q: undefined, after: undefined, before: undefined }) : null,
          }}
          columns={["Name and e-mail", "Customer", "Title and phone", "Tags", "Requester account", ""]}
          empty={contacts.rows.length ? null : contacts.q || contacts.customer ? "No contact matches." : "No contacts yet."}
          pager={{
            label: "Pages of contacts",
            prev: contacts.prev ? href(shown, { before: contacts.prev, after: undefined }) : null,
            next: contacts.next ? href(shown, { after: contacts.next, before: undefined }) : null,
          }}
        >
          {contacts.rows.map((k) => (
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
          ))}
        </ListSection>
      </div>
    </FeedbackProvider>
  );
}
