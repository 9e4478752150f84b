import { parseScoreList, unreadableScore } from './score-list';

describe("a board's scores as typed", () => {
  it('reads a decimal comma as Vietnamese writes it', () => {
    expect(parseScoreList('80,5; 82; 78')).toEqual([80.5, 82, 78]);
    expect(parseScoreList('80,5, 82, 78,25')).toEqual([80.5, 82, 78.25]);
    expect(parseScoreList('80,5 82 78')).toEqual([80.5, 82, 78]);
  });

  it('keeps the lists it read before: comma and space, bare commas, decimal dots', () => {
    expect(parseScoreList('80, 82, 78, 80, 80')).toEqual([80, 82, 78, 80, 80]);
    expect(parseScoreList('80,82,78')).toEqual([80, 82, 78]);
    expect(parseScoreList('75.5; 80')).toEqual([75.5, 80]);
  });

  it('names what is not a score', () => {
    expect(unreadableScore('80; tám mươi')).toBe('tám');
    expect(unreadableScore('80,5; 82')).toBeNull();
  });
});
