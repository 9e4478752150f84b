import { actorLabel } from './actor-name';
import { tallyLine } from './components/correction-values';

describe('who acted, as every screen shows it', () => {
  it('the service\'s own writer reads «Hệ thống», never its id (before: "system:saga:case-record")', () => {
    expect(actorLabel('system:saga:case-record', null, 'Hệ thống')).toBe('Hệ thống');
    expect(actorLabel('system:timer:step-deadline', 'x', 'Hệ thống')).toBe('Hệ thống');
  });

  it('a person by the name recorded, else their id', () => {
    expect(actorLabel('staff-1', 'Trần Thị Bình', 'Hệ thống')).toBe('Trần Thị Bình');
    expect(actorLabel('staff-1', undefined, 'Hệ thống')).toBe('staff-1');
    expect(actorLabel(undefined, undefined, 'Hệ thống')).toBe('—');
  });
});

describe("a nomination's counts beside its correction", () => {
  it('names each candidate (before: "p-hoang-van-em: 12")', () => {
    const record = {
      tally: { members: 15, candidates: [{ personId: 'p-hoang-van-em', votes: 12 }] },
    };
    const names: Record<string, string> = { 'p-hoang-van-em': 'Hoàng Văn Em' };
    expect(
      tallyLine(
        record,
        (key) => key,
        (id) => names[id] ?? id,
      ),
    ).toBe('Hoàng Văn Em: 12');
  });
});
