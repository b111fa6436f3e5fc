import { RequestRepository } from '../../src/invitation/request-repository';

/** The repository, counting the requests its lists hand out: what a step reads from the store. */
export function countingReads(requests: RequestRepository): { requests: RequestRepository; read: () => number } {
  let read = 0;
  const counted = <T extends unknown[]>(rows: T) => ((read += rows.length), rows);
  return {
    requests: {
      create: (request) => requests.create(request),
      get: (id) => requests.get(id),
      update: (request, etag) => requests.update(request, etag),
      countCreatedSince: (requesterId, since) => requests.countCreatedSince(requesterId, since),
      list: async (query) => counted(await requests.list(query)),
      listDue: async (query) => counted(await requests.listDue(query)),
    },
    read: () => read,
  };
}
