// What the public sends (阳光公开, docs/portal.md): a rating of a closed case (满意度评价), a
// complaint or report (投诉 / 信访举报) about a unit, a power, a case or a person, and what its
// submitter adds later. Everything here is text from strangers: each field is checked for type,
// length and characters, and is only ever shown escaped. Pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/issue.h"
#include "base/json.h"
#include "base/labels.h"
#include "base/result.h"
#include "catalog/catalog.h"

namespace dl::portal {

inline constexpr size_t kMaxComplaintText = 2000;  // characters (code points)
inline constexpr size_t kMaxCommentText = 500;
inline constexpr size_t kMaxNameText = 50;

enum class ComplaintKind { kComplaint, kReport };
inline constexpr LabelTable<ComplaintKind, 2> kComplaintKinds{{{
    {ComplaintKind::kComplaint, "complaint"},
    {ComplaintKind::kReport, "report"},
}}};
inline constexpr LabelTable<ComplaintKind, 2> kComplaintKindNames{{{
    {ComplaintKind::kComplaint, "投诉"},
    {ComplaintKind::kReport, "举报"},
}}};

// How the submitter may be reached; only the inspectors handling the complaint see it.
struct Contact {
  std::string name, phone, email;
};

struct Complaint {
  ComplaintKind kind = ComplaintKind::kComplaint;
  std::string unit;                // the unit concerned (required)
  std::string power;               // a power of it (optional)
  std::string case_id;             // a case's receipt code (optional)
  std::string person_name;         // the person concerned, as the submitter names them (optional)
  std::string text;                // what happened (required)
  std::optional<Contact> contact;  // nullopt: anonymous
};

// {"kind","unit","power"?,"case"?,"person_name"?,"text","anonymous","contact"?:{"name","phone",
// "email"}}; invalid_argument naming the field, in Chinese, otherwise. Not anonymous needs a
// contact with a name and a phone.
Result<Complaint> ComplaintFromJson(const Json& body);
// Checks the references against the declared state: the unit exists, the power (if any) exists.
std::vector<Issue> ValidateComplaint(const Complaint& c, const catalog::Catalog& catalog);

// The complaint.file payload: {"kind","unit","supervisor","power","case","person_name","text",
// "anonymous","code_hash","contact_sha256"?} — the contact itself is stored apart (its hash in the
// ledger binds it), so the ledger never holds it.
Json ComplaintPayload(const Complaint& c, const std::string& supervisor,
                      const std::string& code_hash, const std::string& contact_sha256);
// The stored contact: {"name","phone","email","nonce"}; the nonce keeps its hash from being
// guessed from a phone number.
std::string ContactText(const Contact& contact, const std::string& nonce);
Result<Contact> ContactFromText(const std::string& text);

// The message of the warning a complaint raises (its source is 信访举报).
std::string ComplaintWarningMessage(const Complaint& c);

// A text the public adds or comments with: required (unless `optional`), at most `max` characters,
// no control characters other than line breaks and tabs; trimmed. `field` names it in errors.
Result<std::string> PublicText(const Json& body, const char* field, size_t max, bool optional);

// 满意度评价 of a closed case.
struct Rating {
  int score = 0;  // 1..5
  std::string comment;
};
// {"score": 1..5, "comment"?}.
Result<Rating> RatingFromJson(const Json& body);

// A complaint's tracking code (查询码): 80 random bits as four groups of four characters of
// Crockford's base32 ("7K2M-Q9XD-…"). `random` must hold 10 bytes.
std::string TrackingCode(std::string_view random);
// The hash under which a code is stored (never the code itself): lower-case hex SHA-256 of the
// normalised code (upper case; '-' and spaces dropped; O read as 0, I and L as 1).
std::string CodeHash(std::string_view code);

}  // namespace dl::portal
