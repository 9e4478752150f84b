import { Language } from './accept-language';

type Titles = Record<Language, string>;

/**
 * The short, unchanging summary of each kind of problem (RFC 9457 `title`), in English and
 * Vietnamese. The `detail` carries the numbers of the occurrence; the title never does.
 * A rule missing here is titled by its HTTP status.
 */
const TITLE_BY_RULE: Record<string, Titles> = {
  'scope.top_level_only': {
    // Not only admins: an auditor of a top-level unit checks the whole store and signs checkpoints.
    en: 'For a grant on a top-level unit only',
    vi: 'Chỉ dành cho người được giao quyền ở đơn vị cấp cao nhất',
  },
  'body.invalid': { en: 'The request body is invalid', vi: 'Nội dung yêu cầu không hợp lệ' },
  'query.invalid': { en: 'A query parameter is invalid', vi: 'Tham số truy vấn không hợp lệ' },
  'body.malformed_json': {
    en: 'The request body is not valid JSON',
    vi: 'Nội dung yêu cầu không phải JSON hợp lệ',
  },
  'body.too_large': { en: 'The request body is too large', vi: 'Nội dung yêu cầu quá lớn' },
  'body.invalid_utf8': {
    en: 'The request body is not UTF-8',
    vi: 'Nội dung yêu cầu không phải UTF-8',
  },
  'body.unsupported_media_type': {
    en: 'The request body is not JSON',
    vi: 'Nội dung yêu cầu không ở dạng JSON',
  },
  'body.charset': {
    en: 'The request body is not in UTF-8',
    vi: 'Nội dung yêu cầu không dùng bảng mã UTF-8',
  },
  'body.invalid_text': {
    en: 'A text holds characters it may not',
    vi: 'Văn bản chứa ký tự không được phép',
  },
  'body.forbidden_key': {
    en: 'The request body holds a forbidden key',
    vi: 'Nội dung yêu cầu chứa khóa không được phép',
  },
  'body.repeated_key': {
    en: 'The request body gives a key twice',
    vi: 'Nội dung yêu cầu có một khóa lặp lại',
  },
  'body.not_object': {
    en: 'The request body is not one JSON object',
    vi: 'Nội dung yêu cầu không phải một đối tượng JSON',
  },
  'body.too_deep': {
    en: 'The request body is nested too deeply',
    vi: 'Nội dung yêu cầu lồng nhau quá sâu',
  },
  'query.invalid_text': {
    en: 'A query parameter holds characters it may not',
    vi: 'Tham số truy vấn chứa ký tự không được phép',
  },
  'query.invalid_encoding': {
    en: 'A query parameter is not valid percent-encoded UTF-8',
    vi: 'Tham số truy vấn không được mã hóa hợp lệ',
  },
  'query.repeated': {
    en: 'A query parameter is given more than once',
    vi: 'Tham số truy vấn bị lặp lại',
  },
  'query.empty': {
    en: 'A query parameter is empty',
    vi: 'Tham số truy vấn để trống',
  },
  'query.unknown_parameter': {
    en: 'The route does not take this query parameter',
    vi: 'Chức năng này không nhận tham số truy vấn này',
  },
  'query.forbidden_key': {
    en: 'The query holds a forbidden key',
    vi: 'Truy vấn chứa khóa không được phép',
  },
  'path.invalid_text': {
    en: 'An id in the path holds characters it may not',
    vi: 'Mã trong đường dẫn chứa ký tự không được phép',
  },
  'token.in_query': {
    en: 'A token goes in the Authorization header, not in the URL',
    vi: 'Mã xác thực phải gửi trong tiêu đề Authorization, không trong URL',
  },
  'auth.unauthenticated': {
    en: 'A valid bearer token is needed',
    vi: 'Cần mã xác thực (bearer token) hợp lệ',
  },
  'role.not_allowed': {
    en: 'Your role may not use this route',
    vi: 'Vai trò của bạn không được dùng chức năng này',
  },
  'step.role_not_allowed': {
    en: 'Your role may not perform this step',
    vi: 'Vai trò của bạn không được thực hiện bước này',
  },
  'scope.out_of_scope': {
    en: 'Outside the org unit of your grant',
    vi: 'Ngoài phạm vi đơn vị được giao',
  },
  'scope.unknown_unit': {
    en: 'Your grant names an org unit that does not exist',
    vi: 'Đơn vị được giao không tồn tại',
  },
  'scope.top_level_needs_admin': {
    en: 'Only an admin may create a top-level org unit',
    vi: 'Chỉ quản trị viên được tạo đơn vị cấp cao nhất',
  },
  'separation.subject': {
    en: 'The subject of a case may not act on it',
    vi: 'Người là đối tượng của hồ sơ không được thao tác trên hồ sơ đó',
  },
  'separation.tally_and_decision': {
    en: 'Whoever recorded the tally may not issue the decision',
    vi: 'Người ghi kết quả kiểm phiếu không được ban hành quyết định',
  },
  'case.not_found': { en: 'The case does not exist', vi: 'Hồ sơ không tồn tại' },
  'case.exists': { en: 'The case already exists', vi: 'Hồ sơ đã tồn tại' },
  'case.closed': { en: 'The case is closed', vi: 'Hồ sơ đã đóng' },
  'person.not_found': { en: 'The person is not registered', vi: 'Người này chưa được đăng ký' },
  'person.not_registered_on': {
    en: 'The person was not yet registered on that day',
    vi: 'Vào ngày đó người này chưa được đăng ký',
  },
  'position.not_found': { en: 'The post does not exist', vi: 'Chức vụ không tồn tại' },
  'org_unit.not_found': { en: 'The org unit does not exist', vi: 'Đơn vị không tồn tại' },
  'resource.not_found': { en: 'Not found', vi: 'Không tìm thấy' },
  'concurrency.stale_revision': {
    // A case's or a person's record alike: the detail names which.
    en: 'The record moved since you read it',
    vi: 'Hồ sơ đã thay đổi kể từ lần bạn đọc',
  },
  'idempotency.id_reused': {
    en: 'The Idempotency-Key was already used for another write',
    vi: 'Idempotency-Key đã được dùng cho một thao tác ghi khác',
  },
  'idempotency.key_reused': {
    en: 'The Idempotency-Key was already used for a different request',
    vi: 'Idempotency-Key đã được dùng cho một yêu cầu khác',
  },
  'idempotency.in_flight': {
    en: 'The first request with this Idempotency-Key is still running',
    vi: 'Yêu cầu đầu tiên với Idempotency-Key này vẫn đang xử lý',
  },
  'idempotency.key_too_long': {
    en: 'The Idempotency-Key is too long',
    vi: 'Idempotency-Key quá dài',
  },
  'case.id_taken': {
    en: 'The case id is already used by a case of another procedure',
    vi: 'Mã hồ sơ đã được dùng cho hồ sơ của quy trình khác',
  },
  'case.duplicate_open': {
    en: 'A case of this procedure is already open for this person and post',
    vi: 'Đã có hồ sơ đang mở cùng quy trình cho người và chức vụ này',
  },
  'rate_limit.exceeded': { en: 'Too many requests', vi: 'Quá nhiều yêu cầu' },
  'ballot.failed': { en: 'The ballot did not pass', vi: 'Biểu quyết không đạt' },
  'ballot.no_quorum': {
    en: 'The conference had no quorum',
    vi: 'Hội nghị không đủ số thành viên có mặt',
  },
  'ballot.tie_needs_head': {
    en: 'A tied ballot needs the head’s decision',
    vi: 'Số phiếu ngang nhau cần ý kiến quyết định của người đứng đầu',
  },
  'tally.inconsistent': {
    en: 'The tally does not add up',
    vi: 'Kết quả kiểm phiếu không khớp',
  },
  'step.out_of_order': {
    en: 'This step is not the current one',
    vi: 'Bước này chưa đến lượt hoặc đã qua',
  },
  'step.unknown': { en: 'The procedure has no such step', vi: 'Quy trình không có bước này' },
  'step.in_the_future': { en: 'The step is dated in the future', vi: 'Ngày của bước ở tương lai' },
  'step.held_before_current': {
    en: 'The step is dated before the case reached it',
    vi: 'Ngày của bước trước ngày hồ sơ đến bước này',
  },
  'step.held_before_opening': {
    en: 'The first step is dated before the case was opened',
    vi: 'Ngày của bước đầu tiên trước ngày mở hồ sơ',
  },
  'vetting.flagged_item_blocks_decision': {
    en: 'A flagged vetting item blocks the decision',
    vi: 'Nội dung thẩm định bị đánh dấu đang chặn việc ra quyết định',
  },
  'discipline.limitation_expired': {
    en: 'The limitation period has expired',
    vi: 'Đã hết thời hiệu xử lý kỷ luật',
  },
  'discipline.violation_already_handled': {
    en: 'This violation is already handled in another case of the track',
    vi: 'Vi phạm này đã được xử lý kỷ luật trong hồ sơ khác',
  },
  'discipline.complaint_window_closed': {
    en: 'The complaint window has closed',
    vi: 'Đã hết thời hạn khiếu nại',
  },
  'field.required': { en: 'A required field is missing', vi: 'Thiếu trường bắt buộc' },
  'query.as_of': { en: 'asOf is not a valid time', vi: 'asOf không phải thời điểm hợp lệ' },
  'access_log.purpose_too_long': {
    en: 'The purpose given for the read is too long',
    vi: 'Mục đích truy cập quá dài',
  },
  'access_log.purpose_not_utf8': {
    en: 'The purpose given for the read is not UTF-8 text',
    vi: 'Mục đích truy cập không phải văn bản UTF-8',
  },
  'header.if_match': {
    en: 'If-Match is not a revision',
    vi: 'If-Match không phải số phiên bản hồ sơ',
  },
  'internal.unexpected': { en: 'Unexpected error', vi: 'Lỗi không mong đợi' },
  'service.unavailable': {
    en: 'A service the API depends on is unavailable',
    vi: 'Dịch vụ hệ thống phụ thuộc tạm thời không sẵn sàng',
  },
  'import.invalid_rows': {
    en: 'The file has bad rows; nothing was imported',
    vi: 'Tệp có dòng sai; chưa nhập dữ liệu nào',
  },
  'import.file_required': {
    en: 'No spreadsheet was sent',
    vi: 'Chưa gửi tệp bảng tính',
  },
  'import.not_utf8': {
    en: 'The file is neither xlsx nor UTF-8 text',
    vi: 'Tệp không phải xlsx hoặc văn bản UTF-8',
  },
  'import.too_many_rows': {
    en: 'The file has too many rows for one import',
    vi: 'Tệp có quá nhiều dòng cho một lần nhập',
  },
  'case.opened_on_needs_records_clerk': {
    en: 'Opening a case as of a past day needs the records clerk role',
    vi: 'Chỉ văn thư lưu trữ được mở hồ sơ theo ngày trong quá khứ',
  },
  'definition.not_in_force': {
    en: 'The procedure version was not in force on that day',
    vi: 'Phiên bản quy trình chưa có hiệu lực vào ngày đó',
  },
};

const TITLE_BY_STATUS: Record<number, Titles> = {
  400: { en: 'Bad request', vi: 'Yêu cầu không hợp lệ' },
  401: { en: 'Not authenticated', vi: 'Chưa xác thực' },
  403: { en: 'Forbidden', vi: 'Không có quyền' },
  404: { en: 'Not found', vi: 'Không tìm thấy' },
  409: { en: 'Conflict', vi: 'Xung đột trạng thái' },
  413: { en: 'The request body is too large', vi: 'Nội dung yêu cầu quá lớn' },
  422: { en: 'Refused by a rule', vi: 'Bị từ chối theo quy định' },
  429: { en: 'Too many requests', vi: 'Quá nhiều yêu cầu' },
  500: { en: 'Unexpected error', vi: 'Lỗi không mong đợi' },
  503: {
    en: 'A service the API depends on is unavailable',
    vi: 'Dịch vụ hệ thống phụ thuộc tạm thời không sẵn sàng',
  },
};

export function problemTitle(rule: string, status: number, language: Language): string {
  const titles =
    TITLE_BY_RULE[rule] ?? TITLE_BY_STATUS[status] ?? TITLE_BY_STATUS[status >= 500 ? 500 : 400];
  return titles[language];
}
