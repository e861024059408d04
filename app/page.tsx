import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/actor";
import { isStaff } from "@/lib/auth/permissions";

export default async function Home() {
  const actor = await getActor();
  if (!actor) redirect("/login");
  redirect(isStaff(actor) ? "/desk" : "/portal");
}
