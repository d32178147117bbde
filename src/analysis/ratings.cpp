#include "analysis/ratings.h"

#include "core/error.h"

namespace attune::analysis {

void check_rating(const Scheme& scheme, const std::string& scale_id, int value) {
  const RatingScale* scale = scheme.find_rating(scale_id);
  if (!scale)
    throw Error(ErrorKind::InvalidInput, "'" + scale_id + "' is not a global rating of scheme '" + scheme.name + "'.");
  if (value < scale->min || value > scale->max)
    throw Error(ErrorKind::InvalidInput, "A " + scale->name + " rating of " + std::to_string(value) +
                                             " is out of range; use a whole number from " + std::to_string(scale->min) +
                                             " to " + std::to_string(scale->max) + ".");
}

}  // namespace attune::analysis
