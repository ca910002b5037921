#include "io/catalog_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "catalog/catalog_json.h"

namespace dl::io {
namespace {

std::string Extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return ext;
}

// Records where each thing of a decoded JSON catalogue sits, by JSON path.
void MapJsonSources(const Json& doc, SourceMap& sources) {
  auto add = [&](const Ref& ref, const std::string& path) {
    Location loc;
    loc.column = path;
    sources.Add(ref, loc);
  };
  auto each = [&](const char* field, auto key_of, const char* entity) {
    if (!doc.contains(field) || !doc[field].is_array()) return;
    const Json& arr = doc[field];
    for (size_t i = 0; i < arr.size(); ++i) {
      add({entity, key_of(arr[i]), "", ""},
          std::string("$.") + field + "[" + std::to_string(i) + "]");
    }
  };
  auto str = [](const Json& j, const char* k) {
    return j.is_object() && j.contains(k) && j[k].is_string() ? j[k].get<std::string>()
                                                              : std::string();
  };
  each(
      "units", [&](const Json& j) { return str(j, "code"); }, "unit");
  each(
      "posts", [&](const Json& j) { return str(j, "code"); }, "post");
  each(
      "persons", [&](const Json& j) { return str(j, "code"); }, "person");
  each(
      "assignments",
      [&](const Json& j) { return str(j, "person") + "/" + str(j, "post") + "/" + str(j, "from"); },
      "assignment");
  each(
      "relations",
      [&](const Json& j) {
        return str(j, "person") + "/" + str(j, "counterparty") + "/" + str(j, "kind");
      },
      "relation");
  if (!doc.contains("powers") || !doc["powers"].is_array()) return;
  const Json& powers = doc["powers"];
  for (size_t i = 0; i < powers.size(); ++i) {
    const Json& p = powers[i];
    const std::string code = str(p, "code");
    const std::string base = "$.powers[" + std::to_string(i) + "]";
    add({"power", code, "", ""}, base);
    auto parts = [&](const Json* arr, const std::string& path, const char* part, auto part_code) {
      if (!arr || !arr->is_array()) return;
      for (size_t k = 0; k < arr->size(); ++k) {
        add({"power", code, part, part_code((*arr)[k])}, path + "[" + std::to_string(k) + "]");
      }
    };
    const Json* flow = p.is_object() && p.contains("flow") ? &p["flow"] : nullptr;
    auto sub = [](const Json* j, const char* k) -> const Json* {
      return j && j->is_object() && j->contains(k) ? &(*j)[k] : nullptr;
    };
    parts(sub(flow, "nodes"), base + ".flow.nodes", "node",
          [&](const Json& j) { return str(j, "code"); });
    parts(sub(flow, "edges"), base + ".flow.edges", "edge",
          [&](const Json& j) { return str(j, "from") + "->" + str(j, "to"); });
    parts(sub(&p, "risks"), base + ".risks", "risk", [&](const Json& j) { return str(j, "code"); });
    parts(sub(&p, "controls"), base + ".controls", "control",
          [&](const Json& j) { return str(j, "code"); });
    parts(sub(&p, "benchmarks"), base + ".benchmarks", "benchmark",
          [&](const Json& j) { return str(j, "item") + "/" + str(j, "grade"); });
    parts(sub(&p, "status_history"), base + ".status_history", "status",
          [&](const Json& j) { return str(j, "date"); });
  }
}

Result<CatalogRead> ReadJson(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Err(ErrorCode::kNotFound, "无法打开文件 " + path);
  std::stringstream buf;
  buf << in.rdbuf();
  std::string error;
  auto doc = ParseJson(buf.str(), &error);
  if (!doc) return Err(ErrorCode::kInvalidArgument, path + " " + error);
  CatalogRead read;
  read.sources.set_file(path);
  std::vector<catalog::JsonProblem> problems;
  read.catalog = catalog::CatalogFromJson(*doc, &problems);
  for (const auto& p : problems) {
    Location loc;
    loc.file = path;
    loc.column = p.path;
    read.problems.push_back(Problem{Issue::Severity::kError, loc, p.message});
  }
  MapJsonSources(*doc, read.sources);
  return read;
}

}  // namespace

Result<CatalogRead> ReadCatalogFile(const std::string& path) {
  if (!std::filesystem::exists(path)) return Err(ErrorCode::kNotFound, "文件不存在: " + path);
  std::string ext = Extension(path);
  if (ext == ".json") return ReadJson(path);
  if (ext == ".xlsx") return ReadCatalogXlsx(path);
  return Err(ErrorCode::kInvalidArgument,
             "无法识别的文件类型“" + ext + "”: " + path + "（应为 .json 或 .xlsx）");
}

std::string CatalogJsonText(const catalog::Catalog& catalog) {
  return catalog::CatalogToJson(catalog).dump(2, ' ', false) + "\n";
}

Status WriteCatalogFile(const catalog::Catalog& catalog, const std::string& path,
                        const std::string& format) {
  std::string kind =
      format.empty() ? Extension(path).substr(Extension(path).empty() ? 0 : 1) : format;
  if (kind == "xlsx") return WriteCatalogXlsx(catalog, path);
  if (kind != "json") {
    return Err(ErrorCode::kInvalidArgument, "不支持的导出格式“" + kind + "”（应为 json 或 xlsx）");
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Err(ErrorCode::kIo, "无法写入文件 " + path);
  out << CatalogJsonText(catalog);
  out.close();
  if (!out) return Err(ErrorCode::kIo, "写入文件失败 " + path);
  return Ok();
}

}  // namespace dl::io
