import { CircleRepository } from "./repositories/circles.js";
import { ConversationRepository } from "./repositories/conversations.js";
import { PeopleRepository } from "./repositories/people.js";
import type { TableStoreFactory } from "./table-store.js";

export { CircleRepository, ConversationRepository, PeopleRepository };
export type { CircleSnapshot } from "./repositories/circles.js";
export * from "./records.js";
export * from "./table-store.js";

export interface Repositories {
  circles: CircleRepository;
  people: PeopleRepository;
  conversations: ConversationRepository;
}

export async function openRepositories(factory: TableStoreFactory): Promise<Repositories> {
  const [circles, people, conversations] = await Promise.all([CircleRepository.open(factory), PeopleRepository.open(factory), ConversationRepository.open(factory)]);
  return { circles, people, conversations };
}
