import { conversationKeys, TABLES } from "../partitions.js";
import type { ConversationRecord } from "../records.js";
import { ConcurrencyError, EntityExistsError, type StoredRow, type TableStore, type TableStoreFactory } from "../table-store.js";

/** Saved conversation references for proactive messages, and each person's personal chat. */
export class ConversationRepository {
  private constructor(private readonly conversations: TableStore) {}

  static async open(factory: TableStoreFactory): Promise<ConversationRepository> {
    return new ConversationRepository(await factory.table(TABLES.conversations));
  }

  async get(conversationId: string): Promise<StoredRow<ConversationRecord> | undefined> {
    return this.conversations.get<ConversationRecord>(conversationKeys.partition(conversationId), conversationKeys.referenceRow());
  }

  /** Saves the reference; a personal chat is also found from the person (for reminders in their chat). */
  async save(record: ConversationRecord): Promise<void> {
    await this.conversations.upsert(conversationKeys.partition(record.conversationId), conversationKeys.referenceRow(), record);
    if (record.conversationType === "personal" && record.person) {
      await this.conversations.upsert(conversationKeys.personalChatPartition(record.tenantId, record.person.userId), conversationKeys.personalChatRow(), record);
    }
  }

  /**
   * Saves the reference and tells whether this call made it active (new, or back after removal).
   * Teams sends two events for one install; of two simultaneous calls only one gets true.
   */
  async activate(record: ConversationRecord): Promise<boolean> {
    const partition = conversationKeys.partition(record.conversationId);
    const existing = await this.get(record.conversationId);
    const saved: ConversationRecord = { ...record, active: true, installedAt: existing?.data.active ? existing.data.installedAt : record.installedAt };
    try {
      if (existing) await this.conversations.replace(partition, conversationKeys.referenceRow(), saved, existing.etag);
      else await this.conversations.insert(partition, conversationKeys.referenceRow(), saved);
    } catch (error) {
      if (error instanceof EntityExistsError || error instanceof ConcurrencyError) return false;
      throw error;
    }
    if (saved.conversationType === "personal" && saved.person) {
      await this.conversations.upsert(conversationKeys.personalChatPartition(saved.tenantId, saved.person.userId), conversationKeys.personalChatRow(), saved);
    }
    return !existing?.data.active;
  }

  async getPersonalChat(tenantId: string, userId: string): Promise<StoredRow<ConversationRecord> | undefined> {
    return this.conversations.get<ConversationRecord>(conversationKeys.personalChatPartition(tenantId, userId), conversationKeys.personalChatRow());
  }

  /** Stops proactive sends to this conversation until the app is installed again. Returns false when unknown. */
  async deactivate(conversationId: string, reason: string, now: Date): Promise<boolean> {
    const existing = await this.get(conversationId);
    if (!existing) return false;
    await this.save({ ...existing.data, active: false, deactivatedReason: reason, updatedAt: now.toISOString() });
    return true;
  }
}
