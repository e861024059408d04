-- Customers and external contacts (issue 13, "Contacts"): customers with the
-- e-mail domains that map requesters to them, contacts (optionally a
-- requester's record: Contact.userId), contacts' tags, and the customer of a
-- ticket (set at creation from the requester's customer, then edited by staff).

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "customerId" UUID;

-- CreateTable
CREATE TABLE "Customer" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "notes" VARCHAR(2000) NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerDomain" (
    "organizationId" UUID NOT NULL,
    "domain" VARCHAR(253) NOT NULL,
    "customerId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerDomain_pkey" PRIMARY KEY ("organizationId","domain")
);

-- CreateTable
CREATE TABLE "Contact" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "customerId" UUID,
    "name" VARCHAR(100) NOT NULL,
    "email" VARCHAR(254),
    "phone" VARCHAR(40),
    "title" VARCHAR(100),
    "notes" VARCHAR(2000) NOT NULL DEFAULT '',
    "userId" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactTag" (
    "contactId" UUID NOT NULL,
    "tagId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContactTag_pkey" PRIMARY KEY ("contactId","tagId")
);

-- CreateIndex
CREATE INDEX "CustomerDomain_customerId_idx" ON "CustomerDomain"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "Contact_userId_key" ON "Contact"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Contact_organizationId_email_key" ON "Contact"("organizationId", "email");

-- CreateIndex
CREATE INDEX "ContactTag_tagId_idx" ON "ContactTag"("tagId");

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerDomain" ADD CONSTRAINT "CustomerDomain_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactTag" ADD CONSTRAINT "ContactTag_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactTag" ADD CONSTRAINT "ContactTag_tagId_fkey" FOREIGN KEY ("tagId") REFERENCES "Tag"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written (expression, partial and trigram indexes), listed in
-- prisma/hand-written-indexes.ts. The lists of /admin/contacts are ordered by
-- lower(name) under collation C, then id, and paged by keyset on that pair,
-- like /admin/users: each reads one range of one index, at most a page and one
-- row, however many rows the organization holds. pg_trgm was created by
-- migration 20261201120000_user_admin.

-- Customer names are unique per organization ignoring case, and the same index
-- gives the list its order and a name prefix its range.
CREATE UNIQUE INDEX "Customer_name_key" ON "Customer" ("organizationId", (lower("name") COLLATE "C"));
CREATE INDEX "Customer_search_idx" ON "Customer" USING gin (lower("name") gin_trgm_ops);

CREATE INDEX "Contact_admin_order_idx" ON "Contact" ("organizationId", (lower("name") COLLATE "C"), "id");
-- A customer's contacts in list order (and the rows a deleted customer lets go).
CREATE INDEX "Contact_customer_order_idx" ON "Contact" ("customerId", (lower("name") COLLATE "C"), "id");
CREATE INDEX "Contact_search_idx" ON "Contact" USING gin ((lower("name") || ' ' || coalesce("email", '')) gin_trgm_ops);

-- The desk's Customer filter, in its default order (most tickets have no customer: they are not in it).
CREATE INDEX "Ticket_customer_idx" ON "Ticket" ("customerId", "updatedAt", "id") WHERE "customerId" IS NOT NULL;
