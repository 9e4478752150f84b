/**
 * How a decision's number (số, ký hiệu) is written, for the API's field descriptions. State bodies
 * number `<number>/<kind>-<issuer>` (Nghị định 30/2020/NĐ-CP on administrative documents), the
 * Party `<number>-<kind>/<issuer>` (Hướng dẫn 36-HD/VPTW) [texts not checked here]; the engine
 * stores the number as typed and never parses it.
 */
export const DECISION_NUMBER_FORMS =
  'as the issuer writes it: a State decision 201/QĐ-UBND, a Party one 215-QĐ/TU';
