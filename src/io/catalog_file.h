// Reading and writing catalogue files by their extension: .json (the interchange format,
// docs/formats.md) or .xlsx (the Excel layout, docs/excel.md).
#pragma once

#include <string>

#include "base/result.h"
#include "catalog/catalog.h"
#include "io/xlsx_catalog.h"

namespace dl::io {

// Reads a .json or .xlsx catalogue. An error only when the file cannot be read at all
// (missing, unknown extension, not JSON / not a workbook); every problem in the content is
// in the result's `problems`, located by file and row (xlsx) or JSON path.
Result<CatalogRead> ReadCatalogFile(const std::string& path);

// The interchange JSON text of a catalogue (pretty-printed, deterministic, ending in '\n').
std::string CatalogJsonText(const catalog::Catalog& catalog);

// Writes a .json or .xlsx file by the extension of `path`, or by `format` ("json"/"xlsx")
// when given.
Status WriteCatalogFile(const catalog::Catalog& catalog, const std::string& path,
                        const std::string& format = "");

}  // namespace dl::io
