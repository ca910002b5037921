#include "portal/complaint.h"

#include <array>

#include "base/sha256.h"
#include "base/text.h"

namespace dl::portal {
namespace {

Error FieldError(const std::string& field, const std::string& what) {
  return Error{ErrorCode::kInvalidArgument, "字段 " + field + "：" + what, Json{{"field", field}}};
}

// Code points of valid UTF-8 text.
size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

Result<std::string> OptionalText(const Json& body, const char* field, size_t max) {
  return PublicText(body, field, max, /*optional=*/true);
}

Issue Problem(const std::string& field, std::string message) {
  return Issue{Issue::Severity::kError, {"complaint", "", "", ""}, field, std::move(message)};
}

}  // namespace

Result<std::string> PublicText(const Json& body, const char* field, size_t max, bool optional) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) {
    if (optional) return std::string();
    return tl::unexpected(FieldError(field, "必填"));
  }
  if (!it->is_string()) return tl::unexpected(FieldError(field, "应为文本"));
  const std::string& raw = it->get_ref<const std::string&>();
  if (!IsValidUtf8(raw)) return tl::unexpected(FieldError(field, "不是有效的 UTF-8 文本"));
  for (unsigned char c : raw) {
    if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7F) {
      return tl::unexpected(FieldError(field, "含有不可见的控制字符"));
    }
  }
  std::string text(Trim(raw));
  if (text.empty() && !optional) return tl::unexpected(FieldError(field, "不能为空"));
  if (CodePoints(text) > max) {
    return tl::unexpected(FieldError(field, "最多 " + std::to_string(max) + " 个字，现有 " +
                                                std::to_string(CodePoints(text)) + " 个"));
  }
  return text;
}

Result<Complaint> ComplaintFromJson(const Json& body) {
  if (!body.is_object()) return Err(ErrorCode::kInvalidArgument, "请求体应为 JSON 对象");
  Complaint c;
  DL_ASSIGN_OR_RETURN(std::string kind, PublicText(body, "kind", 20, false));
  auto parsed = kComplaintKinds.Parse(kind);
  if (!parsed) parsed = kComplaintKindNames.Parse(kind);
  if (!parsed) {
    return tl::unexpected(FieldError("kind", "应为 complaint（投诉）或 report（举报）"));
  }
  c.kind = *parsed;
  DL_ASSIGN_OR_RETURN(c.unit, PublicText(body, "unit", 100, false));
  DL_ASSIGN_OR_RETURN(c.power, OptionalText(body, "power", 100));
  DL_ASSIGN_OR_RETURN(c.case_id, OptionalText(body, "case", 100));
  DL_ASSIGN_OR_RETURN(c.person_name, OptionalText(body, "person_name", kMaxNameText));
  DL_ASSIGN_OR_RETURN(c.text, PublicText(body, "text", kMaxComplaintText, false));
  bool anonymous = false;
  if (auto a = body.find("anonymous"); a != body.end() && !a->is_null()) {
    if (!a->is_boolean()) return tl::unexpected(FieldError("anonymous", "应为 true 或 false"));
    anonymous = a->get<bool>();
  }
  auto contact = body.find("contact");
  const bool has_contact = contact != body.end() && !contact->is_null();
  if (anonymous) {
    if (has_contact) {
      return tl::unexpected(FieldError("contact", "匿名提交时不能同时留联系方式"));
    }
    return c;
  }
  if (!has_contact || !contact->is_object()) {
    return tl::unexpected(FieldError("contact", "实名提交请留下姓名和电话；不愿留时请选择匿名"));
  }
  Contact k;
  DL_ASSIGN_OR_RETURN(k.name, PublicText(*contact, "name", kMaxNameText, false));
  DL_ASSIGN_OR_RETURN(k.phone, PublicText(*contact, "phone", 30, false));
  for (char ch : k.phone) {
    if (!(ch >= '0' && ch <= '9') && ch != '-' && ch != ' ' && ch != '+' && ch != '(' &&
        ch != ')') {
      return tl::unexpected(FieldError("contact.phone", "电话只能含数字（可有空格、-、+、括号）"));
    }
  }
  DL_ASSIGN_OR_RETURN(k.email, PublicText(*contact, "email", 100, true));
  if (!k.email.empty() && k.email.find('@') == std::string::npos) {
    return tl::unexpected(FieldError("contact.email", "不是电子邮箱地址"));
  }
  c.contact = std::move(k);
  return c;
}

std::vector<Issue> ValidateComplaint(const Complaint& c, const catalog::Catalog& catalog) {
  std::vector<Issue> out;
  if (!catalog.units.contains(c.unit)) {
    out.push_back(Problem("unit", "单位“" + c.unit + "”不存在"));
  }
  if (!c.power.empty() && !catalog.powers.contains(c.power)) {
    out.push_back(Problem("power", "权力“" + c.power + "”不存在"));
  }
  return out;
}

Json ComplaintPayload(const Complaint& c, const std::string& supervisor,
                      const std::string& code_hash, const std::string& contact_sha256) {
  Json j = {{"kind", kComplaintKinds.Label(c.kind)},
            {"unit", c.unit},
            {"supervisor", supervisor},
            {"power", c.power},
            {"case", c.case_id},
            {"person_name", c.person_name},
            {"text", c.text},
            {"anonymous", !c.contact.has_value()},
            {"code_hash", code_hash}};
  if (!contact_sha256.empty()) j["contact_sha256"] = contact_sha256;
  return j;
}

std::string ContactText(const Contact& contact, const std::string& nonce) {
  return CanonicalJson({{"name", contact.name},
                        {"phone", contact.phone},
                        {"email", contact.email},
                        {"nonce", nonce}});
}

Result<Contact> ContactFromText(const std::string& text) {
  auto j = ParseJson(text, nullptr);
  if (!j || !j->is_object()) return Err(ErrorCode::kCorrupt, "投诉人联系方式的存储已损坏");
  return Contact{j->value("name", ""), j->value("phone", ""), j->value("email", "")};
}

std::string ComplaintWarningMessage(const Complaint& c) {
  std::string m = "群众" + std::string(kComplaintKindNames.Label(c.kind));
  if (!c.person_name.empty()) m += "（涉及人员：" + c.person_name + "）";
  if (!c.case_id.empty()) m += "（办件：" + c.case_id + "）";
  return m + "：" + c.text;
}

Result<Rating> RatingFromJson(const Json& body) {
  if (!body.is_object()) return Err(ErrorCode::kInvalidArgument, "请求体应为 JSON 对象");
  Rating r;
  auto s = body.find("score");
  if (s == body.end() || !s->is_number_integer() || s->get<int64_t>() < 1 ||
      s->get<int64_t>() > 5) {
    return tl::unexpected(FieldError("score", "应为 1 到 5 的整数（1 很不满意，5 很满意）"));
  }
  r.score = static_cast<int>(s->get<int64_t>());
  DL_ASSIGN_OR_RETURN(r.comment, OptionalText(body, "comment", kMaxCommentText));
  return r;
}

namespace {
constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
}

std::string TrackingCode(std::string_view random) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char b : random.substr(0, 10)) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      if (!out.empty() && (out.size() + 1) % 5 == 0) out += '-';
      out += kCrockford[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

std::string CodeHash(std::string_view code) {
  std::string norm = "daylight.complaint\n";
  for (char ch : code) {
    if (ch == '-' || ch == ' ') continue;
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    if (ch == 'O') ch = '0';
    if (ch == 'I' || ch == 'L') ch = '1';
    norm += ch;
  }
  return ToHex(Sha256(norm));
}

}  // namespace dl::portal
