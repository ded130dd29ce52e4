import { MemoryStateStore } from "../../bot/storage/memory-state-store";
import { stateStoreContract } from "./contract";

stateStoreContract("memory", async () => {
  const store = new MemoryStateStore();
  return { store, sibling: () => store, dispose: async () => undefined };
});
