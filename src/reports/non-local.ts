import { searchName } from '../read-models/people.projection';

/** The words a province's own name is written with in unit names: "Tỉnh Quảng Ninh", "Thành phố Hà Nội". */
const PROVINCE_PREFIXES = ['tinh ', 'thanh pho '];

/** A province name compared without diacritics, case or the "Tỉnh"/"Thành phố" before it. */
export function provinceKey(name: string): string {
  let key = searchName(name).replace(/\s+/g, ' ');
  for (const prefix of PROVINCE_PREFIXES)
    if (key.startsWith(prefix)) key = key.slice(prefix.length);
  return key;
}

/**
 * Whether someone holding a post in a province is not from it (cán bộ không phải người địa
 * phương): their recorded province of origin differs from the province the post's unit lies in.
 * Null when either is unknown (no place of origin recorded, or no province above the unit).
 */
export function isNonLocal(
  originProvince: string | null,
  postProvince: string | null,
): boolean | null {
  if (!originProvince || !postProvince) return null;
  return provinceKey(originProvince) !== provinceKey(postProvince);
}
