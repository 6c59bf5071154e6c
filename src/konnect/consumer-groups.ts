// Consumer <-> consumer group membership (a relation, not an entity: no id, no tags).
import { KonnectNotFoundError } from './errors.ts';
import { coreEntitiesRoot } from './endpoints.ts';
import type { CoreEntity } from './entities.ts';
import type { KonnectTransport } from './transport.ts';

const ENTITY = 'consumer group membership';

export class ConsumerGroupMembershipClient {
  private readonly transport: KonnectTransport;

  constructor(transport: KonnectTransport) {
    this.transport = transport;
  }

  async add(controlPlaneId: string, consumerGroupId: string, consumerId: string): Promise<void> {
    await this.transport.request({ method: 'POST', path: `${groupPath(controlPlaneId, consumerGroupId)}/consumers`, body: { consumer: consumerId }, action: 'create', entity: ENTITY });
  }

  /** True when removed, false when the membership (or either side) was already gone. */
  async remove(controlPlaneId: string, consumerGroupId: string, consumerId: string): Promise<boolean> {
    try {
      await this.transport.request({ method: 'DELETE', path: `${groupPath(controlPlaneId, consumerGroupId)}/consumers/${encodeURIComponent(consumerId)}`, action: 'delete', entity: ENTITY });
      return true;
    } catch (error) {
      if (error instanceof KonnectNotFoundError) return false;
      throw error;
    }
  }

  /** Groups the consumer belongs to (all pages). */
  async groupsOf(controlPlaneId: string, consumerId: string): Promise<CoreEntity[]> {
    return this.walk(`${coreEntitiesRoot(controlPlaneId)}/consumers/${encodeURIComponent(consumerId)}/consumer_groups`);
  }

  /** Consumers in the group (all pages). */
  async consumersOf(controlPlaneId: string, consumerGroupId: string): Promise<CoreEntity[]> {
    return this.walk(`${groupPath(controlPlaneId, consumerGroupId)}/consumers`);
  }

  private async walk(path: string): Promise<CoreEntity[]> {
    const all: CoreEntity[] = [];
    let offset: string | undefined;
    do {
      const res = await this.transport.request<{ data?: CoreEntity[]; offset?: string | null; next?: string | null }>({ method: 'GET', path, query: { offset }, action: 'list', entity: ENTITY });
      all.push(...(res.body?.data ?? []));
      offset = res.body?.next === null ? undefined : (res.body?.offset ?? undefined);
    } while (offset);
    return all;
  }
}

function groupPath(controlPlaneId: string, consumerGroupId: string): string {
  if (!consumerGroupId) throw new Error('consumer group id is required');
  return `${coreEntitiesRoot(controlPlaneId)}/consumer_groups/${encodeURIComponent(consumerGroupId)}`;
}
