import { ConversationReferenceStore } from '../store';

export class MemoryConversationReferences implements ConversationReferenceStore {
  private readonly references = new Map<string, Record<string, unknown>>();

  async save(key: string, reference: Record<string, unknown>): Promise<void> {
    this.references.set(key, structuredClone(reference));
  }

  async get(key: string): Promise<Record<string, unknown> | undefined> {
    const reference = this.references.get(key);
    return reference && structuredClone(reference);
  }
}
