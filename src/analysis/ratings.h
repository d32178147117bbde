#pragma once
// Global ratings (e.g. sensitivity 1-9) are checked here against the scheme's scales;
// storing them is the store's job.
#include <string>

#include "core/scheme.h"

namespace attune::analysis {

// Throws Error(InvalidInput) when `scale_id` is not a rating scale of the scheme or `value`
// lies outside its min..max.
void check_rating(const Scheme& scheme, const std::string& scale_id, int value);

}  // namespace attune::analysis
