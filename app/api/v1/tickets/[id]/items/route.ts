import { routes } from "@/lib/api/v1/operation";
import { addItemOp, listItemsOp } from "@/lib/api/v1/items";

export const { GET, POST } = routes(listItemsOp, addItemOp);
