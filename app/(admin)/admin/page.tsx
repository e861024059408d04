import { redirect } from "next/navigation";
import { adminPageActor } from "@/lib/auth/guards";

/** /admin opens its first section. */
export default async function AdminIndex() {
  await adminPageActor();
  redirect("/admin/users");
}
