#include "service/exception_service.h"

namespace dl::service {
Result<uint64_t> GrantException(writer::Writer& writer, const std::string& ledger_actor,
                                const catalog::Catalog& state, const Json& body,
                                const oversight::Actor& by, Date today) {
  DL_ASSIGN_OR_RETURN(oversight::Exception e, oversight::ExceptionFromJson(body));
  if (!oversight::GrantsFor(by, state, e.unit)) {
    return Err(ErrorCode::kPermissionDenied,
               "只有监督单位“" + e.unit + "”的纪检监察人员可以设立例外");
  }
  if (auto problems = oversight::ValidateException(e, state, today); !problems.empty()) {
    std::string message;
    for (const auto& p : problems) message += (message.empty() ? "" : "；") + p.message;
    return Err(ErrorCode::kInvalidArgument, message, IssuesToJson(problems));
  }
  writer::Submission sub{ledger_actor, {}, false};
  sub.commands.emplace_back(std::in_place_type<writer::GrantException>, std::move(e), by);
  DL_ASSIGN_OR_RETURN(writer::Receipt receipt, writer.Submit(std::move(sub)));
  return receipt.first_seq;
}

Status RevokeException(writer::Writer& writer, store::Queries& queries,
                       const std::string& ledger_actor, const catalog::Catalog& state, uint64_t id,
                       const std::string& reason, const oversight::Actor& by) {
  DL_ASSIGN_OR_RETURN(auto row, queries.ExceptionAt(id));
  if (!row) return Err(ErrorCode::kNotFound, "例外 " + std::to_string(id) + " 不存在");
  if (!oversight::GrantsFor(by, state, row->body.value("unit", ""))) {
    return Err(ErrorCode::kPermissionDenied, "只有监督该单位的纪检监察人员可以撤销例外");
  }
  if (row->status != oversight::kExceptionActive) {
    return Err(ErrorCode::kConflict,
               "例外 " + std::to_string(id) + " 已" +
                   (row->status == oversight::kExceptionLapsed ? "到期" : "撤销") + "，不能再撤销");
  }
  if (reason.empty()) return Err(ErrorCode::kInvalidArgument, "撤销例外须写明理由（reason）");
  writer::Submission sub{ledger_actor, {}, false};
  sub.commands.emplace_back(std::in_place_type<writer::RevokeException>, id, reason, by);
  DL_RETURN_IF_ERROR(writer.Submit(std::move(sub)));
  return Ok();
}

}  // namespace dl::service
