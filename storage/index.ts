import { systemClock, type Clock } from "../core/clock.js";
import { ensureStorageLayout } from "./layout.js";
import { CircleRepository } from "./repositories/circles.js";
import { CompanyRepository } from "./repositories/companies.js";
import { ConversationRepository } from "./repositories/conversations.js";
import { PeopleRepository } from "./repositories/people.js";
import type { TableStoreFactory } from "./table-store.js";

export { CircleRepository, CompanyRepository, ConversationRepository, PeopleRepository };
export type { CircleSnapshot } from "./repositories/circles.js";
export { StorageLayoutError, STORAGE_LAYOUT_VERSION } from "./layout.js";
export * from "./records.js";
export * from "./table-store.js";

export interface Repositories {
  circles: CircleRepository;
  companies: CompanyRepository;
  people: PeopleRepository;
  conversations: ConversationRepository;
}

/** Opens the repositories once the storage's layout is checked (StorageLayoutError for data of an earlier layout). */
export async function openRepositories(factory: TableStoreFactory, clock: Clock = systemClock): Promise<Repositories> {
  await ensureStorageLayout(factory, clock.now());
  const [circles, companies, people, conversations] = await Promise.all([
    CircleRepository.open(factory),
    CompanyRepository.open(factory),
    PeopleRepository.open(factory),
    ConversationRepository.open(factory),
  ]);
  return { circles, companies, people, conversations };
}
