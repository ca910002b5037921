// The CLI's commands. Each returns the process exit code.
#pragma once

#include <cstdint>
#include <string>

#include "cli/context.h"
#include "store/store.h"

namespace dl::cli {

int RunInit(Context& ctx, const std::string& db, const std::string& config);
// The demo county and, unless `cases` is 0, a year of its cases recorded month by month.
int RunDemo(Context& ctx, const std::string& db, uint64_t seed, int cases);
int RunImportCatalog(Context& ctx, const std::string& db, const std::string& file, bool dry_run);
int RunImportEvents(Context& ctx, const std::string& db, const std::string& file,
                    const std::string& mapping, bool dry_run);
int RunExportCatalog(Context& ctx, const std::string& db, const std::string& format,
                     const std::string& out);
int RunExportTemplate(Context& ctx, const std::string& out);
int RunRenderFlow(Context& ctx, const std::string& db, const std::string& power_code,
                  const std::string& out, const std::string& on_date);
int RunValidate(Context& ctx, const std::string& db, const std::string& today);
int RunReportChanges(Context& ctx, const std::string& db, const std::string& by);
int RunSummary(Context& ctx, const std::string& db);
// Serves the HTTP API and the web UI until SIGINT or SIGTERM (serve.cc).
int RunServe(Context& ctx, const std::string& db, const std::string& listen,
             const std::string& web_root, int threads, bool quiet = false);
int RunVerify(Context& ctx, const std::string& db, bool deep, const std::string& pubkey,
              const std::string& previous);
int RunRotate(Context& ctx, const std::string& db, const std::string& archive,
              const std::string& period);
int RunKey(Context& ctx, const std::string& db);
int RunProof(Context& ctx, const std::string& db, const std::string& what, uint64_t a, uint64_t b);
int RunCheckpoints(Context& ctx, const std::string& db);
int RunWarnings(Context& ctx, const std::string& db, const store::WarningFilter& filter);
// The demo's older warnings taken through their life (answered, disposed, closed, dismissed);
// returns how many were touched.
Result<size_t> DemoDisposals(store::Store& store, writer::Writer& writer);
// 考核: scores every unit that owns powers in `period` ("2026Q3", "2026") by the scheme (the
// default when `scheme` is empty); writes the xlsx report to `out` when given.
int RunAssess(Context& ctx, const std::string& db, const std::string& period,
              const std::string& scheme, const std::string& out);
int RunEvidence(Context& ctx, const std::string& db, const std::string& kind, const std::string& id,
                const std::string& out);

}  // namespace dl::cli
