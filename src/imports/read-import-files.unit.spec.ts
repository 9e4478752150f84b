import { createHash } from 'node:crypto';
import { DomainRuleViolation } from '../procedures/case/decider/domain-rule-violation';
import { ReadImportFiles } from './read-import-files';

const PEOPLE_HEADER =
  'Mã cán bộ,Họ và tên,Ngày sinh,Giới tính,Dân tộc,Đảng viên,Ngày vào Đảng,Trình độ chuyên môn,Lý luận chính trị,Mã đơn vị';

const file = (text: string) => {
  const bytes = Buffer.from(text, 'utf8');
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
};

const people = (...ids: string[]) =>
  file(
    [
      PEOPLE_HEADER,
      ...ids.map(
        (id) => `${id},Người ${id},12/04/1978,Nam,Kinh,Có,19/05/2003,Thạc sĩ,Cao cấp,ou-a`,
      ),
    ].join('\n'),
  );

describe('ReadImportFiles', () => {
  it('reads a file into rows and the people it declares', async () => {
    const { sha256, bytes } = people('p-an', 'p-binh');
    const read = await new ReadImportFiles().read(sha256, bytes, false);
    expect(read.format).toBe('csv');
    expect(read.parsed.rows.map((row) => row.values.personId)).toEqual(['p-an', 'p-binh']);
    expect([...read.declared]).toEqual(['p-an', 'p-binh']);
  });

  it('answers the import that follows a dry run of the same bytes with the rows the dry run read', async () => {
    const files = new ReadImportFiles();
    const { sha256, bytes } = people('p-an');
    const dryRun = await files.read(sha256, bytes, true);
    expect(await files.read(sha256, bytes, true)).toBe(dryRun);
    expect(await files.read(sha256, Buffer.from(bytes), false)).toBe(dryRun);
    const other = people('p-binh');
    expect(await files.read(other.sha256, other.bytes, true)).not.toBe(dryRun);
  });

  it('keeps nothing for an import: it takes what a dry run kept, and reads the file itself otherwise', async () => {
    const files = new ReadImportFiles();
    const { sha256, bytes } = people('p-an');
    const dryRun = await files.read(sha256, bytes, true);
    await files.read(sha256, bytes, false);
    const again = await files.read(sha256, bytes, false);
    expect(again).not.toBe(dryRun);
    expect(await files.read(sha256, bytes, false)).not.toBe(again);
  });

  it('keeps two dry runs: a third sends the one read longest ago out, to be read again', async () => {
    const files = new ReadImportFiles();
    const [a, b, c] = [people('p-a'), people('p-b'), people('p-c')];
    const first = await files.read(a.sha256, a.bytes, true);
    await files.read(b.sha256, b.bytes, true);
    await files.read(c.sha256, c.bytes, true);
    const again = await files.read(a.sha256, a.bytes, false);
    expect(again).not.toBe(first);
    expect(again.parsed.rows).toEqual(first.parsed.rows);
  });

  it('refuses a file it cannot read as the API does, and keeps nothing of it', async () => {
    const files = new ReadImportFiles();
    const unreadable = file('a,b\n1,2');
    const refused = files.read(unreadable.sha256, unreadable.bytes, true);
    await expect(refused).rejects.toBeInstanceOf(DomainRuleViolation);
    await expect(refused).rejects.toMatchObject({ field: 'file' });
    await expect(files.read(unreadable.sha256, unreadable.bytes, true)).rejects.toBeInstanceOf(
      DomainRuleViolation,
    );
  });
});
