// Power flowcharts (权力运行流程图) drawn as SVG with Graphviz.
#pragma once

#include <string>

#include "base/result.h"
#include "catalog/catalog.h"
#include "catalog/power.h"

namespace dl::render {

// Renders one power version's flow as a standalone SVG document (UTF-8), top to bottom:
// a title with the power's code and name; each node with its name, handling post (by name,
// from catalog.posts) and time limit, shaped by kind; edge conditions as labels; risk points
// coloured by level on their nodes, risks without a node in a note; and a legend.
// Each flow node's <g> carries id="node-<code>" so a page can highlight it.
// The flow need not be valid: whatever is there is drawn (edges to missing nodes end in a
// dashed placeholder).
// Returns kNotFound if the power has no flow, kInternal if Graphviz cannot lay out or render
// (e.g. its "dot" plugin is not installed). Thread-safe: calls into Graphviz are serialised.
Result<std::string> RenderFlowSvg(const catalog::Power& power, const catalog::Catalog& catalog);

}  // namespace dl::render
