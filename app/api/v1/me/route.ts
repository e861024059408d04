import { routes } from "@/lib/api/v1/operation";
import { getMe } from "@/lib/api/v1/me";

export const { GET } = routes(getMe);
