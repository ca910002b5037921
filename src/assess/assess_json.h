// The JSON form of an assessment, for the API and the printable page.
#pragma once

#include "assess/assess.h"
#include "base/json.h"

namespace dl::assess {

// {"scheme", "period": {"code", "label", "first", "last"}, "grades": {"优秀": 90, "良好": 80,
//  "合格": 60}, "units": [{"unit", "name", "total", "grade", "rank", "indicators": [{"id",
//  "name", "source", "weight", "used_weight", "value", "numerator", "denominator",
//  "available", "deducted", "score", "note", "facts": [{"kind", "id", "note"}]}]}]}
// Units by rank. Points are numbers rounded to 0.01; value is null when not available.
Json AssessmentToJson(const Assessment& assessment);

}  // namespace dl::assess
