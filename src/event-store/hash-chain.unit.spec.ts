import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { contentDigest, HashedContent } from './hash-chain';

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
