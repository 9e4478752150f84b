import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CheckpointPayload,
  SignedCheckpoint,
  WitnessDirectory,
} from '../../src/audit/checkpoints/witness-directory';

const signedAt = (sequence: number): SignedCheckpoint => ({
  checkpoint: {
    format: 'cadreflow-checkpoint/1',
    sequence,
    position: '1/1',
    events: 1,
    streams: 1,
    root: 'ab',
    createdAt: '2026-01-01T00:00:00.000Z',
    keyId: 'k1',
    previous: null,
  } satisfies CheckpointPayload,
  signature: 'c2ln',
});

describe('WitnessDirectory: checkpoint files written whole, once', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cf-witness-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a checkpoint and its events file and leaves no temporary file', () => {
    new WitnessDirectory(dir).write(signedAt(1), [['1/1', 's', 0, 'dd']]);
    expect(readdirSync(dir).sort()).toEqual([
      '0000000001.checkpoint.json',
      '0000000001.events.ndjson',
    ]);
    expect(new WitnessDirectory(dir).readCheckpoint(1)).toEqual(signedAt(1));
  });

  it('refuses to write over a checkpoint another signer wrote, and leaves its file as it was', () => {
    const witness = new WitnessDirectory(dir);
    witness.write(signedAt(1), []);
    const before = readFileSync(join(dir, '0000000001.checkpoint.json'), 'utf8');
    expect(() => witness.write({ ...signedAt(1), signature: 'b3RoZXI=' }, [])).toThrow(/EEXIST/);
    expect(readFileSync(join(dir, '0000000001.checkpoint.json'), 'utf8')).toBe(before);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('sets aside an empty checkpoint file left by a crash and writes the checkpoint in its place', () => {
    writeFileSync(join(dir, '0000000001.events.ndjson'), '["9/9","x",0,"ee"]\n');
    writeFileSync(join(dir, '0000000001.checkpoint.json'), '');
    new WitnessDirectory(dir).write(signedAt(1), [['1/1', 's', 0, 'dd']]);
    expect(new WitnessDirectory(dir).readCheckpoint(1)).toEqual(signedAt(1));
    expect(readFileSync(join(dir, '0000000001.events.ndjson'), 'utf8')).toBe(
      '["1/1","s",0,"dd"]\n',
    );
    expect(readdirSync(dir)).toContainEqual(
      expect.stringMatching(/^0000000001\.checkpoint\.json\.torn-\d+$/),
    );
  });
});
