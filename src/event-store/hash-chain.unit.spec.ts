import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { contentDigest, contentDigests, HashedContent } from './hash-chain';

const content: HashedContent = {
  streamId: 'cadre-p-1',
  id: 'e-1',
  type: 'PersonRegistered',
  schemaVersion: 1,
  data: { fullName: 'Nguyễn Văn A' },
  metadata: {
    actorId: 'u-1',
    correlationId: 'r-1',
    causationId: null,
    occurredAt: '2026-12-01T00:00:00.000Z',
  },
};

describe('contentDigest', () => {
  it('is the SHA-256 of the canonical content, as chains written before tracing were hashed', () => {
    const before = createHash('sha256').update(canonicalize(content), 'utf8').digest();
    expect(contentDigest(content)).toEqual(before);
  });

  it('leaves the trace context out: the same event with or without a traceparent has one digest', () => {
    const traced = {
      ...content,
      metadata: {
        ...content.metadata,
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      },
    };
    expect(contentDigest(traced)).toEqual(contentDigest(content));
  });

  it('still covers every other metadata field', () => {
    const changed = { ...content, metadata: { ...content.metadata, actorId: 'u-2' } };
    expect(contentDigest(changed)).not.toEqual(contentDigest(content));
  });
});

describe('contentDigests', () => {
  const traced = {
    ...content.metadata,
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  };
  const contents: HashedContent[] = [
    content,
    {
      ...content,
      id: 'e-2',
      type: 'PostAssigned',
      data: { positionId: 'pos-1', from: '2026-12-01' },
    },
    { ...content, id: 'e-3', schemaVersion: 2, metadata: traced },
    { ...content, id: 'e-4', metadata: traced, data: { list: [1, undefined, { b: 2, a: 1 }] } },
    {
      ...content,
      id: 'e-5',
      metadata: { ...content.metadata, occurredAt: '2026-12-02T00:00:00.000Z' },
    },
    // Shapes only the general path writes: an extra key, a field left out, no metadata at all.
    { ...content, id: 'e-6', extra: 'kept in the hash' } as HashedContent,
    { ...content, id: 'e-7', data: undefined },
    { ...content, id: 'e-8', metadata: null as unknown as HashedContent['metadata'] },
  ];

  it('gives each event the digest contentDigest gives it alone, shared metadata or not', () => {
    expect(contentDigests(contents)).toEqual(contents.map((one) => contentDigest(one)));
  });

  it('reads a metadata object changed between two calls afresh', () => {
    const metadata = { ...content.metadata };
    const first = contentDigests([{ ...content, metadata }]);
    metadata.actorId = 'u-2';
    const second = contentDigests([{ ...content, metadata }]);
    expect(second).not.toEqual(first);
    expect(second).toEqual([contentDigest({ ...content, metadata: { ...metadata } })]);
  });
});
