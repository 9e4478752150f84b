import { CaseContext } from './case.context';
import { Body, Open } from './case.types';

/**
 * The elected posts a decision that moves the person does not end. A post a People's Council
 * elected the person to (a commune People's Committee vice-chair) is relieved by that council
 * (miễn nhiệm by HĐND), not by the decision of the body that moves them: an appointment elsewhere
 * or a rotation (luân chuyển, decided by the Party committee) leaves it on the record, awaiting
 * the council's relief (Nghị định 08/2016/NĐ-CP art. 13(2), as amended: the council relieves a
 * People's Committee member assigned other work; Luật Tổ chức chính quyền địa phương 2025 art.
 * 37(3)-(6): the commune council relieves the posts it elects — both read in restatements,
 * thuvienphapluat.vn and daibieunhandan.vn; text not checked). A transfer (điều động) is the
 * exception those texts name: decided by the competent authority (the higher People's Committee's
 * chair, Luật Tổ chức chính quyền địa phương 2015 art. 124(1)), it ends the post without the
 * council's relief, which is then reported to the council — so a transfer still ends it. Kiêm
 * nhiệm keeps every post anyway.
 */
export function electedPostsKept(
  state: Open,
  body: Body<'decision'>,
  context: CaseContext,
): { positionId: string; title: string }[] {
  if (body.keepsPreviousPost || state.definitionId.startsWith('transfer.')) return [];
  return (context.personFacts?.electedPosts ?? []).filter(
    (post) => post.positionId !== state.positionId,
  );
}
