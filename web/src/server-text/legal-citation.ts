// One reading of a citation for the screens and the server's Vietnamese downloads (the report's
// workbook): it lives beside the rule sets it reads.
export { citationInVietnamese } from '../../../src/workflow/rule-sets/citation-in-vietnamese';
