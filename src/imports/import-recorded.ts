import { SheetKind } from './import-template';

/** The stream of one imported file: `import-<first 32 hex digits of its SHA-256>`. */
export const importStream = (sha256: string): string => `import-${sha256.slice(0, 32)}`;

export type SheetCounts = Record<SheetKind, { rows: number; written: number; unchanged: number }>;

/**
 * A file was imported: which file (name as uploaded, SHA-256 of its bytes), by whom (the event's
 * metadata), into which unit's grant, and what it wrote. The records it wrote carry the same
 * `importId` in their metadata and the import as their correlation id.
 */
export interface ImportRecorded {
  type: 'ImportRecorded';
  data: {
    importId: string;
    fileName: string;
    sha256: string;
    format: 'xlsx' | 'csv';
    orgUnitId: string;
    counts: SheetCounts;
  };
}
