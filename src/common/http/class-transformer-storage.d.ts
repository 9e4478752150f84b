/**
 * class-transformer's metadata store, where its decorators record a field's transforms: its
 * CommonJS build ships the module without a declaration, the package's typings declare it apart.
 */
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
